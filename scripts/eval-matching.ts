// `npm run eval:matching`: precision, recall and F1 of the page matcher against labelled pages,
// on two splits by site (tests/eval/labels/dev and tests/eval/labels/test; no site in both). Rules
// are tuned on dev only: its every false mark and miss is printed; test prints counts alone, and
// with --ci the run fails when test precision or recall falls below tests/eval/floor.json.
// Real pages are read in place from ../shared/pages; articles written for the evaluation live in
// tests/eval/articles. The page text is read with the content script's own text-scan and matcher
// code, in jsdom (everything counts as visible there).
//   --drafts [dir]  write a draft label for every page not yet labelled, as a labelling aid;
//                   with --only <ids>, the labelled pages again, for those entities' names alone;
//   --accept <dir>  turn reviewed drafts into labels.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { curatedNames, withOfficialNames } from './lib/name-index.ts';
import { loadOfficial, OFFICIAL_DEFAULT } from './load-official.ts';
import { Matcher, NAME_CUE, NAME_EXCLUDED, resolveMatches } from '../src/core/matcher.ts';
import type { Dataset } from '../src/core/dataset.ts';
import { matchRun } from '../src/content/text-scan.ts';
import { loadDataset } from './load-dataset.ts';
import { LABELS, SHARED, SPLITS, type Label, type Split } from './eval/corpus.ts';
import { acceptDrafts, writeDrafts } from './eval/drafts.ts';
import { htmlOf, pageText, spanInQuote, squash } from './eval/page-text.ts';

const FLOOR = 'tests/eval/floor.json';

interface Found {
  entity: string;
  start: number;
  end: number;
}

function predict(matcher: Matcher, runs: Array<{ text: string; offset: number }>): Found[] {
  const all = runs.flatMap((r) => matchRun(matcher, { text: r.text, nodes: [], starts: [] }).map((m) => ({ ...m, offset: r.offset })));
  return resolveMatches(all).map((m) => ({ entity: matcher.entities[m.entity]!, start: m.offset + m.start, end: m.offset + m.end }));
}

function groupOf(dataset: Dataset, id: string): string {
  const e = dataset.entities.find((x) => x.id === id);
  if (!e) return 'unknown';
  if (e.kind === 'organisation') return 'organisations';
  if (e.country === 'CN' || e.country === 'HK') return 'China';
  if (e.country === 'RU') return 'Russia';
  if (['IR', 'KP'].includes(e.country)) return 'Iran & DPRK';
  return 'other (US, Europe, Israel...)';
}

const context = (t: string, s: number, e: number) => `…${t.slice(Math.max(0, s - 40), s)}[${t.slice(s, e)}]${t.slice(e, e + 40)}…`.replace(/\s+/g, ' ');

