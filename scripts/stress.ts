// `npm run stress`: the heavy pages of tests/e2e/fixtures/weight.ts, each loaded without and with
// the built extension, in Chromium and (when installed) Firefox. A benchmark, not a test: it prints
// numbers and writes them to docs/performance.md; it asserts nothing. `npm run build` first.
//
// Per page and mode it reports:
//  - Chromium only, from a CDP trace: the longest main-thread task in which our content script ran,
//    tasks over 50 ms that are ours and that are the page's, and our total script time;
//  - both browsers: the page's own 10 ms ticker lateness (p50/p95/max), and when marks were complete.
// Options: `--only=feed` (paths containing it), `--browsers=chromium`, `--seconds=N` (every page's
// activity N s), `--no-write`, `--detail` (what ran inside our longest tasks).
import { existsSync } from 'node:fs';
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import type { Browser as PpBrowser, Page as PpPage } from 'puppeteer-core';
import { browserVersion, CHROMIUM, FIREFOX, launchChromium, launchFirefox } from './lib/harness/browsers.ts';
import { WEIGHT_FIXTURES } from '../tests/e2e/fixtures/weight.ts';
import { writeSection } from './lib/harness/perf-doc.ts';
import { startServer } from './lib/harness/server.ts';
import { fmt, summary, type Summary } from './lib/harness/stats.ts';
import { analyse, traced, type TraceFigures } from './lib/harness/trace.ts';

const MARK = 'company-context';
/** Marks are complete once their count has not changed for this long (the queue backs off up to 2 s). */
const MARKS_STABLE_MS = 3000;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg('only');
const browsers = (arg('browsers') ?? 'chromium,firefox').split(',');
const write = !process.argv.includes('--no-write');
const detail = process.argv.includes('--detail');
/** `--seconds=N`: every page's activity shortened (or lengthened) to N s, for a quick look. */
const seconds = arg('seconds');
const urlOf = (path: string) => server.allow(path) + (seconds ? `?seconds=${seconds}` : '');
const fixtures = WEIGHT_FIXTURES.filter((f) => !only || f.path.includes(only));

interface Row {
  browser: string;
  page: string;
  ext: boolean;
  trace: TraceFigures | null;
  lateness: Summary;
  marks: number;
  /** ms from navigation start until the mark count last changed; null when never marked. */
  marksAt: number | null;
  settledAt: number;
}

