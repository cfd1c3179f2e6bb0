// @vitest-environment jsdom
// The mention store as a heavy page exercises it: company order kept without sorting every
// mention, marks as StaticRanges, the MAX_MARKS limit, drops under a rescanned root, runs of
// many inline nodes read in pauses, and painting only near the viewport past PAINT_ALL. jsdom has no highlight registry: a Set stands in for Highlight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { Highlights } from '../../src/content/highlights.ts';
import { MarkFilter } from '../../src/content/mark-filter.ts';
import { PAINT_ALL } from '../../src/content/highlights.ts';
import { MAX_MARKS, Mentions } from '../../src/content/mentions.ts';
import { pacedTextRuns, textRuns } from '../../src/content/text-scan.ts';

beforeAll(() => {
  (globalThis as unknown as { Highlight: unknown }).Highlight = class extends Set<AbstractRange> { priority = 0; };
});

const matcher = () => new Matcher({ entities: ['hikvision', 'huawei', 'dahua'], names: [['hikvision', 0, 0, 'Hikvision'], ['huawei', 1, 0, 'Huawei'], ['dahua technology', 2, 0, 'Dahua Technology']] });

/** A store with its highlights, as the page wires them. */
function store(): [Mentions, Highlights] {
  const marks = new Highlights();
  return [new Mentions(matcher(), () => null, new MarkFilter(), marks), marks];
}

function scanAll(m: Mentions, root: Node): void {
  for (const step of m.scan(root)) void step;
}

describe('Mentions on a heavy page', () => {
  it('lists companies in order of first mention, also after that mention leaves', () => {
    document.body.innerHTML = '<p id="a">Huawei first</p><p id="b">then Hikvision and Huawei</p><p id="c">Dahua <em>Technology</em> last</p>'; // test fixture only
    const [m] = store();
    scanAll(m, document.body);
    expect(m.entities()).toEqual(['huawei', 'hikvision', 'dahua']);
    expect(m.inPageOrder().every((x) => x.mark instanceof StaticRange)).toBe(true);
    expect(m.inPageOrder().map((x) => x.range.toString())).toEqual(['Huawei', 'Hikvision', 'Huawei', 'Dahua Technology']);
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
    const [m] = store();
    scanAll(m, document.body);
    expect(m.inPageOrder().length).toBe(3);
    document.getElementById('a')!.firstChild!.textContent = 'nothing ';
    scanAll(m, document.getElementById('a')!);
    expect(m.inPageOrder().map((x) => x.text).sort()).toEqual(['Hikvision', 'Huawei']);
  });

  it(`marks at most MAX_MARKS (${MAX_MARKS}) and still lists companies named past it`, () => {
    document.body.innerHTML = `<p>${'Huawei said. '.repeat(MAX_MARKS + 10)}</p><p>Hikvision said.</p>`; // test fixture only
    const [m] = store();
    scanAll(m, document.body);
    expect(m.inPageOrder().length).toBe(MAX_MARKS);
    expect(m.entities()).toEqual(['huawei', 'hikvision']);
  });

  it('reads a run of many inline nodes in pauses, as one run', () => {
    document.body.innerHTML = `<p>${'a <b>b</b> '.repeat(1500)}Dahua <i>Technology</i></p>`; // test fixture only
    const paced = [...pacedTextRuns(document.body, null)];
    expect(paced.filter((r) => r === null).length).toBeGreaterThan(1);
    const runs = [...textRuns(document.body, null)];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.text.endsWith('Dahua Technology')).toBe(true);
    const [m] = store();
    scanAll(m, document.body);
    expect(m.inPageOrder().map((x) => [x.text, x.nodes.length])).toEqual([['Dahua Technology', 2]]); // " Dahua " and "Technology"
  });
});

