// Turns the validated dataset into what each context needs: the name index for the content
// script, and card data for the background to answer with.
import type { Citation, Claim, Dataset, DateMeaning, Entity, ListDef, Measure, RelationType } from './dataset.ts';
import { NAME_AMBIGUOUS, NAME_CUE, NAME_EXCLUDED, NAME_SHORT, type NameIndex } from './matcher.ts';
import { nameKey } from './normalize.ts';
import type { CardOfficial } from './official-card.ts';

/**
 * `isCommon`: whether a folded word is among the most frequent words of some language (the
 * build passes scripts/lib/common-words.ts). An ambiguous one-word alias that is ("Total")
 * needs what an abbreviation needs: the company named in full on the page, or a legal form.
 */
export function compileNameIndex(dataset: Dataset, isCommon: (key: string) => boolean = () => false): NameIndex {
  const entities = dataset.entities.map((e) => e.id);
  const names: NameIndex['names'] = [];
  dataset.entities.forEach((e, i) => {
    // A ticker is a short code that also appears in URLs and tables: it needs evidence like any ambiguous name.
    for (const a of e.aliases) {
      const key = nameKey(a.text);
      const common = a.ambiguous === true && !key.includes(' ') && isCommon(key);
      const short = a.kind === 'ticker' || a.kind === 'abbreviation' || /^[A-Z0-9&.+-]{2,5}$/.test(a.text) || common;
      names.push([key, i, (a.ambiguous || a.kind === 'ticker' ? NAME_AMBIGUOUS : 0) | (short ? NAME_SHORT : 0), a.text]);
    }
    for (const n of e.notNames ?? []) names.push([nameKey(n), i, NAME_EXCLUDED, n]);
    for (const c of e.cues ?? []) names.push([nameKey(c), i, NAME_CUE, c]);
  });
  return { entities, names };
}

/** A dataset older than this many days is flagged on the card (lists change monthly or faster). */
export const STALE_AFTER_DAYS = 180;

export interface CardMeasure {
  /** The list's id (anchors on the entity page). */
  listId: string;
  listName: string;
  /** The card line's name for the list, and its common name in an interface language (data/lists.json). */
  shortName: string;
  shortNames?: ListDef['shortNames'];
  /** The list's kind of measure (the reader's settings filter on it). */
  kind: ListDef['kind'];
  authority: string;
  authorityShort?: string;
  program: string;
  /** Absent for measures that name no entry (a policy on a class of companies). */
  listedAs?: string;
  since: string;
  sinceMeaning: DateMeaning;
  dateNote: string;
  removed?: string;
  scope?: string;
  citation: Citation;
  /** The reporting that says the measure covers the entity (required on a class policy). */
  reportedBy?: Citation[];
  verification: string;
  listAsOf: string;
}

export interface CardJurisdiction {
  jurisdiction: string;
  measures: CardMeasure[];
}

export interface CardRelated {
  type: RelationType;
  id: string;
  name: string;
  note?: string;
  /** The related entity's own status, never this entity's measures. */
  status: EntityStatus;
}

export interface CardData {
  id: string;
  name: string;
  kind: Entity['kind'];
  country: string;
  jurisdictions: CardJurisdiction[];
  claims: Claim[];
  related: CardRelated[];
  /** Each list this card cites, with the date of our knowledge of it. */
  listsAsOf: Array<{ name: string; asOf: string }>;
  datasetAsOf: string;
  /** Days between the dataset's "as of" date and today, when more than STALE_AFTER_DAYS. */
  staleDays?: number;
  /** Measures the reader's settings leave off this card (src/core/settings.ts filterCard). */
  hiddenMeasures?: number;
  /** Records from the official list files (a `--with-official` build), src/core/official-card.ts. */
  official?: CardOfficial[];
  /** An organisation known only from those files, not a curated entity. */
  imported?: true;
}

export function isInForce(m: Measure): boolean {
  return m.removed === undefined;
}

/** What lists name the entity now, as facts; the interface words it (src/ui/format.ts statusText). */
export interface EntityStatus {
  /** Measures in force. */
  inForce: number;
  /** Their jurisdictions, each once, in measure order. */
  jurisdictions: string[];
  /** No measure in force, but the dataset records earlier ones that were removed. */
  removedEarlier: boolean;
}

export function entityStatus(e: Entity, lists: ReadonlyMap<string, ListDef>): EntityStatus {
  const inForce = e.measures.filter(isInForce);
  return {
    inForce: inForce.length,
    jurisdictions: [...new Set(inForce.map((m) => lists.get(m.list)?.jurisdiction ?? '?'))],
    removedEarlier: inForce.length === 0 && e.measures.length > 0,
  };
}

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Orders measures in force first, then by date; jurisdictions by how many measures they have. */
export function cardData(dataset: Dataset, id: string, today: string): CardData | null {
  const entity = dataset.entities.find((e) => e.id === id);
  if (!entity) return null;
  const lists = new Map(dataset.lists.map((l) => [l.id, l]));
  const byJurisdiction = new Map<string, CardMeasure[]>();
  const sorted = [...entity.measures].sort(
    (a, b) => Number(!isInForce(a)) - Number(!isInForce(b)) || a.since.localeCompare(b.since),
  );
  for (const m of sorted) {
    const list = lists.get(m.list);
    if (!list) continue; // validation guarantees the list exists
    const cm: CardMeasure = {
      listId: list.id, listName: list.name, shortName: list.shortName, kind: list.kind, authority: list.authority, program: m.program,
      since: m.since, sinceMeaning: m.sinceMeaning, dateNote: list.dateNote, citation: m.citation,
      verification: m.verification, listAsOf: list.asOf,
    };
    if (m.listedAs) cm.listedAs = m.listedAs;
    if (list.shortNames) cm.shortNames = list.shortNames;
    if (list.authorityShort) cm.authorityShort = list.authorityShort;
    if (m.removed) cm.removed = m.removed;
    if (m.scope) cm.scope = m.scope;
    if (m.reportedBy && m.reportedBy.length > 0) cm.reportedBy = m.reportedBy;
    const group = byJurisdiction.get(list.jurisdiction) ?? [];
    group.push(cm);
    byJurisdiction.set(list.jurisdiction, group);
  }
  const jurisdictions = [...byJurisdiction].map(([jurisdiction, measures]) => ({ jurisdiction, measures }))
    .sort((a, b) => b.measures.length - a.measures.length || a.jurisdiction.localeCompare(b.jurisdiction));
  const related: CardRelated[] = entity.related.flatMap((r) => {
    const other = dataset.entities.find((e) => e.id === r.entity);
    if (!other) return [];
    const out: CardRelated = { type: r.type, id: other.id, name: other.name, status: entityStatus(other, lists) };
    if (r.note) out.note = r.note;
    return [out];
  });
  const cited = [...new Set(entity.measures.map((m) => m.list))].flatMap((lid) => {
    const l = lists.get(lid);
    return l ? [{ name: l.name, asOf: l.asOf }] : [];
  });
  const card: CardData = {
    id: entity.id, name: entity.name, kind: entity.kind, country: entity.country, jurisdictions,
    claims: entity.claims, related, listsAsOf: cited, datasetAsOf: dataset.asOf,
  };
  const age = daysBetween(dataset.asOf, today);
  if (age > STALE_AFTER_DAYS) card.staleDays = age;
  return card;
}