/** Polls the page until it is settled and its mark count has stayed put (with the extension). */
async function watch(evaluate: <T>(expr: string) => Promise<T>, settled: string, timeoutMs: number, ext: boolean): Promise<{ marks: number; marksAt: number | null; settledAt: number }> {
  const deadline = Date.now() + timeoutMs;
  let marks = 0;
  let marksAt: number | null = null;
  let settledAt = 0;
  let stableSince = Date.now();
  for (;;) {
    const s = await evaluate<{ now: number; settled: boolean; marks: number }>(
      `({ now: performance.now(), settled: Boolean(${settled}), marks: CSS.highlights.get(${JSON.stringify(MARK)})?.size ?? 0 })`,
    ).catch(() => null);
    if (s) {
      if (s.marks !== marks) {
        marks = s.marks;
        marksAt = s.now;
        stableSince = Date.now();
      }
      if (s.settled && settledAt === 0) settledAt = s.now;
      // Every weight page names companies: with the extension, no mark yet is not "complete" (a
      // loaded machine can delay the first pass past the page's own activity).
      if (settledAt > 0 && (!ext || (marks > 0 && Date.now() - stableSince >= MARKS_STABLE_MS))) break;
    }
    if (Date.now() > deadline) {
      console.warn('  (timed out waiting for the page to settle and marks to stop changing)');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { marks, marksAt, settledAt };
}

const LATENESS = 'window.__weight.lateness';

const server = await startServer((path) => {
  const f = WEIGHT_FIXTURES.find((x) => x.path === path || path.startsWith(`${x.path}/`));
  return f ? f.page : null;
});

async function chromiumRuns(ext: boolean): Promise<Row[]> {
  const { ctx, extId } = await launchChromium({ proxyPort: server.port, withExtension: ext });
  const rows: Row[] = [];
  try {
    for (const f of fixtures) rows.push(await chromiumRun(ctx, extId, f, ext));
  } finally {
    await ctx.close();
  }
  return rows;
}

async function chromiumRun(ctx: BrowserContext, extId: string, f: (typeof fixtures)[number], ext: boolean): Promise<Row> {
  const page: PwPage = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const { value: [w, lateness], events } = await traced(cdp, async () => {
    await page.goto(urlOf(f.path), { timeout: 60_000 });
    const w = await watch((expr) => page.evaluate(expr), f.settled ?? 'true', (f.timeout ?? 15_000) + 30_000, ext);
    return [w, await page.evaluate<number[]>(LATENESS)] as const;
  });
  await cdp.detach();
  await page.close();
  return { browser: 'chromium', page: f.path, ext, trace: analyse(events, server.origin, ext ? extId : '', detail), lateness: summary(lateness), ...w };
}

async function firefoxRuns(ext: boolean): Promise<Row[]> {
  const browser: PpBrowser = await launchFirefox(server.port, { withExtension: ext });
  const rows: Row[] = [];
  try {
    for (const f of fixtures) {
      const page: PpPage = await browser.newPage();
      await page.setViewport({ width: 1000, height: 700 });
      await page.goto(urlOf(f.path), { timeout: 60_000 });
      // Puppeteer evaluates a string as an expression.
      const w = await watch(<T>(expr: string) => page.evaluate(expr) as Promise<T>, f.settled ?? 'true', (f.timeout ?? 15_000) + 30_000, ext);
      const lateness = (await page.evaluate(LATENESS)) as number[];
      await page.close();
      rows.push({ browser: 'firefox', page: f.path, ext, trace: null, lateness: summary(lateness), ...w });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const t0 = Date.now();
const rows: Row[] = [];
const versions: string[] = [];
if (browsers.includes('chromium')) {
  versions.push(browserVersion(CHROMIUM));
  for (const ext of [false, true]) {
    console.log(`Chromium, ${ext ? 'with' : 'without'} the extension…`);
    rows.push(...(await chromiumRuns(ext)));
  }
}
if (browsers.includes('firefox')) {
  if (!existsSync(FIREFOX)) console.warn(`SKIPPED Firefox: ${FIREFOX} is absent.`);
  else {
    versions.push(browserVersion(FIREFOX));
    for (const ext of [false, true]) {
      console.log(`Firefox, ${ext ? 'with' : 'without'} the extension…`);
      rows.push(...(await firefoxRuns(ext)));
    }
  }
}
await server.close();

const ms = (n: number) => fmt(n, 0);
const header = '| browser | page | extension | our longest task (ms) | longest task with our script: all / ours (ms) | our longest script run (ms) | tasks > 50 ms: ours / page\'s | our script total (ms) | ticker lateness p50 / p95 / max (ms) | marks | marks complete (s after navigation) |';
const lines = [header, '|---|---|---|---|---|---|---|---|---|---|---|'];
const order = (r: Row) => `${r.browser}${fixtures.findIndex((f) => f.path === r.page).toString().padStart(2, '0')}${r.ext ? 1 : 0}`;
for (const r of [...rows].sort((a, b) => order(a).localeCompare(order(b)))) {
  const t = r.trace;
  lines.push(`| ${r.browser} | ${r.page} | ${r.ext ? 'with' : 'without'} | ${t && r.ext ? ms(t.longestOurTaskMs) : '—'} | ${t && r.ext ? `${ms(t.longestWithUsMs)} / ${ms(t.longestWithUsOursMs)}` : '—'} | ${t && r.ext ? ms(t.longestOurScriptMs) : '—'} | ${t ? `${r.ext ? t.ourLongTasks : '—'} / ${t.pageLongTasks}` : '—'} | ${t && r.ext ? ms(t.ourScriptMs) : '—'} | ${ms(r.lateness.p50)} / ${ms(r.lateness.p95)} / ${ms(r.lateness.max)} | ${r.ext ? r.marks : '—'} | ${r.ext && r.marksAt !== null ? (r.marksAt / 1000).toFixed(1) : '—'} |`);
}
const took = ((Date.now() - t0) / 1000).toFixed(0);
const command = `npm run stress${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const section = [
  `Run on ${new Date().toISOString().slice(0, 10)} with \`${command}\` (${took} s); ${versions.join('; ')}.`,
  'Pages: `tests/e2e/fixtures/weight.ts` (the feed runs its full minute; the others 4–5 s of activity).',
  'Each page is loaded without and then with the built extension. From a CDP trace (`RunTask` and, inside',
  'it, `FunctionCall`/`EvaluateScript` with our `chrome-extension://` URL): "our longest task" is the',
  'longest main-thread task at least half of which was our script (with the layout and GC nested in it);',
  '"longest task with our script" is the longest task in which any script of ours ran, with our part of',
  'it (a page task in which a listener of ours also ran); "our longest script run" the longest stretch of',
  'our script. Tasks over 50 ms that are not ours include rendering, also the repaint our highlights',
  'cause, which a trace attributes to the page: compare with and without.',
  'Ticker lateness: how late the page\'s own 10 ms `setInterval` fired while its activity ran',
  '(p50 and p95 by nearest rank, as in the bench section).',
  'Firefox has no trace here: only the ticker and the marks.',
  '',
  ...lines,
  '',
].join('\n');
console.log(`\n${lines.join('\n')}\n\n(${took} s)`);

if (write) writeSection('## Heavy pages (npm run stress)', section);
