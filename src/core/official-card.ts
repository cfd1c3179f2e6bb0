// Official records in a `--with-official` build: imported-only organisations become entities of
// their own (names in the matcher, a card of their records), and records attached to a curated
// entity add an "also on" line to its card. Built from data/generated/official.json at build time.
import type { CardData, CardOfficial } from './card.ts';
import type { Dataset } from './dataset.ts';
import { isCjkToken, LEGAL_SUFFIXES, nameKey } from './normalize.ts';
import { NAME_AMBIGUOUS, NAME_SHORT, type NameEntry, type NameIndex } from './matcher.ts';
import type { OfficialRecord } from './official.ts';

/** What the background carries: imported-only entities and every record's card form by entity id. */
export interface OfficialBundle {
  /** Imported-only organisations, in name-index order after the curated entities. */
  entities: Array<{ id: string; name: string }>;
  records: Record<string, CardOfficial[]>;
}

export const OFFICIAL_ID_PREFIX = 'official-';

function cardOfficial(r: OfficialRecord): CardOfficial {
  return { list: r.list, programs: r.programs, listedAs: r.name, dates: r.dates, ref: r.ref, asOf: r.asOf, asOfBasis: r.asOfBasis };
}

/**
 * The rule for imported names, stricter than any curated alias (docs/matching.md, "Official
 * lists"): a name whose folded key is any curated name, alias, not-name or cue is left to the
 * curated entity; a name of one word that is a word of some language or a place (`isAnyWord`; the
 * build passes scripts/lib/name-index.ts's isAnyWord), or shorter than six letters, is not
 * marked, and one that is neither is ambiguous (written as the list or as a name, with evidence);
 * one of at most two words is marked only when written exactly and then only with a legal form
 * after it or the organisation's full name elsewhere on the page (the ambiguous, short path of
 * resolveMatches); longer names, and short ones with their legal form, are plain names.
 */
export function officialNameFlags(text: string, curatedKeys: ReadonlySet<string>, isAnyWord: (key: string) => boolean = () => true): number | null {
  const key = nameKey(text);
  if (key === '' || curatedKeys.has(key)) return null;
  const toks = key.split(' ');
  const core = toks.filter((t) => !LEGAL_SUFFIXES.has(t));
  if (core.length === 0) return null;
  const words = core.filter((t) => t.length >= 3 && !/^\d+$/.test(t)).length + core.filter((t) => isCjkToken(t)).length / 2;
  const legalForm = core.length < toks.length;
  if (words > 2) return 0;
  if (legalForm) return 0;
  // One word that is no word of any language the pages use, nor a place ("Sovcombank",
  // "Rosoboronexport"), is marked where it is written as a name, in the list's case or with a
  // capital (withOfficial), with evidence: a lower-case "technolab" is somebody's word. Any other
  // single word ("APEX", "Progress") is not marked.
  if (words <= 1 && !/\d/.test(key)) return core.length === 1 && /^\p{L}{6,}$/u.test(core[0]!) && !isAnyWord(core[0]!) ? NAME_AMBIGUOUS : null;
  return NAME_AMBIGUOUS | NAME_SHORT;
}

const capitalised = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();

/**
 * Adds the official records to a curated name index. Imported-only records are grouped by their
 * folded name (the same organisation on several lists is one entity); attached records add no name.
 */
export function withOfficial(dataset: Dataset, index: NameIndex, records: readonly OfficialRecord[], isAnyWord?: (key: string) => boolean): { index: NameIndex; bundle: OfficialBundle } {
  const curatedKeys = new Set(index.names.map((n) => n[0]));
  const measureRefs = new Set(dataset.entities.flatMap((e) => e.measures.flatMap((m) => (m.citation.ref ? [m.citation.ref] : []))));
  const lists = new Map(dataset.entities.map((e) => [e.id, new Set(e.measures.map((m) => m.list))]));
  const bundle: OfficialBundle = { entities: [], records: {} };
  const groups = new Map<string, OfficialRecord[]>();
  for (const r of records) {
    if (r.entity) {
      // The same listing as a curated measure (same source record) is already on the card.
      // So is a record of a list the entity already has a curated measure on (cited by notice, not row).
      if ([r.ref, ...(r.otherRefs ?? [])].some((x) => measureRefs.has(x))) continue;
      if (r.listId !== undefined && lists.get(r.entity)?.has(r.listId)) continue;
      (bundle.records[r.entity] ??= []).push(cardOfficial(r));
      continue;
    }
    const key = nameKey(r.name);
    if (key === '') continue;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  const entities = [...index.entities];
  const names: NameEntry[] = [...index.names];
  for (const g of groups.values()) {
    const id = `${OFFICIAL_ID_PREFIX}${bundle.entities.length}`;
    const pos = entities.length;
    const seen = new Set<string>();
    for (const text of g.flatMap((r) => [r.name, ...r.aliases])) {
      const flags = officialNameFlags(text, curatedKeys, isAnyWord);
      const key = nameKey(text);
      if (flags === null || seen.has(key)) continue;
      seen.add(key);
      names.push([key, pos, flags, text]);
      // Prose writes a one-word name that a list writes in capitals with one ("SOVCOMBANK", "Sovcombank").
      if (flags === NAME_AMBIGUOUS && text === text.toUpperCase() && text !== text.toLowerCase()) names.push([key, pos, flags, capitalised(text)]);
    }
    // An organisation none of whose names passes the rule is not marked, and so gets no entity.
    if (seen.size === 0) continue;
    entities.push(id);
    bundle.entities.push({ id, name: g[0]!.name });
    bundle.records[id] = g.map(cardOfficial);
  }
  return { index: { entities, names }, bundle };
}

/** The card of an imported-only organisation: its records, and nothing we have not read in them. */
export function officialCard(bundle: OfficialBundle, id: string, datasetAsOf: string): CardData | null {
  const e = bundle.entities.find((x) => x.id === id);
  const records = bundle.records[id];
  if (!e || !records) return null;
  return {
    id, name: e.name, kind: 'organisation', country: '', jurisdictions: [], claims: [], related: [],
    listsAsOf: [], datasetAsOf, official: records, imported: true,
  };
}

/** A curated card with the official records attached to its entity ("also on ..."). */
export function withOfficialRecords(card: CardData, bundle: OfficialBundle): CardData {
  const records = bundle.records[card.id];
  return records && records.length > 0 ? { ...card, official: records } : card;
}
