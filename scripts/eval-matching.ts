// `npm run eval:matching`: precision, recall and F1 of the page matcher against labelled pages
// (tests/eval/labels/*.json: real pages read in place from ../shared/pages, and articles written
// for the evaluation under tests/eval/articles/). The page text is read with the content script's
// own text-scan and matcher code, in jsdom (everything counts as visible there).
//   --drafts [dir]  write a draft label per page of ../shared/pages, as a labelling aid.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { compileNameIndex } from '../src/core/compile.ts';
import { Matcher, NAME_CUE, NAME_EXCLUDED, resolveMatches } from '../src/core/matcher.ts';
import type { Dataset } from '../src/core/dataset.ts';
import { matchRun, textRuns } from '../src/content/text-scan.ts';
import { loadDataset } from './load-dataset.ts';

const SHARED = '../shared/pages';
const LABELS = 'tests/eval/labels';
const ARTICLES = 'tests/eval/articles';

export interface Label {
  page: string;
  mentions: Array<{ entity: string; text: string; quote: string; nth?: number }>;
  notes?: string;
}

interface Found {
  entity: string;
  start: number;
  end: number;
}

/** The page's text as the content script reads it: runs joined by newlines. */
export function pageText(html: string): { text: string; runs: Array<{ text: string; offset: number }> } {
  // Style sheets and style attributes are dropped first: jsdom's CSS parser throws on some real
  // pages (Sass left in production), and jsdom computes no visibility from them anyway.
  const unstyled = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
  const dom = new JSDOM(unstyled, { virtualConsole: new VirtualConsole() });
  // text-scan uses the DOM's globals, as the content script does in its page.
  Object.assign(globalThis, { Node: dom.window.Node, NodeFilter: dom.window.NodeFilter, Element: dom.window.Element, HTMLElement: dom.window.HTMLElement });
  const runs: Array<{ text: string; offset: number }> = [];
  let text = '';
  for (const run of textRuns(dom.window.document.body ?? dom.window.document.documentElement, null)) {
    runs.push({ text: run.text, offset: text.length });
    text += `${run.text}\n`;
  }
  dom.window.close();
  return { text, runs };
}

function predict(matcher: Matcher, runs: Array<{ text: string; offset: number }>): Found[] {
  const all = runs.flatMap((r) => matchRun(matcher, { text: r.text, nodes: [], starts: [] }).map((m) => ({ ...m, offset: r.offset })));
  return resolveMatches(all).map((m) => ({ entity: matcher.entities[m.entity]!, start: m.offset + m.start, end: m.offset + m.end }));
}

function htmlOf(page: string): string | null {
  const path = page.startsWith('articles/') ? join(ARTICLES, page.slice('articles/'.length)) : join(SHARED, page);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Collapses white space, keeping a map back to the original offsets. */
function squash(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i]!)) {
      if (text.endsWith(' ')) continue;
      text += ' ';
    } else text += s[i];
    map.push(i);
  }
  return { text, map };
}

/**
 * Where the labelled span sits in its quote. A quote that starts with the span means that one;
 * otherwise drafts place the span 30 characters in (DRAFT_LEAD), so the occurrence nearest that wins.
 */
