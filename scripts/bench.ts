// `npm run bench`: what the content script costs a page, in Debian's Chromium, over the saved pages
// in ../shared/pages and ../shared/pages/web-extra (read in place), beside a floor and mark.js. A
// benchmark: it prints numbers and writes them to docs/performance.md ("Page cost (npm run
// bench)"); it asserts nothing.
//
// How each figure is taken:
// - ours (curated, full lists): all main-thread time of our scripts on the page, from Chromium's
//   own trace (scripts/lib/harness/trace.ts): every `EvaluateScript` and `FunctionCall` of our
//   chrome-extension:// scripts on the page's main thread, with what runs nested inside them
//   (layout they force, garbage collection), each instant counted once. That is script load,
//   every scan slice, observer and timer callbacks and the painting calls we make. The trace runs
//   from navigation until SETTLE_MS after our first pass has painted (scripts/bench/runs.ts).
//   Bench builds (COMPANY_CONTEXT_BENCH=1, chrome only, in a temp folder) also total their own
//   phases with performance.now() (src/content/bench-phases.ts): the shares of walk, tokenise,
//   match, ranges and paint; load is the trace's evaluation of our scripts; the rest of the trace
//   total is "other" (the scan queue, observers, messages, GC between phases).
// - rendering our highlights cause: the browser paints them in the page's own frame tasks, which
//   no trace attributes to an extension. On RENDER_SAMPLE pages both runs trace the same
//   RENDER_WINDOW_MS, and the page's style, layout and paint time outside our script is compared
//   with and without us (per page, with minus without; noisy).
// - long tasks: main-thread tasks over 50 ms that were mostly our script's (the trace's `RunTask`s).
// - heap: CDP Runtime.getHeapUsage after a forced GC, the same page with and without the
//   extension, on a sample of pages.
// - floor: in a context without the extension, a TreeWalker pass over the body's text nodes that
//   are not in script/style/noscript/template/textarea, reading each node's text; nothing else.
// - mark.js (npm, exact version in package.json), injected into the page without the extension,
//   given every curated alias (accuracy "exactly", no word splitting), timed until `done`; with the
//   full list of names on a few pages only, stopped after MARKJS_FULL_TIMEOUT_MS.
// - endless feed: 10,000 paragraphs appended in 100 batches of 100, one in four naming a company
//   (2,500 mentions, past MAX_MARKS), scrolled to the newest; per batch, the time from being on
//   screen until its last name is marked (includes ScanQueue's wait and rest) and the renderer's
//   script time (CDP Performance ScriptDuration) for the batch, with and without the extension;
//   the longest task over the run (PerformanceObserver longtask).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PAGES, RENDER_WINDOW_MS, runOurs, runPlain, serveBench, type Dynamic } from './bench/runs.ts';
import { browserVersion, CHROMIUM } from './lib/harness/browsers.ts';
import { writeSection } from './lib/harness/perf-doc.ts';
import { fmt as f, mean, percentile as pct, summary } from './lib/harness/stats.ts';
import { curatedNames, withOfficialNames } from './lib/name-index.ts';
import { loadDataset } from './load-dataset.ts';
import { loadOfficial, OFFICIAL_DEFAULT } from './load-official.ts';

const limit = Number(process.env.BENCH_PAGES ?? Infinity);

if (!existsSync(PAGES)) {
  console.log(`bench SKIPPED: ${PAGES} is absent (../shared is not on this machine); nothing measured.`);
  process.exit(0);
}
if (!existsSync(OFFICIAL_DEFAULT)) {
  console.log(`bench: ${OFFICIAL_DEFAULT} is absent; run \`npm run data:import -- ../shared/official-lists\` first.`);
  process.exit(1);
}

/** The news-article corpora of ../shared/pages, then web-extra (encyclopaedia pages, shops, blogs). */
const ARTICLES = ['readability/test-pages', 'scrapinghub-aeb/html'];
const EXTRA = 'web-extra';

function htmlUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    // Readability's folders hold the page (source.html) beside its extracted article (expected.html).
    .filter((f) => /\.html?$/.test(f) && !f.endsWith('expected.html'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every page, or BENCH_PAGES of them spaced evenly through the list. */
function pageFiles(): string[] {
  const all = [...ARTICLES.flatMap((d) => htmlUnder(join(PAGES, d))), ...htmlUnder(join(PAGES, EXTRA))];
  if (!Number.isFinite(limit) || limit >= all.length) return all;
  return Array.from({ length: limit }, (_, k) => all[Math.floor((k * all.length) / limit)]!);
}
const isArticle = (file: string) => !relative(PAGES, file).startsWith(EXTRA);

function benchBuild(official: boolean): string {
  const out = mkdtempSync(join(tmpdir(), `cc-bench-${official ? 'full' : 'curated'}-`));
  execFileSync('npx', ['tsx', 'scripts/build.ts', 'chrome', ...(official ? ['--with-official'] : [])], {
    env: { ...process.env, COMPANY_CONTEXT_OUT: out, COMPANY_CONTEXT_BENCH: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return join(out, 'chrome');
}

// --- run ---
const files = pageFiles();
const command = `npm run bench${Number.isFinite(limit) ? ` (BENCH_PAGES=${limit})` : ''}`;
const version = browserVersion(CHROMIUM);
console.log(`bench: ${files.length} pages from ${relative(process.cwd(), PAGES)}, ${version}`);
const { dataset } = loadDataset('data');
const curatedIndex = curatedNames(dataset);
const fullIndex = withOfficialNames(dataset, curatedIndex, loadOfficial(OFFICIAL_DEFAULT, dataset)).index;
const namesOf = (ix: typeof curatedIndex) => [...new Set(ix.names.filter((n) => (n[2] & 12) === 0).map((n) => n[3]))];
const curatedDir = benchBuild(false);
const fullDir = benchBuild(true);
const sizes = [curatedDir, fullDir].map((d) => readFileSync(join(d, 'content.js')).length / 1024);
const server = await serveBench(files);
const plain = await runPlain(server, files, namesOf(curatedIndex), namesOf(fullIndex));
const curated = await runOurs(server, curatedDir, files, 'ours, curated');
const full = await runOurs(server, fullDir, files, 'ours, full lists');
await server.close();

const rows: string[] = [];
const row = (name: string, xs: number[], extra = '') => {
  const s = summary(xs);
  rows.push(`| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${extra} |`);
};
const heapAdded = (ours: number[]) => mean(ours) - mean(plain.heapKiB);
const byCorpus = (xs: Array<{ file: string; ms: number }>) => {
  const a = xs.filter((x) => isArticle(x.file)).map((x) => x.ms);
  const e = xs.filter((x) => !isArticle(x.file)).map((x) => x.ms);
  return `articles (${a.length}) p50 ${f(pct(a, 50))}, p95 ${f(pct(a, 95))} ms; web-extra (${e.length}) p50 ${f(pct(e, 50))}, p95 ${f(pct(e, 95))} ms`;
};
row('floor (TreeWalker over text nodes)', plain.floor.map((x) => x.ms), `${byCorpus(plain.floor)}${plain.floorFailed.length ? `; not measured: ${plain.floorFailed.length} (${plain.floorFailed.slice(0, 3).join(', ')})` : ''}`);
const PHASES = ['walk', 'tokenise', 'match', 'ranges', 'paint'] as const;
const phaseRows: string[] = [];
for (const [label, r] of [['ours, curated', curated], ['ours, full lists', full]] as const) {
  const ps = r.pages;
  const long = ps.reduce((s, p) => s + p.longTasks, 0);
  row(label, ps.map((p) => p.ms), `${byCorpus(ps)}; our tasks > 50 ms: ${long} on ${ps.filter((p) => p.longTasks > 0).length} pages, our longest task ${f(Math.max(0, ...ps.map((p) => p.longestTask)), 1)} ms; heap added ≈ ${f(heapAdded(r.heapKiB) / 1024)} MiB (mean of ${r.heapKiB.length} pages); marks p50 ${pct(ps.map((p) => p.marks), 50)}, total ${ps.reduce((s, p) => s + p.marks, 0)}${r.failed.length ? `; not measured: ${r.failed.length} (${r.failed.slice(0, 3).join(', ')})` : ''}`);
  // Shares of the summed time over all pages, and each phase's per-page p50.
  const total = ps.reduce((s, p) => s + p.ms, 0);
  const sumOf = (g: (p: (typeof ps)[number]) => number) => ps.reduce((s, p) => s + g(p), 0);
  const cell = (g: (p: (typeof ps)[number]) => number) => `${f(pct(ps.map(g), 50))} (${f((100 * sumOf(g)) / total, 0)}%)`;
  const other = (p: (typeof ps)[number]) => p.ms - p.loadMs - PHASES.reduce((s, k) => s + (p.phases[k] ?? 0), 0);
  phaseRows.push(`| ${label} | ${f(pct(ps.map((p) => p.ms), 50))} | ${cell((p) => p.loadMs)} | ${PHASES.map((k) => cell((p) => p.phases[k] ?? 0)).join(' | ')} | ${cell(other)} |`);
}
const done = plain.curated.filter((x) => x.ms !== null);
const notDone = plain.curated.filter((x) => x.ms === null);
const threw = plain.curated.find((x) => x.note.includes('threw'))?.note.replace(/^.*?(\d+ names threw)/, '$1');
row('mark.js, curated names', done.map((x) => x.ms!), `${namesOf(curatedIndex).length} names, on ${plain.curated.length} pages spaced through the set; marks p50 ${pct(done.map((x) => x.marks), 50)}${threw ? `; on each page ${threw}` : ''}${notDone.length ? `; did not finish on ${notDone.length}: ${notDone.map((x) => `${x.page} (${x.note})`).join('; ')}` : ''}`);
const ratio = (a: number[], b: number[]) => f(pct(a, 50) / pct(b, 50), 1);
const floorMs = plain.floor.map((x) => x.ms);
const renderLine = (label: string, r: typeof curated) => {
  const diffs = plain.renderMs.map((x) => {
    const p = r.pages.find((q) => q.file === x.file);
    return p ? p.renderMs - x.ms : NaN;
  }).filter(Number.isFinite);
  return `- rendering (style, layout, paint outside our script) over ${(RENDER_WINDOW_MS / 1000).toFixed(0)} s on ${diffs.length} pages, with minus without us, ${label}: p50 ${f(pct(diffs, 50))} ms, p95 ${f(pct(diffs, 95))} ms (without us: p50 ${f(pct(plain.renderMs.map((x) => x.ms), 50))} ms)`;
};
const ratioLines = [
  `- ours/floor at p50: curated ${ratio(curated.pages.map((p) => p.ms), floorMs)}×, full lists ${ratio(full.pages.map((p) => p.ms), floorMs)}×`,
  `- mark.js/ours at p50 (curated names; mark.js on its ${done.length} pages, ours on all): ${ratio(done.map((x) => x.ms!), curated.pages.map((p) => p.ms))}×`,
  renderLine('curated', curated),
  renderLine('full lists', full),
  `- content.js: curated ${f(sizes[0]!, 1)} KiB, full lists ${f(sizes[1]!, 1)} KiB`,
];
const fullLines = plain.full.map((x) => `- mark.js with the full list (${namesOf(fullIndex).length} names) on ${x.page}: ${x.ms === null ? '' : `${f(x.ms, 0)} ms, `}${x.marks} marks${x.note ? `; ${x.note}` : ''}`);
const dyn = (label: string, d: Dynamic) => `| ${label} | ${f(pct(d.latency, 50))} | ${f(pct(d.latency, 95))} | ${f(Math.max(...d.latency))} | ${d.latency.filter((x) => x > 500).length} | ${f(pct(d.script, 50))} | ${f(pct(d.script, 95))} | ${f(d.longestTask, 0)} | ${d.marked} |`;
const text = [
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${version}, headless, \`${command}\`, ${files.length} pages (${files.filter(isArticle).length} articles, ${files.filter((x) => !isArticle(x)).length} web-extra); a shared 2-core machine, so noisy.`,
  '',
  'All main-thread time of our scripts per page, from the trace:',
  '',
  '| method | pages | p50 ms | p95 ms | max ms | notes |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  ...ratioLines,
  ...fullLines,
  '',
  'Where our time goes: per-page p50 ms of each part, and (in brackets) its share of the time summed over all pages. Load from the trace; the phases from the bench build\'s own totals; other = the trace total less those.',
  '',
  '| build | total | load | walk | tokenise | match | ranges | paint | other |',
  '|---|---|---|---|---|---|---|---|---|',
  ...phaseRows,
  '',
  'Endless feed: 10,000 paragraphs appended in 100 batches of 100, one in four naming a company (2,500 mentions by the end, past MAX_MARKS), the reader scrolled to the newest: time from a batch being on screen until its last company name is marked (includes the scan queue\'s wait; the target is 500 ms), renderer script time per batch (CDP ScriptDuration), longest task of the run, marks painted at the end.',
  '',
  '| build | latency p50 ms | p95 | max | batches over 500 ms | script p50 ms | p95 | longest task ms | marks painted |',
  '|---|---|---|---|---|---|---|---|---|',
  dyn('no extension (append only)', plain.dynamic),
  dyn('ours, curated', curated.dynamic),
  dyn('ours, full lists', full.dynamic),
].join('\n');
console.log(`\n${text}\n`);

const how = [
  'How each figure is taken: the header of scripts/bench.ts. Ours = all main-thread time of our scripts on the page from Chromium\'s trace (script evaluation, every scan slice, observer and timer callbacks, what they force), from navigation until 200 ms after our first pass painted. The phase split comes from performance.now() totals compiled into a bench build only (COMPANY_CONTEXT_BENCH=1, src/content/bench-phases.ts).',
  'The rendering of our highlights happens in the page\'s own frames and is not attributed to us by the trace: it is compared with and without us on a sample of pages over the same window.',
  'mark.js is given one name per call (as it loops over an array itself), so that a name whose regular expression V8 cannot compile counts as a failure instead of aborting the run (given the whole array, mark.js 8.11.1 threw "Invalid regular expression: … Stack overflow" on most pages here, from its diacritics classes); it runs on a sample of pages, stopped at a time limit.',
  'p50 and p95 are nearest-rank (a page that was measured, never a value between two), as in the stress section.',
].join('\n\n');
writeSection('## Page cost (npm run bench)', `${how}\n\n${text}`);
