// @vitest-environment jsdom
// The mention store as a heavy page exercises it: company order kept without sorting every
// mention, marks as StaticRanges, the MAX_MARKS limit, drops under a rescanned root, and runs of
// many inline nodes read in pauses. jsdom has no highlight registry: a Set stands in for Highlight.
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { MAX_MARKS, Mentions } from '../../src/content/mentions.ts';
import { pacedTextRuns, textRuns } from '../../src/content/text-scan.ts';

beforeAll(() => {
  (globalThis as unknown as { Highlight: unknown }).Highlight = class extends Set<AbstractRange> { priority = 0; };
});

const matcher = () => new Matcher({ entities: ['hikvision', 'huawei', 'dahua'], names: [['hikvision', 0, 0, 'Hikvision'], ['huawei', 1, 0, 'Huawei'], ['dahua technology', 2, 0, 'Dahua Technology']] });

function scanAll(m: Mentions, root: Node): void {
  for (const step of m.scan(root)) void step;
}

describe('Mentions on a heavy page', () => {
  it('lists companies in order of first mention, also after that mention leaves', () => {
    document.body.innerHTML = '<p id="a">Huawei first</p><p id="b">then Hikvision and Huawei</p><p id="c">Dahua <em>Technology</em> last</p>'; // test fixture only
    const m = new Mentions(matcher(), () => null);
    scanAll(m, document.body);
    expect(m.entities()).toEqual(['huawei', 'hikvision', 'dahua']);
    expect([...m.all()].every((x) => x.mark instanceof StaticRange)).toBe(true);
    expect([...m.all()].map((x) => x.range.toString())).toEqual(['Huawei', 'Hikvision', 'Huawei', 'Dahua Technology']);
    document.getElementById('a')!.remove();
    m.dropStale();
    expect(m.entities()).toEqual(['hikvision', 'huawei', 'dahua']);
    // Text added before everything else comes first, though a later scan found it.
    const p = document.createElement('p');
    p.textContent = 'Dahua Technology opens';
    document.body.prepend(p);
    scanAll(m, p);
    expect(m.entities()).toEqual(['dahua', 'hikvision', 'huawei']);
  });

  it('drops what sat under a rescanned root, and only that', () => {
    document.body.innerHTML = '<p id="a">Huawei <b>and</b> Hikvision</p><p id="b">Huawei again</p>'; // test fixture only
    const m = new Mentions(matcher(), () => null);
    scanAll(m, document.body);
    expect(m.size).toBe(3);
    document.getElementById('a')!.firstChild!.textContent = 'nothing ';
    scanAll(m, document.getElementById('a')!);
    expect([...m.all()].map((x) => x.text).sort()).toEqual(['Hikvision', 'Huawei']);
  });

  it(`marks at most MAX_MARKS (${MAX_MARKS}) and still lists companies named past it`, () => {
    document.body.innerHTML = `<p>${'Huawei said. '.repeat(MAX_MARKS + 10)}</p><p>Hikvision said.</p>`; // test fixture only
    const m = new Mentions(matcher(), () => null);
    scanAll(m, document.body);
    expect(m.size).toBe(MAX_MARKS);
    expect(m.entities()).toEqual(['huawei', 'hikvision']);
  });

  it('reads a run of many inline nodes in pauses, as one run', () => {
    document.body.innerHTML = `<p>${'a <b>b</b> '.repeat(1500)}Dahua <i>Technology</i></p>`; // test fixture only
    const paced = [...pacedTextRuns(document.body, null)];
    expect(paced.filter((r) => r === null).length).toBeGreaterThan(1);
    const runs = [...textRuns(document.body, null)];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.text.endsWith('Dahua Technology')).toBe(true);
    const m = new Mentions(matcher(), () => null);
    scanAll(m, document.body);
    expect([...m.all()].map((x) => [x.text, x.nodes.length])).toEqual([['Dahua Technology', 2]]); // " Dahua " and "Technology"
  });
});