const DRAFT_LEAD = 30;
function spanInQuote(quote: string, text: string): number {
  if (quote.startsWith(text)) return 0;
  let best = -1;
  for (let i = quote.indexOf(text); i >= 0; i = quote.indexOf(text, i + 1)) {
    if (best < 0 || Math.abs(i - DRAFT_LEAD) < Math.abs(best - DRAFT_LEAD)) best = i;
  }
  return best;
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

function evaluate(dataset: Dataset, matcher: Matcher): void {
  const labels = existsSync(LABELS) ? readdirSync(LABELS).filter((f) => f.endsWith('.json')).sort() : [];
  const stats = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (g: string, k: 'tp' | 'fp' | 'fn') => {
    const s = stats.get(g) ?? { tp: 0, fp: 0, fn: 0 };
    s[k]++;
    stats.set(g, s);
  };
  const fps: string[] = [];
  const fns: string[] = [];
  const problems: string[] = [];
  let pages = 0;
  let skipped = 0;
  let emptyPages = 0;
  let emptyPageMarks = 0;
  let hardEmptyPages = 0;
  let hardEmptyMarks = 0;
  const index = compileNameIndex(dataset);
  const loose = new Matcher({ ...index, names: index.names.map(([k, e, f, t]) => [k, e, f & (NAME_EXCLUDED | NAME_CUE), t]) });
  for (const file of labels) {
    const label = JSON.parse(readFileSync(join(LABELS, file), 'utf8')) as Label;
    const html = htmlOf(label.page);
    if (html === null) {
      skipped++;
      continue;
    }
    pages++;
    const { text, runs } = pageText(html);
    const found = predict(matcher, runs);
    const sq = squash(text);
    const spans = label.mentions.flatMap((m) => {
      const q = squash(m.quote).text.trim();
      let at = -1;
      for (let n = 0; n <= (m.nth ?? 0); n++) at = sq.text.indexOf(q, at + 1);
      const inner = at < 0 ? -1 : spanInQuote(q, m.text);
      if (at < 0 || inner < 0) {
        problems.push(`${file}: quote "${m.quote}" (text "${m.text}") not found in the page text`);
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
        fps.push(`${label.page}: ${f.entity} ${context(text, f.start, f.end)}`);
      }
    }
    for (const s of spans.filter((x) => !x.used)) {
      bump(groupOf(dataset, s.entity), 'fn');
      fns.push(`${label.page}: ${s.entity} ${context(text, s.start, s.end)}`);
    }
    if (label.mentions.length === 0) {
      emptyPages++;
      emptyPageMarks += found.length;
      // Pages where some alias does occur (as a word, a URL, another name) are the real test.
      if (runs.some((r) => loose.find(r.text).length > 0)) {
        hardEmptyPages++;
        hardEmptyMarks += found.length;
      }
    }
  }
  const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  console.log(`Labelled pages: ${pages} (${skipped} skipped: page file absent)\n`);
  console.log('| group | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|');
  let T = { tp: 0, fp: 0, fn: 0 };
  for (const [g, s] of [...stats].sort()) {
    const p = s.tp / (s.tp + s.fp);
    const r = s.tp / (s.tp + s.fn);
    console.log(`| ${g} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(p)} | ${pct(r)} | ${pct((2 * p * r) / (p + r))} |`);
    T = { tp: T.tp + s.tp, fp: T.fp + s.fp, fn: T.fn + s.fn };
  }
  const P = T.tp / (T.tp + T.fp);
  const R = T.tp / (T.tp + T.fn);
  console.log(`| **all** | ${T.tp} | ${T.fp} | ${T.fn} | ${pct(P)} | ${pct(R)} | ${pct((2 * P * R) / (P + R))} |`);
  console.log(`\nPages with no dataset company: ${emptyPages}; false marks on them: ${emptyPageMarks} (${pct((100 * emptyPageMarks) / Math.max(emptyPages, 1))} per 100 pages)`);
  console.log(`  of which pages where an alias occurs in some form (a word, a URL, another name): ${hardEmptyPages}; false marks on them: ${hardEmptyMarks} (${pct((100 * hardEmptyMarks) / Math.max(hardEmptyPages, 1))} per 100 pages)`);
  console.log(`Targets: precision >= 0.98 ${P >= 0.98 ? 'met' : 'NOT met'}; recall >= 0.95 ${R >= 0.95 ? 'met' : 'NOT met'}; <= 1 false mark per 100 pages ${(100 * emptyPageMarks) / Math.max(emptyPages, 1) <= 1 ? 'met' : 'NOT met'}`);
  console.log(`\nFalse positives (${fps.length}):`);
  for (const f of fps) console.log(`  ${f}`);
  console.log(`\nFalse negatives (${fns.length}):`);
  for (const f of fns) console.log(`  ${f}`);
  if (problems.length > 0) {
    console.log(`\nLabel problems (${problems.length}):`);
    for (const p of problems) console.log(`  ${p}`);
  }
}

/**
 * Labelling aid: for every page under ../shared/pages, a draft label file in `dir` listing each
 * loose candidate (any alias, any case, no evidence) with a ready quote, marked `strict` when the
 * real matcher marks it too. A labeller keeps the true mentions (fixing the entity if needed),
 * adds any the draft missed, and saves the result under tests/eval/labels/.
 */
function drafts(dataset: Dataset, matcher: Matcher, dir: string): void {
  const index = compileNameIndex(dataset);
  const loose = new Matcher({ ...index, names: index.names.map(([k, e, , t]) => [k, e, 0, t]) });
  const pages: string[] = [];
  for (const d of readdirSync(join(SHARED, 'readability/test-pages'))) pages.push(`readability/test-pages/${d}/source.html`);
  for (const f of readdirSync(join(SHARED, 'scrapinghub-aeb/html'))) if (f.endsWith('.html')) pages.push(`scrapinghub-aeb/html/${f}`);
  mkdirSync(dir, { recursive: true });
  let withCandidates = 0;
  for (const page of pages) {
    const { text, runs } = pageText(readFileSync(join(SHARED, page), 'utf8'));
    const sq = squash(text);
    const strict = predict(matcher, runs);
    const mentions = runs.flatMap((r) => loose.find(r.text).map((m) => {
      const start = r.offset + m.start;
      const end = r.offset + m.end;
      // A quote of up to 30 characters each side, in the squashed text the evaluation searches.
      const sqStart = sq.map.findIndex((i) => i >= start);
      const sqEnd = sq.map.findIndex((i) => i >= end);
      const quote = sq.text.slice(Math.max(0, sqStart - DRAFT_LEAD), (sqEnd < 0 ? sq.text.length : sqEnd) + DRAFT_LEAD);
      let nth = 0;
      for (let at = sq.text.indexOf(quote); at >= 0 && at < Math.max(0, sqStart - DRAFT_LEAD); at = sq.text.indexOf(quote, at + 1)) nth++;
      return {
        keep: null as boolean | null,
        strict: strict.some((f) => f.start < end && start < f.end),
        entity: m.entities.map((e) => loose.entities[e]).join('|'),
        text: text.slice(start, end),
        quote,
        ...(nth > 0 ? { nth } : {}),
      };
    }));
    if (mentions.length > 0) withCandidates++;
    const slug = page.replace(/\/source\.html$/, '').replace(/\.html$/, '').split('/').pop()!;
    writeFileSync(join(dir, `${slug}.json`), `${JSON.stringify({ page, mentions }, null, 1)}\n`);
  }
  console.log(`wrote ${pages.length} drafts to ${dir}; ${withCandidates} pages have a loose candidate`);
}

const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
const matcher = new Matcher(compileNameIndex(dataset));
if (!existsSync(SHARED)) console.log(`eval:matching: ${SHARED} is absent: real pages are skipped; written articles still count.`);
const i = process.argv.indexOf('--drafts');
if (i >= 0) drafts(dataset, matcher, process.argv[i + 1] ?? '/tmp/label-drafts');
else evaluate(dataset, matcher);