/** EVAL_CACHE=<dir> keeps each page's text between runs while tuning (jsdom is most of the time). */
function cachedPageText(page: string, html: string): ReturnType<typeof pageText> {
  const dir = process.env.EVAL_CACHE;
  if (!dir) return pageText(html);
  const file = join(dir, `${createHash('sha256').update(page).digest('hex')}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof pageText>;
  const out = pageText(html);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(out));
  return out;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One split's figures: counts per group, every false mark and miss, and the empty-page sweep. */
interface SplitResult {
  pages: number;
  skipped: number;
  groups: Map<string, Counts>;
  fps: string[];
  fns: string[];
  problems: string[];
  emptyPages: number;
  emptyPageMarks: number;
  hardEmptyPages: number;
  hardEmptyMarks: number;
}

export function labelsOf(split: Split): Array<{ file: string; label: Label }> {
  const dir = join(LABELS, split);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `${split}/${f}`, label: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Label }));
}

/** No site may have pages in both splits: a rule tuned on a site's pages would be tested on it. */
function checkSplits(all: Record<Split, Array<{ file: string; label: Label }>>): string[] {
  const seen = new Map<string, Split>();
  const problems: string[] = [];
  for (const split of SPLITS) {
    for (const { file, label } of all[split]) {
      if (typeof label.site !== 'string' || label.site === '') problems.push(`${file}: no "site"`);
      const other = seen.get(label.site);
      if (other && other !== split) problems.push(`${file}: site ${label.site} is in both splits`);
      seen.set(label.site, split);
    }
  }
  return problems;
}

function evaluateSplit(dataset: Dataset, matcher: Matcher, loose: Matcher, labels: Array<{ file: string; label: Label }>): SplitResult {
  const r: SplitResult = { pages: 0, skipped: 0, groups: new Map(), fps: [], fns: [], problems: [], emptyPages: 0, emptyPageMarks: 0, hardEmptyPages: 0, hardEmptyMarks: 0 };
  const bump = (g: string, k: keyof Counts) => {
    const s = r.groups.get(g) ?? { tp: 0, fp: 0, fn: 0 };
    s[k]++;
    r.groups.set(g, s);
  };
  for (const { file, label } of labels) {
    const html = htmlOf(label.page);
    if (html === null) {
      r.skipped++;
      continue;
    }
    r.pages++;
    const { text, runs } = cachedPageText(label.page, html);
    const found = predict(matcher, runs);
    const sq = squash(text);
    const spans = label.mentions.flatMap((m) => {
      const q = squash(m.quote).text.trim();
      let at = -1;
      for (let n = 0; n <= (m.nth ?? 0); n++) at = sq.text.indexOf(q, at + 1);
      const inner = at < 0 ? -1 : spanInQuote(q, m.text);
      if (at < 0 || inner < 0) {
        r.problems.push(`${file}: quote "${m.quote}" (text "${m.text}") not found in the page text`);
        return [];
      }
      const start = sq.map[at + inner]!;
      return [{ entity: m.entity, start, end: sq.map[at + inner + m.text.length - 1]! + 1, used: false }];
    });
    for (const f of found) {
      const hit = spans.find((s) => !s.used && s.entity === f.entity && s.start < f.end && f.start < s.end);
      if (hit) {
        hit.used = true;
        bump(groupOf(dataset, f.entity), 'tp');
      } else {
        bump(groupOf(dataset, f.entity), 'fp');
        r.fps.push(`${label.page}: ${f.entity} ${context(text, f.start, f.end)}`);
      }
    }
    for (const s of spans.filter((x) => !x.used)) {
      bump(groupOf(dataset, s.entity), 'fn');
      r.fns.push(`${label.page}: ${s.entity} ${context(text, s.start, s.end)}`);
    }
    if (label.mentions.length === 0) {
      r.emptyPages++;
      r.emptyPageMarks += found.length;
      // Pages where some alias does occur (as a word, a URL, another name) are the real test.
      if (runs.some((run) => loose.find(run.text).length > 0)) {
        r.hardEmptyPages++;
        r.hardEmptyMarks += found.length;
      }
    }
  }
  return r;
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

function total(r: SplitResult): Counts & { precision: number; recall: number; perHundred: number } {
  const T = [...r.groups.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  return { ...T, precision: T.tp / (T.tp + T.fp), recall: T.tp / (T.tp + T.fn), perHundred: (100 * r.emptyPageMarks) / Math.max(r.emptyPages, 1) };
}

function report(split: Split, r: SplitResult, detail: boolean): void {
  console.log(`\n## ${split === 'test' ? 'Test split (held out: counts only)' : 'Dev split (rules are tuned here)'}\n`);
  console.log(`Labelled pages: ${r.pages} (${r.skipped} skipped: page file absent)\n`);
  console.log('| group | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|');
  for (const [g, s] of [...r.groups].sort()) {
    const p = s.tp / (s.tp + s.fp);
    const q = s.tp / (s.tp + s.fn);
    console.log(`| ${g} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(p)} | ${pct(q)} | ${pct((2 * p * q) / (p + q))} |`);
  }
  const T = total(r);
  console.log(`| **all** | ${T.tp} | ${T.fp} | ${T.fn} | ${pct(T.precision)} | ${pct(T.recall)} | ${pct((2 * T.precision * T.recall) / (T.precision + T.recall))} |`);
  console.log(`\nPages with no dataset company: ${r.emptyPages}; false marks on them: ${r.emptyPageMarks} (${pct(T.perHundred)} per 100 pages)`);
  console.log(`  of which pages where an alias occurs in some form (a word, a URL, another name): ${r.hardEmptyPages}; false marks on them: ${r.hardEmptyMarks}`);
  console.log(`Targets: precision >= 0.98 ${T.precision >= 0.98 ? 'met' : 'NOT met'}; recall >= 0.95 ${T.recall >= 0.95 ? 'met' : 'NOT met'}; <= 1 false mark per 100 pages ${T.perHundred <= 1 ? 'met' : 'NOT met'}`);
  if (detail) {
    console.log(`\nFalse positives (${r.fps.length}):`);
    for (const f of r.fps) console.log(`  ${f}`);
    console.log(`\nFalse negatives (${r.fns.length}):`);
    for (const f of r.fns) console.log(`  ${f}`);
  }
  if (r.problems.length > 0) {
    console.log(`\nLabel problems (${r.problems.length}):`);
    for (const p of r.problems) console.log(`  ${p}`);
  }
}

/** Returns the exit code: 1 when a label is broken or, with `ci`, test figures fall below the floor. */
function evaluate(dataset: Dataset, matcher: Matcher, ci: boolean): number {
  const all = { dev: labelsOf('dev'), test: labelsOf('test') };
  const splitProblems = checkSplits(all);
  const index = curatedNames(dataset);
  const loose = new Matcher({ ...index, names: index.names.map(([k, e, f, t]) => [k, e, f & (NAME_EXCLUDED | NAME_CUE), t]) });
  const dev = evaluateSplit(dataset, matcher, loose, all.dev);
  report('dev', dev, true);
  // --dev-only: while tuning, the test split is not even counted.
  const test = process.argv.includes('--dev-only') ? evaluateSplit(dataset, matcher, loose, []) : evaluateSplit(dataset, matcher, loose, all.test);
  if (test.pages > 0) report('test', test, false);
  for (const p of splitProblems) console.log(`Split problem: ${p}`);
  let code = splitProblems.length + dev.problems.length + test.problems.length > 0 ? 1 : 0;
  if (ci) {
    const T = total(test);
    if (test.pages === 0) {
      console.log(`\neval:matching --ci: no test page could be read (${SHARED} absent): the floor is not checked.`);
      return code;
    }
    const floor = JSON.parse(readFileSync(FLOOR, 'utf8')) as { precision: number; recall: number };
    const ok = T.precision >= floor.precision && T.recall >= floor.recall;
    console.log(`\nFloor (${FLOOR}): test precision ${pct(T.precision)} >= ${floor.precision}, recall ${pct(T.recall)} >= ${floor.recall}: ${ok ? 'held' : 'BROKEN'}`);
    if (!ok) code = 1;
  }
  return code;
}

/** Every label with its split: drafts keep a labelled site in its split. */
function existingLabels(): Array<{ split: Split; label: Label }> {
  return SPLITS.flatMap((split) => labelsOf(split).map(({ label }) => ({ split, label })));
}

const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
// --with-official: the names of data/generated/official.json too, as a --with-official build has them.
// --one-word-names: with the one-word official names the build leaves out (scripts/lib/name-index.ts).
const official = process.argv.includes('--with-official') ? loadOfficial(resolve(OFFICIAL_DEFAULT), dataset) : null;
const matcher = new Matcher(official ? withOfficialNames(dataset, curatedNames(dataset), official, process.argv.includes('--one-word-names')).index : curatedNames(dataset));
if (!existsSync(SHARED)) console.log(`eval:matching: ${SHARED} is absent: real pages are skipped; written articles still count.`);
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i < 0 ? null : (process.argv[i + 1] ?? '');
};
const draftsDir = arg('--drafts');
const acceptDir = arg('--accept');
const only = arg('--only');
if (draftsDir !== null) writeDrafts(dataset, existingLabels(), draftsDir || '/tmp/label-drafts', only ? new Set(only.split(',')) : undefined);
else if (acceptDir !== null) acceptDrafts(dataset, existingLabels(), acceptDir);
else process.exitCode = evaluate(dataset, matcher, process.argv.includes('--ci'));
