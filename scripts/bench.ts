// `npm run bench`: what the content script costs a page, in Debian's Chromium, over the saved pages
// in ../shared/pages (read in place), beside a floor and mark.js. A benchmark: it prints numbers and
// writes them to docs/performance.md ("Page cost (npm run bench)"); it asserts nothing.
//
// How each figure is taken:
// - ours (curated, full lists): bench builds (COMPANY_CONTEXT_BENCH=1, chrome only, in a temp
//   folder) whose content script leaves performance marks: `cc-start` (first line of content.js),
//   `cc-loaded` (module evaluated: the name index decoded, the matcher ready), `cc-scan-start` (the
//   first scan begins; the script waits for DOMContentLoaded and an idle moment first, which is not
//   work), `cc-painted` (a frame after the first pass ended). Ours = (loaded - start) + (painted -
//   scan-start): the script's own time, index load included, waits excluded.
// - long tasks from our script: long tasks (> 50 ms) overlapping our spans (cc-start..cc-loaded,
//   cc-scan-start..cc-painted), counted per page: an upper bound, since Chromium attributes
//   neither long tasks nor (in practice) Long Animation Frames to a content script.
// - heap: CDP Runtime.getHeapUsage after a forced GC, the same page with and without the
//   extension, on a sample of pages.
// - floor: in a context without the extension, a TreeWalker pass over the body's text nodes that
//   are not in script/style/noscript/template/textarea, reading each node's text; nothing else.
// - mark.js (npm, exact version in package.json), injected into the page without the extension,
//   given every curated alias (accuracy "exactly", no word splitting), timed until `done`; with the
//   full list of names on a few pages only, stopped after MARKJS_FULL_TIMEOUT_MS.
// - dynamic page: 10,000 paragraphs appended in 100 batches of 100, one company name per batch;
//   per batch, the time until its name is marked (includes ScanQueue's wait, MIN_DELAY_MS and its
//   back-off) and the renderer's script time (CDP Performance ScriptDuration) for the batch, with
//   and without the extension; the longest task over the run (PerformanceObserver longtask).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../tests/e2e/support/browsers.ts';
import { curatedNames, withOfficialNames } from './lib/name-index.ts';
import { loadDataset } from './load-dataset.ts';
import { loadOfficial, OFFICIAL_DEFAULT } from './load-official.ts';

const PAGES = resolve('../shared/pages');
const MARK = 'company-context';
const ORIGIN = 'http://bench.test';
const HEAP_SAMPLE = 12;
/** mark.js takes seconds a page: it runs on pages evenly spaced through the set, each in a fresh tab. */
const MARKJS_PAGES = Number(process.env.BENCH_MARKJS_PAGES ?? 8);
const MARKJS_TIMEOUT_MS = 10_000;
const MARKJS_FULL_PAGES = 3;
const limit = Number(process.env.BENCH_PAGES ?? Infinity);

if (!existsSync(PAGES)) {
  console.log(`bench SKIPPED: ${PAGES} is absent (../shared is not on this machine); nothing measured.`);
  process.exit(0);
}
if (!existsSync(OFFICIAL_DEFAULT)) {
  console.log(`bench: ${OFFICIAL_DEFAULT} is absent; run \`npm run data:import -- ../shared/official-lists\` first.`);
  process.exit(1);
}

function pageFiles(): string[] {
  const out: string[] = [];
  const rt = join(PAGES, 'readability/test-pages');
  if (existsSync(rt)) for (const d of readdirSync(rt).sort()) if (existsSync(join(rt, d, 'source.html'))) out.push(join(rt, d, 'source.html'));
  const sh = join(PAGES, 'scrapinghub-aeb/html');
  if (existsSync(sh)) for (const f of readdirSync(sh).sort()) if (f.endsWith('.html')) out.push(join(sh, f));
  return out.slice(0, limit);
}

