// Runs one fixture the same way in any browser: once without the extension, once with it, and
// compares what the page can see of itself. Then, with the extension: our marks, no card on
// synthetic input, the card on a trusted hover, and nothing of ours in the page but one host.
import { expect } from 'vitest';
import type { BrowserName, Fixture } from './fixture.ts';
import { PROBE, type PageSnapshot } from './page-probe.ts';

/** One page in one browser, driven from outside; every evaluation runs in the page's main world. */
export interface Tab {
  /** Evaluates an expression in the page's main world (exempt from the page's CSP). */
  eval(expression: string): Promise<unknown>;
  /** A trusted pointer move (the browser's input pipeline, not a DOM event). */
  move(x: number, y: number, steps: number): Promise<void>;
  /** Trusted typing into the element matching `selector`, after a trusted click on it. */
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Our marks' texts, read where the page cannot tamper with the read (null: not registered). */
  marks(): Promise<string[] | null>;
  /** The entity id the open card shows, where the browser lets a test into our closed root; else undefined. */
  cardEntity(): Promise<string | null | undefined>;
  /**
   * Whether the open card is drawn and on top at its centre (the page cannot hide or cover it),
   * where the browser lets a test into our closed root; else undefined.
   */
  cardVisible(): Promise<boolean | undefined>;
  /** Whether the open card shows `text`. */
  cardShows(text: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface Browsers {
  name: BrowserName;
  withExtension(url: string): Promise<Tab>;
  withoutExtension(url: string): Promise<Tab>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function probe<T>(tab: Tab, call: string): Promise<T> {
  return JSON.parse((await tab.eval(`window.${PROBE}.${call}`)) as string) as T;
}

async function until(tab: Tab, what: string, test: () => Promise<boolean>, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await test().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

export async function settle(tab: Tab, f: Fixture): Promise<void> {
  await until(tab, 'the probe', async () => (await tab.eval(`typeof window.${PROBE}`)) === 'object', 10_000);
  if (f.settled) await until(tab, `settled: ${f.settled}`, async () => (await tab.eval(f.settled!)) === true, f.timeout ?? 15_000);
  if (f.type) await tab.type(f.type.selector, f.type.text);
  // Our first pass starts once the page is idle; give it, and the page, time to finish.
  await sleep(1200);
}

export async function snapshot(tab: Tab, f: Fixture): Promise<PageSnapshot> {
  const outcome = f.outcome ? `(() => { try { return (${f.outcome}); } catch (e) { return 'outcome threw: ' + e; } })()` : 'null';
  return JSON.parse((await tab.eval(`window.${PROBE}.snapshot(${outcome})`)) as string) as PageSnapshot;
}

export interface FixtureResult {
  marks: number;
  hovered: boolean;
}

/** The whole check for one fixture; throws (through expect) on the first difference. */
export async function runFixture(browsers: Browsers, url: string, f: Fixture): Promise<FixtureResult> {
  // 1. Without the extension: the page's own outcome.
  const plain = await browsers.withoutExtension(url);
  await settle(plain, f);
  const before = await snapshot(plain, f);
  await plain.close();

  // 2. With it: the same outcome, and our marks.
  const tab = await browsers.withExtension(url);
  try {
    await settle(tab, f);
    // This runner reads the top document (and its open shadow roots); mentions inside frames
    // are left to tests/e2e/structure.test.ts, which hovers them in their frame.
    const framed = /<iframe/i.test(f.page.body);
    const inTop = async (t: string) => (await probe<unknown>(tab, `point(${JSON.stringify(t)}, 0)`)) !== null;
    const expected: string[] = [];
    for (const t of [...(f.hover ? [f.hover.text] : []), ...(f.marked ?? [])]) if (!framed || (await inTop(t))) expected.push(t);
    let marks: string[] = [];
    await until(tab, `marks on ${expected.join(', ')}`, async () => {
      marks = (await tab.marks()) ?? [];
      return expected.every((t) => marks.includes(t));
    }, 10_000).catch(() => undefined);
    const after = await snapshot(tab, f);
    expect(after, 'the page sees the same DOM, mutations, errors and outcome with and without the extension').toEqual(before);
    expect(await probe(tab, 'extraRoots()'), 'no element of ours before a hover').toEqual([]);
    for (const t of expected) expect(marks, `"${t}" is marked`).toContain(t);
    for (const t of f.unmarked ?? []) expect(marks.filter((m) => m.includes(t)), `"${t}" is never marked here`).toEqual([]);
    if (!f.hover || !expected.includes(f.hover.text)) return { marks: marks.length, hovered: false };

    // 3. Synthetic input at the mention opens nothing.
    const point = await probe<{ x: number; y: number } | null>(tab, `point(${JSON.stringify(f.hover.text)}, ${f.hover.nth ?? 0})`);
    expect(point, `"${f.hover.text}" is drawn on the page`).not.toBeNull();
    await tab.eval(`window.${PROBE}.synthetic(${point!.x}, ${point!.y})`);
    await sleep(900);
    expect(await probe(tab, 'extraRoots()'), 'synthetic events open nothing').toEqual([]);
    const quiet = (await snapshot(tab, f)).mutations;

    // 4. A trusted hover opens the card for the right entity; the page gains one host, nothing else.
    await tab.move(point!.x - 30, point!.y - 40, 1);
    await tab.move(point!.x, point!.y, 4);
    await until(tab, 'the card to open', async () => {
      const roots = await probe<Array<{ open: boolean }>>(tab, 'extraRoots()');
      return roots.length === 1 && roots[0]!.open;
    }, 5000);
    const entity = await tab.cardEntity();
    if (entity !== undefined) expect(entity).toBe(f.hover.entity);
    const visible = await tab.cardVisible();
    if (visible !== undefined) expect(visible, 'the card is drawn and on top').toBe(true);
    if (f.hover.cardText) expect(await tab.cardShows(f.hover.cardText), `the card shows ${f.hover.cardText}`).toBe(true);
    const roots = await probe<Array<{ tag: string; open: boolean }>>(tab, 'extraRoots()');
    expect(roots).toEqual([{ tag: 'DIV', open: true }]);
    // The page may keep mutating its own DOM (a feed, a ticker); of the records since the hover,
    // the ones that touch <html> itself are one host added, and attributes on it.
    const since = await probe<{ total: number; lines: string[] }>(tab, `since(${quiet})`);
    const atRoot = since.lines.filter((l) => l.startsWith('childList:HTML:') || l.startsWith('attributes:DIV:'));
    expect(atRoot.filter((l) => l.startsWith('childList:HTML:')), 'one host element added under <html>').toEqual(['childList:HTML:DIV:']);
    if (f.afterHover) expect(await tab.eval(f.afterHover), `after the hover: ${f.afterHover}`).toBe(true);

    // 5. Escape closes it; the host stays, closed, and is the only trace.
    await tab.press('Escape');
    await until(tab, 'the card to close', async () => {
      const r = await probe<Array<{ open: boolean }>>(tab, 'extraRoots()');
      return r.length === 1 && !r[0]!.open;
    }, 3000);
    return { marks: marks.length, hovered: true };
  } finally {
    await tab.close();
  }
}
