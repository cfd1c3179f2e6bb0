// The measuring runs of `npm run bench` (how each figure is taken: the header of scripts/bench.ts).
// Pages are served at ORIGIN by the shared test server acting as the browser's proxy; nothing else
// is reachable, so a page's own requests elsewhere fail fast, as offline.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../lib/harness/browsers.ts';
import { startServer, type TestServer } from '../lib/harness/server.ts';
import { analyse, traced } from '../lib/harness/trace.ts';

export const PAGES = resolve('../shared/pages');
const MARK = 'company-context';
const ORIGIN = 'http://bench.test';
const HEAP_SAMPLE = 12;
/** mark.js takes seconds a page: it runs on pages evenly spaced through the set, each in a fresh tab. */
const MARKJS_PAGES = Number(process.env.BENCH_MARKJS_PAGES ?? 8);
const MARKJS_TIMEOUT_MS = 10_000;
const MARKJS_FULL_PAGES = 3;
const DYNAMIC_PAGE = '<!doctype html><html lang="en"><head><title>dynamic</title></head><body><main id="feed"></main></body></html>';

/** Serves page i at ORIGIN/p/i and the dynamic page at ORIGIN/dynamic. */
export function serveBench(files: string[]): Promise<TestServer> {
  return startServer((key) => {
    const m = /^http:\/\/bench\.test\/p\/(\d+)$/.exec(key);
    // The saved page's bytes as they are, with no charset: the page's own <meta> decides, as before.
    if (m) return { body: readFileSync(files[Number(m[1])]!), headers: { 'content-type': 'text/html' } };
    return key === `${ORIGIN}/dynamic` ? { body: DYNAMIC_PAGE } : null;
  }, { origins: [ORIGIN] });
}

async function launch(server: TestServer, extensionDir?: string): Promise<{ ctx: BrowserContext; extId: string }> {
  const { ctx, extId } = await launchChromium(extensionDir ? { proxyPort: server.port, extensionDir } : { proxyPort: server.port, withExtension: false });
  // tsx names the functions we pass to page.evaluate through a `__name` helper the page lacks.
  await ctx.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return { ctx, extId };
}

async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

