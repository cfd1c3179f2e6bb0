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
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PAGES, runOurs, runPlain, serveBench, type Dynamic } from './bench/runs.ts';
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

const how = [
  'How each figure is taken: the header of scripts/bench.ts. Ours = the content script\'s own time from its first line to highlights painted (script load with the index decode, then the first scan pass, then the next frame), its waits for DOMContentLoaded and an idle moment excluded; performance marks compiled in only for a bench build (COMPANY_CONTEXT_BENCH=1).',
  'Long tasks: Chromium attributes neither long tasks nor Long Animation Frames to a content script (a 64 ms frame inside our scan showed an empty `scripts` list), so the count is of long tasks overlapping our spans: an upper bound that includes the page\'s own work.',
  'mark.js is given one name per call (as it loops over an array itself), so that a name whose regular expression V8 cannot compile counts as a failure instead of aborting the run (given the whole array, mark.js 8.11.1 threw "Invalid regular expression: … Stack overflow" on most pages here, from its diacritics classes); it runs on a sample of pages, stopped at a time limit.',
  'p50 and p95 are nearest-rank (a page that was measured, never a value between two), as in the stress section.',
].join('\n\n');
writeSection('## Page cost (npm run bench)', `${how}\n\n${text}`);
