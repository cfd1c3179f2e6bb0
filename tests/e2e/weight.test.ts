// The heavy pages of tests/e2e/fixtures/weight.ts (short variants: one second of page activity),
// in Chromium and Firefox: each loaded once without and once with the extension. The page's own
// outcome (its counters and its own MutationObserver tally, which would count any DOM change of
// ours) must be the same both ways; marks appear; our host element does not exist before a
// trusted hover, which opens the card; a feed longer than MAX_MARKS mentions is marked where the
// reader is. No timing is asserted here: `npm run stress` measures.
import { existsSync } from 'node:fs';
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import type { Browser, Page as PpPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { PAINT_ALL } from '../../src/content/highlights.ts';
import { MAX_MARKS } from '../../src/content/mentions.ts';
import { WEIGHT_FIXTURES, WEIGHT_NAMES } from './fixtures/weight.ts';
import { FIREFOX } from '../../scripts/lib/harness/browsers.ts';
import { evalInCard } from './support/card.ts';
import type { Fixture } from './support/fixture.ts';
import { hosts, marks, textPoint } from './support/probe.ts';
import type { Route, TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const MARK = 'company-context';
const SHORT = '?seconds=1';
/** The feed for ten seconds: 5,000 paragraphs, over twice MAX_MARKS mentions. */
const LONG = '?seconds=10';
const cardOpen = () => [...document.documentElement.children].some((e) => e.matches(':popover-open'));

/** Either browser's page, reduced to what the suite needs. */
interface AnyPage {
  eval<T>(expr: string): Promise<T>;
  run<A, T>(fn: (a: A) => T, arg: A): Promise<T>;
  move(x: number, y: number, steps?: number): Promise<void>;
}

async function until<T>(page: AnyPage, expr: string, ok: (v: T) => boolean, timeout: number, what: string): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await page.eval<T>(expr).catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
}

/** Loads the page, waits for it to settle, and returns what it observed of itself. */
async function outcomeOf(page: AnyPage, f: Fixture): Promise<string> {
  await until<boolean>(page, `Boolean(${f.settled ?? 'true'})`, (v) => v, f.timeout ?? 15_000, `${f.path} to settle`);
  return page.eval<string>(f.outcome ?? 'document.documentElement.outerHTML.length');
}

/** Marks present once the page settled (first pass and later passes are sliced: poll). */
async function waitForMarks(page: AnyPage, f: Fixture): Promise<string[]> {
  const want = [f.hover!.text, ...(f.marked ?? [])];
  let found: string[] = [];
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    found = (await page.run(marks, MARK).catch(() => null)) ?? [];
    if (want.every((w) => found.includes(w))) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${f.path}: expected marks ${want.join(', ')}; have ${found.length} (${[...new Set(found)].slice(0, 10).join(', ')})`);
}

async function trustedHover(page: AnyPage, f: Fixture): Promise<void> {
  const p = await page.run(textPoint, [f.hover!.text, f.hover!.nth ?? 0] as [string, number]);
  if (!p) throw new Error(`${f.path}: "${f.hover!.text}" is not on the page`);
  await page.move(p.x - 30, p.y - 40);
  await page.move(p.x, p.y, 4);
  await until<boolean>(page, `(${cardOpen.toString()})()`, (v) => v, 5000, 'the card to open');
}

/** Runs every check on one fixture; `open` gives a fresh page with or without the extension. */
async function check(f: Fixture, open: (ext: boolean) => Promise<{ page: AnyPage; close: () => Promise<void> }>, entityOnCard: (page: AnyPage) => Promise<unknown>): Promise<void> {
  const bare = await open(false);
  const expected = await outcomeOf(bare.page, f);
  await bare.close();

  const { page, close } = await open(true);
  expect(await outcomeOf(page, f), 'the page observes the same of itself with the extension').toBe(expected);
  // A page names these companies thousands of times: marks stop at the documented limit.
  expect((await waitForMarks(page, f)).length).toBeLessThanOrEqual(MAX_MARKS);
  // Nothing of ours in the page before a hover; the page's own tally above would count a node too.
  expect(await page.run(hosts, undefined)).toEqual([]);
  await trustedHover(page, f);
  expect(await page.run(hosts, undefined)).toMatchObject([{ shadowRootVisible: false, open: true }]);
  expect(await entityOnCard(page)).toBe(true);
  await close();
}

/**
 * In the page: where our painted marks sit against the viewport (in viewport heights: 0 is its
 * top, 1 its bottom), and how many of the page's names there are in all. Run in the page's world.
 */
function paintedMarks(names: string[]): { painted: number; lowest: number; highest: number; inView: number; named: number } {
  const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('company-context');
  let lowest = Infinity;
  let highest = -Infinity;
  let inView = 0;
  for (const r of h ?? []) {
    const x = document.createRange();
    x.setStart(r.startContainer, r.startOffset);
    x.setEnd(r.endContainer, r.endOffset);
    const rect = x.getBoundingClientRect();
    lowest = Math.min(lowest, rect.top / innerHeight);
    highest = Math.max(highest, rect.bottom / innerHeight);
    if (rect.bottom > 0 && rect.top < innerHeight) inView++;
  }
  const text = document.body.textContent ?? '';
  let named = 0;
  for (const n of names) for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + n.length)) named++;
  return { painted: h?.size ?? 0, lowest, highest, inView, named };
}

/**
 * A page naming more than PAINT_ALL companies gets only the mentions near the viewport painted
 * (one viewport height each side; a paragraph's box decides, so a little more): at the top, and
 * again after scrolling to its end. Hit-testing does not depend on it (the hover checks above).
 */
async function checkPaintBand(page: AnyPage, f: Fixture): Promise<void> {
  await outcomeOf(page, f);
  await waitForMarks(page, f);
  const inBand = (m: ReturnType<typeof paintedMarks>) => m.painted > 0 && m.inView > 0 && m.lowest > -1.5 && m.highest < 2.5;
  const top = await until(page, `(${paintedMarks.toString()})(${JSON.stringify(WEIGHT_NAMES)})`, inBand, 10_000, 'painted marks near the top');
  expect(top.named).toBeGreaterThan(PAINT_ALL);
  expect(top.painted).toBeLessThan(Math.min(top.named, MAX_MARKS));
  // How the page scrolls does not matter to the observer; the page's own scrollTo is the sure way.
  await page.eval<void>('void scrollTo(0, document.documentElement.scrollHeight)');
  const end = await until(page, `(${paintedMarks.toString()})(${JSON.stringify(WEIGHT_NAMES)})`, inBand, 10_000, 'painted marks near the end after a scroll');
  // The page did scroll, well past the band around its top: the marks painted there are gone.
  expect(await page.eval<number>('scrollY / innerHeight')).toBeGreaterThan(3);
  expect(end.painted).toBeLessThan(Math.min(end.named, MAX_MARKS));
}

/** The feed's paragraphs on screen: how many name a company, and how many of those carry a painted mark. */
function feedInView(names: readonly string[]): { inView: number; named: number; marked: number; total: number } {
  const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('company-context');
  const markedIn = new Set<Element>();
  for (const r of h ?? []) {
    const p = (r.startContainer.nodeType === 1 ? (r.startContainer as Element) : r.startContainer.parentElement)?.closest('p');
    if (p) markedIn.add(p);
  }
  let inView = 0, named = 0, marked = 0, total = 0;
  for (const p of document.querySelectorAll('#feed p')) {
    const text = p.textContent ?? '';
    const names_ = names.filter((n) => text.includes(n)).length;
    total += names_;
    const r = p.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight) continue;
    inView++;
    if (names_ === 0) continue;
    named++;
    if (markedIn.has(p)) marked++;
  }
  return { inView, named, marked, total };
}

/**
 * A feed that has run past MAX_MARKS mentions: the paragraphs on screen at its end are marked
 * (the store forgets far mentions instead of refusing new ones), and so are those at its top
 * again after scrolling back (forgotten mentions are found again near the viewport).
 */
async function checkFeedEnd(page: AnyPage): Promise<void> {
  await outcomeOf(page, FEED);
  const probe = `(${feedInView.toString()})(${JSON.stringify(WEIGHT_NAMES)})`;
  const allMarked = (v: ReturnType<typeof feedInView>) => v.named > 0 && v.marked === v.named;
  await page.eval<void>('void scrollTo(0, document.documentElement.scrollHeight)');
  const end = await until(page, probe, allMarked, 15_000, 'every paragraph on screen that names a company marked, at the end of the feed');
  expect(end.total).toBeGreaterThan(MAX_MARKS);
  await page.eval<void>('void scrollTo(0, 0)');
  await until(page, probe, allMarked, 15_000, 'every paragraph on screen that names a company marked, back at the top');
}

/** The feed: more than PAINT_ALL mentions on a page taller than a few viewports. */
const FEED = WEIGHT_FIXTURES.find((x) => x.path === '/weight/feed')!;

const fixturesFor = (b: 'chromium' | 'firefox') => WEIGHT_FIXTURES.filter((f) => (f.browsers ?? ['chromium', 'firefox']).includes(b) && f.hover);

const route: Route = (path) => {
  const f = WEIGHT_FIXTURES.find((x) => x.path === path || path.startsWith(`${x.path}/`));
  return f ? f.page : null;
};

describe('Chromium: heavy pages', () => {
  let server: TestServer;
  let withExt: BrowserContext;
  let without: BrowserContext;
  const ourErrors: string[] = [];

  withExtension({ browser: 'chromium', route, plain: true, ourErrors }, (s) => ({ server, ctx: withExt, plain: without } = s));

  const wrap = (p: PwPage): AnyPage => ({
    eval: (expr) => p.evaluate(expr),
    run: <A, T>(fn: (a: A) => T, arg: A) => p.evaluate(fn as (a: unknown) => T, arg as unknown) as Promise<T>,
    move: (x, y, steps) => p.mouse.move(x, y, steps ? { steps } : undefined),
  });

  for (const f of fixturesFor('chromium')) {
    it(`${f.path}: same page outcome, marks, nothing of ours before a trusted hover, then the card`, async () => {
      const url = server.allow(f.path) + SHORT;
      let last: PwPage | null = null;
      await check(f, async (ext) => {
        const p = await (ext ? withExt : without).newPage();
        last = p;
        await p.goto(url, { timeout: 60_000 });
        return { page: wrap(p), close: () => p.close() };
      }, () => evalInCard(withExt, last!, `return root.querySelector('.card')?.getAttribute('data-entity') === ${JSON.stringify(f.hover!.entity)};`));
    }, 90_000);
  }

  it('/weight/feed: paints only the mentions near the viewport, and follows a scroll', async () => {
    const p = await withExt.newPage();
    await p.goto(server.allow(FEED.path) + SHORT, { timeout: 60_000 });
    await checkPaintBand(wrap(p), FEED);
    await p.close();
  }, 90_000);

  it('/weight/feed, 5,000 paragraphs: marks what is on screen at the end and back at the top', async () => {
    const p = await withExt.newPage();
    await p.goto(server.allow(FEED.path) + LONG, { timeout: 60_000 });
    await checkFeedEnd(wrap(p));
    await p.close();
  }, 90_000);

  it('threw nothing from our code', () => {
    expect(ourErrors).toEqual([]);
  });
});

const hasFirefox = existsSync(FIREFOX);
if (!hasFirefox) console.warn(`SKIPPED Firefox heavy pages: ${FIREFOX} is absent.`);

describe.skipIf(!hasFirefox)('Firefox: heavy pages', () => {
  let server: TestServer;
  let withExt: Browser;
  let without: Browser;
  const ourErrors: string[] = [];

  withExtension({ browser: 'firefox', route, plain: true }, (s) => ({ server, browser: withExt, plain: without } = s));

  const wrap = (p: PpPage): AnyPage => ({
    eval: <T,>(expr: string) => p.evaluate(expr) as Promise<T>,
    run: <A, T>(fn: (a: A) => T, arg: A) => p.evaluate(fn as (a: unknown) => T, arg) as Promise<T>,
    move: (x, y, steps) => p.mouse.move(x, y, steps ? { steps } : undefined),
  });

  for (const f of fixturesFor('firefox')) {
    it(`${f.path}: same page outcome, marks, nothing of ours before a trusted hover, then the card`, async () => {
      const url = server.allow(f.path) + SHORT;
      await check(f, async (ext) => {
        const p = await (ext ? withExt : without).newPage();
        await p.setViewport({ width: 1000, height: 700 });
        // Errors thrown by our content script, as far as BiDi reports them to the page.
        if (ext) p.on('pageerror', (e) => { if (/moz-extension:\/\//.test(String((e as Error).stack ?? e))) ourErrors.push(String(e)); });
        await p.goto(url, { timeout: 60_000 });
        return { page: wrap(p), close: () => p.close() };
      // Firefox gives a test no way into a closed shadow root; window.find searches rendered text, shadow trees too.
      }, (page) => page.eval(`window.find(${JSON.stringify(`matched “${f.hover!.text}”`)}, true, false, true)`));
    }, 90_000);
  }

  it('/weight/feed: paints only the mentions near the viewport, and follows a scroll', async () => {
    const p = await withExt.newPage();
    await p.setViewport({ width: 1000, height: 700 });
    await p.goto(server.allow(FEED.path) + SHORT, { timeout: 60_000 });
    await checkPaintBand(wrap(p), FEED);
    await p.close();
  }, 90_000);

  it('/weight/feed, 5,000 paragraphs: marks what is on screen at the end and back at the top', async () => {
    const p = await withExt.newPage();
    await p.setViewport({ width: 1000, height: 700 });
    await p.goto(server.allow(FEED.path) + LONG, { timeout: 60_000 });
    await checkFeedEnd(wrap(p));
    await p.close();
  }, 90_000);

  it('threw nothing from our code (as reported to the page)', () => {
    expect(ourErrors).toEqual([]);
  });
});
