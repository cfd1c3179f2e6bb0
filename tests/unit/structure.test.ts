// @vitest-environment jsdom
// Page structure, DOM-free or jsdom-deep: text read in open shadow roots (never closed ones),
// page order across shadow trees, and a tab's companies gathered from its frames.
import { describe, expect, it } from 'vitest';
import { compareRanges } from '../../src/content/first-mentions.ts';
import { composedParent, textRuns } from '../../src/content/text-scan.ts';
import { newPage, tabCompanies, withFrame } from '../../src/core/tab-frames.ts';

function host(id: string, mode: 'open' | 'closed', text: string): ShadowRoot {
  const el = document.getElementById(id)!;
  const root = el.attachShadow({ mode });
  const p = document.createElement('p');
  p.textContent = text;
  root.append(p);
  return root;
}

describe('textRuns and shadow roots', () => {
  it('reads open shadow roots where their host stands, reports them, and never reads closed ones', () => {
    document.body.innerHTML = '<p>before</p><div id="a"></div><div id="c"></div><p>after</p>'; // test fixture only
    const open = host('a', 'open', 'Huawei in an open root');
    const nested = document.createElement('div');
    open.append(nested);
    const inner = nested.attachShadow({ mode: 'open' });
    inner.append('Kaspersky Lab nested');
    host('c', 'closed', 'Sberbank in a closed root');
    const seen: ShadowRoot[] = [];
    expect([...textRuns(document.body, null, (r) => seen.push(r))].map((r) => r.text)).toEqual([
      'before', 'Huawei in an open root', 'Kaspersky Lab nested', 'after',
    ]);
    expect(seen).toEqual([open, inner]);
  });

  it('does not join text on either side of a host into one run', () => {
    document.body.innerHTML = '<p>Huawei <span id="a"></span>Technologies</p>';
    host('a', 'open', 'x');
    expect([...textRuns(document.body, null)].map((r) => r.text)).toEqual(['Huawei ', 'x', 'Technologies']);
  });

  it('looks through shadow boundaries for exclusion', () => {
    document.body.innerHTML = '<div contenteditable="true"><span id="a"></span></div><div id="b"></div>';
    const inEditor = host('a', 'open', 'Huawei');
    const plain = host('b', 'open', 'Huawei');
    expect(composedParent(inEditor.querySelector('p')!)).toBe(document.getElementById('a'));
    expect([...textRuns(inEditor.querySelector('p')!, null)]).toEqual([]);
    expect([...textRuns(inEditor, null)]).toEqual([]);
    expect([...textRuns(plain.querySelector('p')!, null)].map((r) => r.text)).toEqual(['Huawei']);
  });
});

describe('compareRanges', () => {
  const rangeOf = (n: Node) => {
    const r = document.createRange();
    r.selectNodeContents(n);
    return r;
  };
  it('orders ranges in the document and in shadow trees by where they render', () => {
    document.body.innerHTML = '<p id="x">first</p><div id="a"></div><p id="y">last</p>';
    const shadow = host('a', 'open', 'middle');
    const [first, middle, last] = [rangeOf(document.getElementById('x')!), rangeOf(shadow.querySelector('p')!), rangeOf(document.getElementById('y')!)];
    expect(() => first.compareBoundaryPoints(Range.START_TO_START, middle)).toThrow(); // why compareRanges exists
    expect([last, middle, first].sort(compareRanges)).toEqual([first, middle, last]);
    expect(compareRanges(middle, middle)).toBe(0);
  });
});

describe('a tab across frames', () => {
  it('lists each company once, top frame first, with the frame that names it first', () => {
    let rec = newPage('example.org');
    rec = withFrame(rec, 7, ['huawei', 'zte']);
    rec = withFrame(rec, 0, ['hikvision', 'huawei']);
    rec = withFrame(rec, 3, ['zte']);
    expect(tabCompanies(rec)).toEqual([
      { id: 'hikvision', frameId: 0 }, { id: 'huawei', frameId: 0 }, { id: 'zte', frameId: 3 },
    ]);
  });
  it('drops a frame that reports nothing (gone, or its page changed) and keeps the others', () => {
    let rec = withFrame(withFrame(newPage('example.org'), 0, ['hikvision']), 5, ['zte']);
    rec = withFrame(rec, 5, []);
    expect(rec.frames).toEqual({ 0: ['hikvision'] });
    expect(tabCompanies(newPage('example.org'))).toEqual([]);
  });
  it('ignores keys that are not frame ids', () => {
    expect(tabCompanies({ site: 'x', frames: { nope: ['zte'], 2: ['dji'] } })).toEqual([{ id: 'dji', frameId: 2 }]);
  });
});