async function goto(page: Page, url: string): Promise<boolean> {
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A traced page ends this long after our first pass painted (or after DOMContentLoaded without the
 * extension), so that work that follows the pass (the list sent to the background, observers
 * answering the page's late changes) is counted.
 */
const SETTLE_MS = 200;
/** On RENDER_SAMPLE pages both runs trace a fixed RENDER_WINDOW_MS, for the rendering compared with and without us. */
const RENDER_SAMPLE = 60;
export const RENDER_WINDOW_MS = 2000;
export const isRenderSample = (i: number, n: number): boolean => i % Math.max(1, Math.floor(n / RENDER_SAMPLE)) === 0;

export interface OursPage {
  file: string;
  /** All main-thread time of our scripts, from the trace. */
  ms: number;
  /** Of which evaluating content.js (the index decoded) and early.js. */
  loadMs: number;
  /** Bench-build phase totals (src/content/bench-phases.ts). */
  phases: Record<string, number>;
  /** The longest task that was mostly ours, and our long tasks (> 50 ms). */
  longestTask: number;
  longTasks: number;
  /** Rendering outside our script, on render-sample pages only (NaN elsewhere). */
  renderMs: number;
  marks: number;
}

export async function runOurs(server: TestServer, dir: string, files: string[], label: string): Promise<{ pages: OursPage[]; heapKiB: number[]; failed: string[]; dynamic: Dynamic }> {
  const { ctx, extId } = await launch(server, dir);
  const page = await ctx.newPage();
  // The first-run page opens on install and takes the foreground; a background tab's timers and
  // frames are throttled (about once a second), which would be counted as our time.
  await page.waitForTimeout(1500);
  for (const p of ctx.pages()) if (p !== page && p.url().startsWith('chrome-extension://')) await p.close();
  await page.bringToFront();
  const cdp = await ctx.newCDPSession(page);
  const pages: OursPage[] = [];
  const heapKiB: number[] = [];
  const failed: string[] = [];
  const started = Date.now();
  for (let i = 0; i < files.length; i++) {
    const sample = isRenderSample(i, files.length);
    const { value: r, events } = await traced(cdp, async () => {
      const t0 = Date.now();
      if (!(await goto(page, `${ORIGIN}/p/${i}`))) return null;
      try {
        await page.waitForFunction(() => performance.getEntriesByName('cc-painted').length > 0, null, { timeout: 15_000, polling: 20 });
      } catch {
        return null;
      }
      await page.waitForTimeout(sample ? Math.max(SETTLE_MS, RENDER_WINDOW_MS - (Date.now() - t0)) : SETTLE_MS);
      return page.evaluate((name) => {
        const phases: Record<string, number> = {};
        for (const e of performance.getEntriesByType('mark')) {
          const m = /^cc-phase:(\w+):([\d.]+)$/.exec(e.name);
          if (m) phases[m[1]!] = Number(m[2]);
        }
        return { phases, marks: (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get(name)?.size ?? 0 };
      }, MARK).catch(() => null);
    });
    if (!r) {
      failed.push(relative(PAGES, files[i]!));
      continue;
    }
    const t = analyse(events, ORIGIN, extId);
    pages.push({ file: files[i]!, ms: t.ourScriptMs, loadMs: t.ourEvaluateMs, phases: r.phases, longestTask: t.longestOurTaskMs, longTasks: t.ourLongTasks, renderMs: sample ? t.renderMs : NaN, marks: r.marks });
    if (i % Math.ceil(files.length / HEAP_SAMPLE) === 0) heapKiB.push((await heap(cdp).catch(() => NaN)) / 1024);
    if (i % 100 === 99) console.log(`    ${label}: ${i + 1} of ${files.length} pages, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`  ${label}: ${pages.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const dynamic = await runDynamic(page, cdp);
  await ctx.close();
  return { pages, heapKiB, failed, dynamic };
}

export interface Dynamic {
  latency: number[];
  script: number[];
  longestTask: number;
  /** Marks painted at the end (those near the viewport: PAINT_ALL). */
  marked: number;
}

/** Batches of the dynamic page, each of BATCH paragraphs, one in NAMED naming a company. */
const BATCHES = 100;
const BATCH = 100;
const NAMED = 4;

/**
 * An endless feed: BATCHES batches appended at the end, the reader scrolled to the newest, on a
 * page that ends with 2,500 mentions (past MAX_MARKS, where the store forgets far ones). Per
 * batch, the time from its paragraphs being on screen until the last of them naming a company is
 * marked, which includes the scan queue's wait.
 */
export async function runDynamic(page: Page, cdp: CDPSession, withExtension = true): Promise<Dynamic> {
  await goto(page, `${ORIGIN}/dynamic`);
  await page.waitForTimeout(500);
  await cdp.send('Performance.enable');
  const scriptTime = async () => ((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.find((m) => m.name === 'ScriptDuration')!.value * 1000;
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longest = Math.max(w.longest, e.duration); }).observe({ type: 'longtask' });
  });
  const latency: number[] = [];
  const script: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const before = await scriptTime();
    const ms = await page.evaluate(async ([b, name, wait, size, every]) => {
      const feed = document.getElementById('feed')!;
      const frag = document.createDocumentFragment();
      let last: HTMLParagraphElement | null = null;
      for (let i = 0; i < size; i++) {
        const p = document.createElement('p');
        const named = i % every === every - 1;
        p.textContent = named
          ? `Item ${b}.${i}: Hikvision said on Tuesday that its cameras meet every rule, a claim researchers dispute.`
          : `Paragraph ${b}.${i} of the live blog, with ordinary words about weather, markets and local news, and nothing else in it.`;
        if (named) last = p;
        frag.append(p);
      }
      feed.append(frag);
      last!.scrollIntoView({ block: 'end' });
      const t0 = performance.now();
      if (!wait) return 0;
      const marked = () => {
        for (const r of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(name) ?? []) if (last!.contains(r.startContainer)) return true;
        return false;
      };
      while (!marked() && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
      return performance.now() - t0;
    }, [b, MARK, withExtension, BATCH, NAMED] as [number, string, boolean, number, number]);
    if (!withExtension) await page.waitForTimeout(5);
    latency.push(ms);
    script.push((await scriptTime()) - before);
  }
  const extra = await page.evaluate((name) => ({
    longest: (window as unknown as { longest: number }).longest,
    marked: (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get(name)?.size ?? 0,
  }), MARK);
  return { latency, script, longestTask: extra.longest, marked: extra.marked };
}

/** A figure of one page, by its file. */
export interface PageFigure { file: string; ms: number }

export interface Plain { floor: PageFigure[]; floorFailed: string[]; heapKiB: number[]; renderMs: PageFigure[]; curated: Array<MarkRun & { page: string }>; full: Array<MarkRun & { page: string }>; dynamic: Dynamic }

export async function runPlain(server: TestServer, files: string[], curatedNames: string[], fullNames: string[]): Promise<Plain> {
  const { ctx } = await launch(server);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const markjs = readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const out: Plain = { floor: [], floorFailed: [], heapKiB: [], renderMs: [], curated: [], full: [], dynamic: { latency: [], script: [], longestTask: 0, marked: 0 } };
  const started = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (isRenderSample(i, files.length)) {
      // The page's own rendering over the same window as with the extension.
      const { value: loaded, events } = await traced(cdp, async () => (await goto(page, `${ORIGIN}/p/${i}`)) && (await page.waitForTimeout(RENDER_WINDOW_MS), true));
      if (!loaded) continue;
      out.renderMs.push({ file: files[i]!, ms: analyse(events, ORIGIN, '').renderMs });
    } else if (!(await goto(page, `${ORIGIN}/p/${i}`))) continue;
    if (i % Math.ceil(files.length / HEAP_SAMPLE) === 0) out.heapKiB.push((await heap(cdp).catch(() => NaN)) / 1024);
    // A page may navigate itself away (meta refresh, script): it is then left out and counted.
    const ms = await page.evaluate(() => {
      const t0 = performance.now();
      const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
      const w = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (skip.has(n.parentElement?.tagName ?? '') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      let chars = 0;
      for (let n = w.nextNode(); n; n = w.nextNode()) chars += (n as Text).data.length;
      (window as unknown as { chars: number }).chars = chars;
      return performance.now() - t0;
    }).catch(() => null);
    if (ms === null) out.floorFailed.push(relative(PAGES, files[i]!));
    else out.floor.push({ file: files[i]!, ms });
  }
  console.log(`  floor: ${out.floor.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  out.dynamic = await runDynamic(page, cdp, false);
  await page.close();
  const spaced = (n: number, offset: number) => [...new Set(Array.from({ length: n }, (_, k) => Math.floor(((k + offset) * files.length) / n)))].filter((i) => i < files.length);
  for (const [i, full] of [...spaced(MARKJS_PAGES, 0).map((i) => [i, false] as const), ...spaced(MARKJS_FULL_PAGES, 0.5).map((i) => [i, true] as const)]) {
    const tab = await ctx.newPage();
    if (!(await goto(tab, `${ORIGIN}/p/${i}`))) continue;
    await tab.waitForTimeout(50);
    const r = await markjsRun(tab, markjs, full ? fullNames : curatedNames);
    const one = { page: relative(PAGES, files[i]!), ...r };
    if (full) out.full.push(one);
    else out.curated.push(one);
    await tab.close({ runBeforeUnload: false }).catch(() => undefined);
  }
  console.log(`  floor and mark.js: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await ctx.close();
  return out;
}

export type MarkRun = { ms: number | null; marks: number; note: string };

function markjsRun(page: Page, markjs: string, names: string[]): Promise<MarkRun> {
  return page.evaluate(([src, names, timeout]) => new Promise<MarkRun>((done) => {
    // Injected as the page's own script: mark.js is what keyword-highlighting extensions ship.
    const s = document.createElement('script');
    s.textContent = src;
    document.head.append(s);
    const M = (window as unknown as { Mark: new (el: Element) => { mark: (k: string, o: object) => void } }).Mark;
    const inst = new M(document.body);
    let count = 0;
    let failed = 0;
    let firstError = '';
    let k = 0;
    const t0 = performance.now();
    // One name per call, as mark.js itself loops over an array: a name whose regular expression
    // V8 cannot compile (mark.js's diacritics classes overflow the stack on long names) throws and
    // is counted, instead of aborting the whole array. mark.js is synchronous: the time limit is
    // checked between names.
    for (; k < names.length && performance.now() - t0 < timeout; k++) {
      try {
        inst.mark(names[k]!, { separateWordSearch: false, accuracy: 'exactly', caseSensitive: false, acrossElements: false, each: () => count++ });
      } catch (e) {
        failed++;
        firstError ||= String(e).slice(-60);
      }
    }
    const stopped = k < names.length ? `stopped after ${k} of ${names.length} names at ${timeout} ms` : '';
    const threw = failed ? `${failed} names threw (${firstError})` : '';
    requestAnimationFrame(() => setTimeout(() => done({ ms: stopped ? null : performance.now() - t0, marks: count, note: [stopped, threw].filter(Boolean).join('; ') }), 0));
  }), [markjs, names, MARKJS_TIMEOUT_MS] as [string, string[], number]).catch((e: unknown) => ({ ms: null, marks: 0, note: `failed: ${String(e).slice(0, 80)}` }));
}