function benchBuild(official: boolean): string {
  const out = mkdtempSync(join(tmpdir(), `cc-bench-${official ? 'full' : 'curated'}-`));
  execFileSync('npx', ['tsx', 'scripts/build.ts', 'chrome', ...(official ? ['--with-official'] : [])], {
    env: { ...process.env, COMPANY_CONTEXT_OUT: out, COMPANY_CONTEXT_BENCH: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return join(out, 'chrome');
}

/** Serves page i at ORIGIN/p/i and the dynamic page; every other request is refused (offline). */
async function serve(ctx: BrowserContext, files: string[]): Promise<void> {
  // tsx names the functions we pass to page.evaluate through a `__name` helper the page lacks.
  await ctx.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const m = /^\/p\/(\d+)$/.exec(url.pathname);
    if (m) return route.fulfill({ status: 200, contentType: 'text/html', body: readFileSync(files[Number(m[1])]!) });
    if (url.pathname === '/dynamic') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><head><title>dynamic</title></head><body><main id="feed"></main></body></html>' });
    return route.abort();
  });
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: xs.length ? Math.max(...xs) : NaN });
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');

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

interface OursPage { ms: number; loadMs: number; scanMs: number; paintMs: number; marks: number; longFrames: number; longestOurs: number }

async function runOurs(dir: string, files: string[], label: string): Promise<{ pages: OursPage[]; heapKiB: number[]; failed: string[]; dynamic: Dynamic }> {
  const { ctx } = await launchChromium({ extensionDir: dir });
  await serve(ctx, files);
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
    if (!(await goto(page, `${ORIGIN}/p/${i}`))) {
      failed.push(relative(PAGES, files[i]!));
      continue;
    }
    try {
      await page.waitForFunction(() => performance.getEntriesByName('cc-painted').length > 0, null, { timeout: 15_000, polling: 20 });
    } catch {
      failed.push(relative(PAGES, files[i]!));
      continue;
    }
    const r = await page.evaluate(async (name) => {
      const at = (n: string) => performance.getEntriesByName(n)[0]!.startTime;
      // Long tasks are buffered from navigation on. Chromium's Long Animation Frames do not
      // attribute content-script work (their `scripts` list is empty for our frames), so this
      // counts every long task overlapping our own spans: an upper bound on ours, the page's
      // own work included.
      const tasks = await new Promise<PerformanceEntryList>((done) => {
        const po = new PerformanceObserver((l) => (po.disconnect(), done(l.getEntries())));
        po.observe({ type: 'longtask', buffered: true });
        setTimeout(() => (po.disconnect(), done([])), 20);
      });
      const spans = [[at('cc-start'), at('cc-loaded')], [at('cc-scan-start'), at('cc-painted')]] as const;
      const ours = tasks.filter((t) => spans.some(([a, b]) => t.startTime < b && t.startTime + t.duration > a)).map((t) => t.duration);
      return {
        loadMs: at('cc-loaded') - at('cc-start'),
        scanMs: at('cc-scanned') - at('cc-scan-start'),
        paintMs: at('cc-painted') - at('cc-scanned'),
        marks: (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get(name)?.size ?? 0,
        longFrames: ours.length,
        longestOurs: ours.length ? Math.max(...ours) : 0,
      };
    }, MARK).catch(() => null);
    if (!r) {
      failed.push(relative(PAGES, files[i]!));
      continue;
    }
    pages.push({ ms: r.loadMs + r.scanMs + r.paintMs, ...r });
    if (i % Math.ceil(files.length / HEAP_SAMPLE) === 0) heapKiB.push((await heap(cdp).catch(() => NaN)) / 1024);
  }
  console.log(`  ${label}: ${pages.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const dynamic = await runDynamic(page, cdp);
  await ctx.close();
  return { pages, heapKiB, failed, dynamic };
}

interface Dynamic { latency: number[]; script: number[]; longestTask: number; marked: number }

/** 100 batches of 100 paragraphs; one company name per batch. */
async function runDynamic(page: Page, cdp: CDPSession, withExtension = true): Promise<Dynamic> {
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
  for (let b = 0; b < 100; b++) {
    const before = await scriptTime();
    const ms = await page.evaluate(async ([b, name, wait]) => {
      const t0 = performance.now();
      const feed = document.getElementById('feed')!;
      const frag = document.createDocumentFragment();
      for (let i = 0; i < 100; i++) {
        const p = document.createElement('p');
        p.textContent = i === 50
          ? `Batch ${b}: Hikvision said on Tuesday that its cameras meet every rule, a claim researchers dispute.`
          : `Paragraph ${b}.${i} of the live blog, with ordinary words about weather, markets and local news, and nothing else in it.`;
        frag.append(p);
      }
      feed.append(frag);
      if (!wait) return performance.now() - t0;
      const want = b + 1;
      const size = () => (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get(name)?.size ?? 0;
      while (size() < want && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
      return performance.now() - t0;
    }, [b, MARK, withExtension] as [number, string, boolean]);
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

interface Plain { floor: number[]; floorFailed: string[]; heapKiB: number[]; curated: Array<MarkRun & { page: string }>; full: Array<MarkRun & { page: string }>; dynamic: Dynamic }

async function runPlain(files: string[], curatedNames: string[], fullNames: string[]): Promise<Plain> {
  const { ctx } = await launchChromium({ withExtension: false });
  await serve(ctx, files);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const markjs = readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const out: Plain = { floor: [], floorFailed: [], heapKiB: [], curated: [], full: [], dynamic: { latency: [], script: [], longestTask: 0, marked: 0 } };
  const started = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (!(await goto(page, `${ORIGIN}/p/${i}`))) continue;
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
    else out.floor.push(ms);
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

type MarkRun = { ms: number | null; marks: number; note: string };

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

// --- run ---
const files = pageFiles();
const command = `npm run bench${Number.isFinite(limit) ? ` (BENCH_PAGES=${limit})` : ''}`;
const version = execFileSync(CHROMIUM, ['--version']).toString().trim();
console.log(`bench: ${files.length} pages from ${relative(process.cwd(), PAGES)}, ${version}`);
const { dataset } = loadDataset('data');
const curatedIndex = curatedNames(dataset);
const fullIndex = withOfficialNames(dataset, curatedIndex, loadOfficial(OFFICIAL_DEFAULT, dataset)).index;
const namesOf = (ix: typeof curatedIndex) => [...new Set(ix.names.filter((n) => (n[2] & 12) === 0).map((n) => n[3]))];
const curatedDir = benchBuild(false);
const fullDir = benchBuild(true);
const sizes = [curatedDir, fullDir].map((d) => readFileSync(join(d, 'content.js')).length / 1024);
const plain = await runPlain(files, namesOf(curatedIndex), namesOf(fullIndex));
const curated = await runOurs(curatedDir, files, 'ours, curated');
const full = await runOurs(fullDir, files, 'ours, full lists');

const rows: string[] = [];
const row = (name: string, xs: number[], extra = '') => {
  const s = stats(xs);
  rows.push(`| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${extra} |`);
};
const mean = (xs: number[]) => {
  const ok = xs.filter(Number.isFinite);
  return ok.reduce((a, b) => a + b, 0) / Math.max(1, ok.length);
};
const heapAdded = (ours: number[]) => mean(ours) - mean(plain.heapKiB);
row('floor (TreeWalker over text nodes)', plain.floor, plain.floorFailed.length ? `not measured: ${plain.floorFailed.length} (${plain.floorFailed.slice(0, 3).join(', ')})` : '');
for (const [label, r] of [['ours, curated', curated], ['ours, full lists', full]] as const) {
  const long = r.pages.reduce((s, p) => s + p.longFrames, 0);
  row(label, r.pages.map((p) => p.ms), `script load (index included) p50 ${f(pct(r.pages.map((p) => p.loadMs), 50))} ms, max ${f(Math.max(...r.pages.map((p) => p.loadMs)))}; first pass p50 ${f(pct(r.pages.map((p) => p.scanMs), 50))} ms; then to the next frame painted p50 ${f(pct(r.pages.map((p) => p.paintMs), 50))} ms; long tasks > 50 ms overlapping our spans (upper bound, see above): ${long} on ${r.pages.filter((p) => p.longFrames > 0).length} pages, longest ${f(Math.max(0, ...r.pages.map((p) => p.longestOurs)), 0)} ms; heap added ≈ ${f(heapAdded(r.heapKiB) / 1024)} MiB (mean of ${r.heapKiB.length} pages); marks p50 ${pct(r.pages.map((p) => p.marks), 50)}${r.failed.length ? `; not measured: ${r.failed.length} (${r.failed.slice(0, 3).join(', ')})` : ''}`);
}
const done = plain.curated.filter((x) => x.ms !== null);
const notDone = plain.curated.filter((x) => x.ms === null);
const threw = plain.curated.find((x) => x.note.includes('threw'))?.note.replace(/^.*?(\d+ names threw)/, '$1');
row('mark.js, curated names', done.map((x) => x.ms!), `${namesOf(curatedIndex).length} names, on ${plain.curated.length} pages spaced through the set; marks p50 ${pct(done.map((x) => x.marks), 50)}${threw ? `; on each page ${threw}` : ''}${notDone.length ? `; did not finish on ${notDone.length}: ${notDone.map((x) => `${x.page} (${x.note})`).join('; ')}` : ''}`);
const ratio = (a: number[], b: number[]) => f(pct(a, 50) / pct(b, 50), 1);
const ratioLines = [
  `- ours/floor at p50: curated ${ratio(curated.pages.map((p) => p.ms), plain.floor)}×, full lists ${ratio(full.pages.map((p) => p.ms), plain.floor)}×`,
  `- mark.js/ours at p50 (curated names; mark.js on its ${done.length} pages, ours on all): ${ratio(done.map((x) => x.ms!), curated.pages.map((p) => p.ms))}×`,
  `- content.js: curated ${f(sizes[0]!, 1)} KiB, full lists ${f(sizes[1]!, 1)} KiB`,
];
const fullLines = plain.full.map((x) => `- mark.js with the full list (${namesOf(fullIndex).length} names) on ${x.page}: ${x.ms === null ? '' : `${f(x.ms, 0)} ms, `}${x.marks} marks${x.note ? `; ${x.note}` : ''}`);
const dyn = (label: string, d: Dynamic) => `| ${label} | ${f(pct(d.latency, 50))} | ${f(pct(d.latency, 95))} | ${f(Math.max(...d.latency))} | ${f(pct(d.script, 50))} | ${f(pct(d.script, 95))} | ${f(d.longestTask, 0)} | ${d.marked} |`;
const text = [
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${version}, headless, \`${command}\`, ${files.length} pages; a shared 2-core machine, so noisy.`,
  '',
  '| method | pages | p50 ms | p95 ms | max ms | notes |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  ...ratioLines,
  ...fullLines,
  '',
  'Dynamic page, 10,000 paragraphs in 100 batches of 100 (one company name per batch): time until the batch\'s name is marked (includes the scan queue\'s wait), renderer script time per batch (CDP ScriptDuration), longest task of the run.',
  '',
  '| build | latency p50 ms | p95 | max | script p50 ms | p95 | longest task ms | marks |',
  '|---|---|---|---|---|---|---|---|',
  dyn('no extension (append only)', plain.dynamic),
  dyn('ours, curated', curated.dynamic),
  dyn('ours, full lists', full.dynamic),
].join('\n');
console.log(`\n${text}\n`);

const doc = 'docs/performance.md';
const HEADING = '## Page cost (npm run bench)';
const how = [
  'How each figure is taken: the header of scripts/bench.ts. Ours = the content script\'s own time from its first line to highlights painted (script load with the index decode, then the first scan pass, then the next frame), its waits for DOMContentLoaded and an idle moment excluded; performance marks compiled in only for a bench build (COMPANY_CONTEXT_BENCH=1).',
  'Long tasks: Chromium attributes neither long tasks nor Long Animation Frames to a content script (a 64 ms frame inside our scan showed an empty `scripts` list), so the count is of long tasks overlapping our spans: an upper bound that includes the page\'s own work.',
  'mark.js is given one name per call (as it loops over an array itself), so that a name whose regular expression V8 cannot compile counts as a failure instead of aborting the run (given the whole array, mark.js 8.11.1 threw "Invalid regular expression: … Stack overflow" on most pages here, from its diacritics classes); it runs on a sample of pages, stopped at a time limit.',
].join('\n\n');
let md = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n';
const section = `${HEADING}\n\n${how}\n\n${text}\n`;
const at = md.indexOf(HEADING);
if (at >= 0) {
  const next = md.indexOf('\n## ', at + HEADING.length);
  md = md.slice(0, at) + section + (next >= 0 ? md.slice(next + 1) : '');
} else md = `${md.trimEnd()}\n\n${section}`;
writeFileSync(doc, md);
console.log(`wrote ${doc}`);
