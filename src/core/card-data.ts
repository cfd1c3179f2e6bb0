// A curated entity's card, built from the validated dataset when the background is asked for it.
import type { CardData, CardMeasure, CardRelated, EntityStatus } from './card.ts';
import type { Dataset, Entity, ListDef, Measure } from './dataset.ts';

/** A dataset older than this many days is flagged on the card (lists change monthly or faster). */
export const STALE_AFTER_DAYS = 180;

export function isInForce(m: Measure): boolean {
  return m.removed === undefined;
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