describe('Painting near the viewport', () => {
  /** Stands in for IntersectionObserver (jsdom has none): the test says which boxes are near. */
  class FakeBand {
    static last: FakeBand | null = null;
    readonly targets = new Set<Element>();
    constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void, readonly options: { rootMargin?: string }) {
      FakeBand.last = this;
    }
    observe(el: Element): void { this.targets.add(el); }
    unobserve(el: Element): void { this.targets.delete(el); }
    disconnect(): void { this.targets.clear(); }
    tell(near: Element[], far: Element[]): void {
      this.callback([...near.map((target) => ({ target, isIntersecting: true })), ...far.map((target) => ({ target, isIntersecting: false }))]);
    }
  }
  const g = globalThis as unknown as { IntersectionObserver?: unknown; CSS?: unknown };
  const saved = { io: g.IntersectionObserver, css: g.CSS };
  const registry = new Map<string, Set<AbstractRange>>();
  beforeAll(() => {
    g.IntersectionObserver = FakeBand;
    g.CSS = { highlights: registry };
  });
  afterAll(() => {
    g.IntersectionObserver = saved.io;
    g.CSS = saved.css;
  });
  const painted = () => [...(registry.get('company-context') ?? [])].map((r) => (r.startContainer.parentElement as Element).id);

  it(`paints every mention on a page of at most PAINT_ALL (${PAINT_ALL}), before any word from the observer`, () => {
    document.body.innerHTML = '<p id="a">Huawei and Hikvision</p><p id="b">Dahua Technology</p>'; // test fixture only
    const [m, marks] = store();
    marks.ensureRegistered();
    scanAll(m, document.body);
    expect(painted()).toEqual(['a', 'a', 'b']);
    expect(FakeBand.last!.options.rootMargin).toBe('100% 0px'); // near: one viewport height above or below
  });

  it('past PAINT_ALL paints only the mentions whose box is near, follows the observer, and paints all again below it', () => {
    const n = PAINT_ALL + 20;
    document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p id="p${i}">Huawei said ${i}.</p>`).join(''); // test fixture only
    const [m, marks] = store();
    marks.ensureRegistered();
    scanAll(m, document.body);
    const band = FakeBand.last!;
    const p = (i: number) => document.getElementById(`p${i}`)!;
    expect(m.inPageOrder().length).toBe(n);
    expect(band.targets.size).toBe(n);
    marks.ensureRegistered();
    expect(painted()).toEqual([]);
    band.tell([p(0), p(1), p(2)], []);
    expect(painted()).toEqual(['p0', 'p1', 'p2']);
    band.tell([p(60), p(61)], [p(0), p(1), p(2)]);
    expect(painted().sort()).toEqual(['p60', 'p61']);
    marks.ensureRegistered(); // the guard re-fills the highlight with the same set, not with every mention
    expect(painted().sort()).toEqual(['p60', 'p61']);
    // The page drops to PAINT_ALL mentions: everything is painted again, and removed boxes are no longer observed.
    for (let i = n - 1; i >= PAINT_ALL; i--) p(i).remove();
    m.dropStale();
    marks.ensureRegistered();
    expect(painted()).toHaveLength(PAINT_ALL);
    expect(band.targets.size).toBe(PAINT_ALL);
  });

  it('when full, forgets the oldest mentions away from the viewport, keeps counting their company, and hands their boxes on to be found again', () => {
    // One paragraph a mention, more than the store holds: the reader is at the newest end.
    const n = MAX_MARKS + 50;
    document.body.innerHTML = `<main>${Array.from({ length: n - 1 }, (_, i) => `<p id="p${i}">Huawei said ${i}.</p>`).join('')}<p id="last">Hikvision said.</p></main>`; // test fixture only
    const [m] = store();
    const storeBand = FakeBand.last!;
    const forgotten: Array<[string, string]> = [];
    m.onForget = (box, block) => forgotten.push([box.id, block.id]);
    const p = (i: number) => document.getElementById(`p${i}`)!;
    // Paragraph by paragraph, as a feed appends them; the first is on screen.
    scanAll(m, p(0));
    storeBand.tell([p(0)], []);
    for (let i = 1; i < n - 1; i++) scanAll(m, p(i));
    scanAll(m, document.getElementById('last')!);
    const kept = m.inPageOrder();
    expect(kept.length).toBeLessThanOrEqual(MAX_MARKS);
    expect(kept.at(-1)!.text).toBe('Hikvision'); // the newest mention is marked
    expect(kept.some((x) => x.nodes[0]!.parentElement!.id === 'p0')).toBe(true); // the one near the viewport was kept
    expect(forgotten.length).toBeGreaterThan(0);
    expect(forgotten.every(([box, block]) => box === block && box !== 'p0')).toBe(true); // a paragraph is its own block
    expect(m.entities()).toEqual(['huawei', 'hikvision']);
  });

  it('observes the nearest ancestor with a box for text in a display: contents element', () => {
    document.body.innerHTML = '<p id="outer"><span style="display: contents">Huawei</span></p>'; // test fixture only
    const [m] = store();
    scanAll(m, document.body);
    expect([...FakeBand.last!.targets].map((e) => e.id)).toEqual(['outer']);
  });
});
