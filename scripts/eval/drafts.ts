// Labelling aid for `npm run eval:matching -- --drafts <dir>` and `-- --accept <dir>`.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileNameIndex } from '../../src/core/name-index.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { Matcher, NAME_CUE } from '../../src/core/matcher.ts';
import { LABELS, SHARED, firstPages, labelFile, siteOf, splitOfNewSite, webExtraPages, type Label, type Split } from './corpus.ts';
import { DRAFT_LEAD, pageText, squash } from './page-text.ts';

/** The split of every site already labelled (a site never moves between splits). */
function knownSites(labels: ReadonlyArray<{ split: Split; label: Label }>): Map<string, Split> {
  return new Map(labels.map(({ split, label }) => [label.site, split]));
}

export function writeDrafts(dataset: Dataset, labels: ReadonlyArray<{ split: Split; label: Label }>, dir: string, only?: ReadonlySet<string>): void {
  const index = compileNameIndex(dataset);
  // Every alias in any case, with no evidence asked; cue words ("iPhone") name a product, not the
  // company, so they are not candidates. With `only` (entities added after the pages were
  // labelled), the labelled pages are drafted again for those entities' names alone.
  const keep = (f: number, e: number) => (f & NAME_CUE) === 0 && (!only || only.has(index.entities[e]!));
  const loose = new Matcher({ ...index, names: index.names.filter(([, e, f]) => keep(f, e)).map(([k, e, , t]) => [k, e, 0, t]) });
  const known = knownSites(labels);
  const labelled = new Set(labels.map((l) => l.label.page));
  const pages = [...firstPages(), ...webExtraPages()].filter((p) => (only ? labelled.has(p) : !labelled.has(p)));
  mkdirSync(dir, { recursive: true });
  let withCandidates = 0;
  for (const page of pages) {
    const source = readFileSync(join(SHARED, page), 'utf8');
    const site = siteOf(page, source);
    const split = known.get(site) ?? splitOfNewSite(site);
    known.set(site, split);
    const { text, runs } = pageText(source);
    const sq = squash(text);
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
        entity: m.entities.map((e) => loose.entities[e]).join('|'),
        text: text.slice(start, end),
        quote,
        ...(nth > 0 ? { nth } : {}),
        context: sq.text.slice(Math.max(0, sqStart - 160), (sqEnd < 0 ? sq.text.length : sqEnd) + 160),
      };
    }));
    if (mentions.length > 0) withCandidates++;
    const file = labelFile(split, page).slice(LABELS.length + 1);
    mkdirSync(join(dir, split), { recursive: true });
    if (only && mentions.length === 0) continue;
    writeFileSync(join(dir, file), `${JSON.stringify({ page, site, mentions, ...(only ? { adds: true } : {}) }, null, 1)}\n`);
  }
  console.log(`wrote ${pages.length} drafts to ${dir}; ${withCandidates} pages have a loose candidate`);
}

interface Reviewed {
  page: string;
  site: string;
  /** Drafted for entities added after the page was labelled: its kept mentions join the label. */
  adds?: boolean;
  mentions: Array<{ keep: boolean | null; entity: string; text: string; quote: string; nth?: number; why?: string }>;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return n.endsWith('.json') && !n.startsWith('_') ? [p] : [];
  });
}

/**
 * Turns reviewed drafts into labels under tests/eval/labels/<split>/: the entries kept, with
 * entity, text, quote (and nth); the rest counted in the label's notes. Refuses a draft with an
 * undecided entry or an entry still naming several entities, and a page whose site is in the
 * other split.
 */
export function acceptDrafts(dataset: Dataset, labels: ReadonlyArray<{ split: Split; label: Label }>, dir: string): void {
  const known = knownSites(labels);
  const ids = new Set(dataset.entities.map((e) => e.id));
  const problems: string[] = [];
  const out: Array<{ file: string; label: Label }> = [];
  for (const path of jsonFiles(dir)) {
    const d = JSON.parse(readFileSync(path, 'utf8')) as Reviewed;
    const split = known.get(d.site) ?? splitOfNewSite(d.site);
    known.set(d.site, split);
    const undecided = d.mentions.filter((m) => m.keep === null || (m.keep && !ids.has(m.entity)));
    if (undecided.length > 0) {
      problems.push(`${path}: ${undecided.length} entries undecided or without one known entity (first: "${undecided[0]!.text}")`);
      continue;
    }
    const kept = d.mentions.filter((m) => m.keep);
    const dropped = d.mentions.length - kept.length;
    const label: Label = {
      page: d.page,
      site: d.site,
      mentions: kept.map((m) => ({ entity: m.entity, text: m.text, quote: m.quote, ...(m.nth ? { nth: m.nth } : {}) })),
      notes:
        d.mentions.length === 0
          ? 'No alias of any dataset entity appears in the page text in any case or form (loose matcher, when the labels were drafted).'
          : `Drafted from ${d.mentions.length} loose candidates, each read in context: ${kept.length} kept as mentions, ${dropped} not (another meaning, an address, another organisation's name).`,
    };
    const file = labelFile(split, d.page);
    if (d.adds) {
      const before = JSON.parse(readFileSync(file, 'utf8')) as Label;
      label.mentions = [...before.mentions, ...label.mentions];
      label.notes = `${before.notes ?? ''} Entities added later: ${kept.length} more mentions kept, ${dropped} candidates not.`.trim();
    }
    out.push({ file, label });
  }
  if (problems.length > 0) {
    for (const p of problems) console.log(p);
    throw new Error(`${problems.length} drafts are not ready; nothing written`);
  }
  for (const { file, label } of out) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(label, null, 1)}\n`);
  }
  console.log(`wrote ${out.length} labels`);
}
