// @vitest-environment jsdom
// Reading page text into runs and mapping matches back to DOM ranges (jsdom; hit-testing and
// highlights need a real browser and are covered end to end).
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { staticRangeIn, textRuns, type TextRun } from '../../src/content/text-scan.ts';

/** A mark's place (a StaticRange, as the content script makes it) read through a live Range. */
function rangeIn(run: TextRun, start: number, end: number): Range {
  const mark = staticRangeIn(run, start, end);
  const range = document.createRange();
  range.setStart(mark.startContainer, mark.startOffset);
  range.setEnd(mark.endContainer, mark.endOffset);
  return range;
}

function runsOf(html: string): string[] {
  document.body.innerHTML = html; // test fixture only: shipped code never parses HTML
  return [...textRuns(document.body, null)].map((r) => r.text);
}

describe('textRuns', () => {
  it('joins text across inline elements and splits at blocks and line breaks', () => {
    expect(runsOf('<p>Huawei <em>Technologies</em> said</p><p>Dahua<br>Technology</p>')).toEqual([
      'Huawei Technologies said', 'Dahua', 'Technology',
    ]);
  });
  it('skips controls, editors, code, scripts and hidden elements', () => {
    expect(runsOf(`<p>keep</p><textarea>no1</textarea><input value="no2"><select><option>no3</option></select>
      <div contenteditable="true">no4 <b>no5</b></div><pre>no6</pre><code>no7</code><script>no8</script>
      <style>no9</style><noscript>no10</noscript><template>no11</template><div hidden>no12</div>
      <div aria-hidden="true">no13</div><button>no14</button><p>end</p>`).join('|')).toMatch(/^keep\|.*end$/);
    expect(runsOf('<div contenteditable="true"><p>Hikvision</p></div><p>ok</p>')).toEqual(['ok']);
  });
  it('maps a match that spans elements back to one range', () => {
    document.body.innerHTML = '<p>Shares of Huawei <em>Technologies</em> rose</p>';
    const [run] = [...textRuns(document.body, null)];
    const m = new Matcher({ entities: ['huawei'], names: [['huawei technologies', 0, 0, 'Huawei Technologies']] }).find(run!.text)[0]!;
    const range = rangeIn(run!, m.start, m.end);
    expect(range.toString()).toBe('Huawei Technologies');
    expect(range.startContainer.parentElement!.localName).toBe('p');
    expect(range.endContainer.parentElement!.localName).toBe('em');
  });
  it('maps a match that starts exactly at a node boundary to that node', () => {
    document.body.innerHTML = '<p>In <a>Hikvision</a>’s statement</p>';
    const [run] = [...textRuns(document.body, null)];
    const range = rangeIn(run!, 3, 12);
    expect(range.toString()).toBe('Hikvision');
    expect(range.startContainer.parentElement!.localName).toBe('a');
    expect(range.startOffset).toBe(0);
  });
});

describe('textRuns on a subtree', () => {
  it('reads nothing when the subtree sits inside an editor or the document is in design mode', () => {
    document.body.innerHTML = '<div contenteditable><p id="p">Hikvision</p></div><p id="q">Huawei</p>';
    expect([...textRuns(document.getElementById('p')!, null)]).toEqual([]);
    expect([...textRuns(document.getElementById('q')!, null)].map((r) => r.text)).toEqual(['Huawei']);
    document.designMode = 'on';
    expect([...textRuns(document.getElementById('q')!, null)]).toEqual([]);
    document.designMode = 'off';
  });
});

describe('matchRunWindows', () => {
  it('finds every name in a run far longer than a window, once, including names across window edges', async () => {
    const { matchRun } = await import('../../src/content/text-scan.ts');
    const unit = 'Shares of Huawei Technologies rose. ';
    // Three of the 5,000-character windows (docs/matching.md).
    const text = unit.repeat(Math.ceil(15_000 / unit.length));
    const m = new Matcher({ entities: ['huawei'], names: [['huawei technologies', 0, 0, 'Huawei Technologies'], ['huawei', 0, 0, 'Huawei']] });
    const found = matchRun(m, { text, nodes: [], starts: [] });
    expect(found.length).toBe(text.split('Huawei Technologies').length - 1);
    expect(found.every((f) => text.slice(f.start, f.end) === 'Huawei Technologies')).toBe(true);
    expect(new Set(found.map((f) => f.start)).size).toBe(found.length);
  });
});
