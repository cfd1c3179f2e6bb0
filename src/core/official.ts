// An *official record*: one organisation as an official list file names it, imported whole by
// `npm run data:import` (scripts/import/) into data/generated/official.json. It is what the later
// compact matcher consumes. Curated entities (data/entities/) win: a record that is one of them
// carries that entity's id and adds no second entity.
import type { Entity, PartialDate } from './dataset.ts';
import { nameKey } from './normalize.ts';

/**
 * What a date on an official record means. `listed`: put on the list (or the act naming it was
 * published); `designated`: the designation date where a list keeps it apart from the listing;
 * `effective`: the measure applies from then; `divestment`: NS-CMIC's end of the purchase/sale
 * window; `ended`: the listing's end date; `changed`: the last change of the record, not a listing.
 */
export const OFFICIAL_DATE_MEANINGS = ['listed', 'designated', 'effective', 'divestment', 'ended', 'changed'] as const;
export type OfficialDateMeaning = (typeof OFFICIAL_DATE_MEANINGS)[number];

export interface OfficialDate {
  date: PartialDate;
  meaning: OfficialDateMeaning;
  /** The file's own name for the date ("Listing Date (CMIC)", "Listed On", "start_date"). */
  label: string;
}

/** Where a file's "as of" date comes from: stated in the file, the newest date in it, or its file name. */
export type AsOfBasis = 'stated' | 'latest date in file' | 'file name' | 'unknown';

export interface OfficialRecord {
  /** The list as the file names it ("Entity List (EL) - Bureau of Industry and Security"). */
  list: string;
  /** The matching `data/lists.json` id, where the list is one of ours. */
  listId?: string;
  /** Programs, regimes or committees, as the file spells them. */
  programs: string[];
  name: string;
  /** Other names the list gives (a.k.a., f.k.a., other scripts), without the name itself. */
  aliases: string[];
  dates: OfficialDate[];
  /** The source record id, in the form our citations use: "OFAC UID 17018", "CSL _id …", "UK Group ID 15076", "UN ref CDe.001", "DFAT reference 155", "EU logical id 13". */
  ref: string;
  /** Other identifiers the file gives for the same record ("OFAC UID …" on a CSL row, "UN ref …" on a UK one). */
  otherRefs?: string[];
  /** Countries of the record's addresses, as the file spells them. */
  countries?: string[];
  /** The notice the list cites for the record (CSL federal_register_notice). */
  notice?: string;
  /** File it came from (relative to the imported folder) and where in it. */
  file: string;
  at: string;
  /** The file's "as of" date and where it comes from. */
  asOf: PartialDate | null;
  asOfBasis: AsOfBasis;
  /** The curated entity this record is, when it matched one; then it adds no entity of its own. */
  entity?: string;
  attachedBy?: 'identifier' | 'name';
}

/** Keys of the curated entities: citation refs of their measures, and folded unambiguous names. */
export interface CuratedIndex {
  byRef: Map<string, string>;
  byName: Map<string, Set<string>>;
}

export function curatedIndex(entities: readonly Entity[]): CuratedIndex {
  const byRef = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const addName = (text: string, id: string) => {
    const key = nameKey(text);
    if (key) byName.set(key, (byName.get(key) ?? new Set()).add(id));
  };
  for (const e of entities) {
    addName(e.name, e.id);
    for (const a of e.aliases) if (!a.ambiguous) addName(a.text, e.id);
    for (const m of e.measures) {
      if (m.listedAs) addName(m.listedAs, e.id);
      if (m.citation.ref) byRef.set(m.citation.ref, e.id);
    }
  }
  return { byRef, byName };
}

/** A record the importer did not attach, for a person to settle. */
export interface AttachReview {
  record: OfficialRecord;
  entities: string[];
  /** `several`: its name leads to two entities; `alias only`: only one of its aliases equals a curated name. */
  why: 'several' | 'alias only';
}

/**
 * Attaches each record to the curated entity it is: first by identifier (a measure's citation ref
 * equals one of the record's refs), else by exact folded name (the record's name equals an
 * entity's name, unambiguous alias or listed-as name). An official alias alone does not attach:
 * lists give subsidiaries their parent's name as an alias ("CASC" on CASC's First Academy), so
 * such records are returned for review instead, as are names leading to two entities.
 */
export function attachCurated(records: OfficialRecord[], entities: readonly Entity[]): AttachReview[] {
  const index = curatedIndex(entities);
  const review: AttachReview[] = [];
  for (const r of records) {
    const byRef = [r.ref, ...(r.otherRefs ?? [])].map((x) => index.byRef.get(x)).find((x) => x !== undefined);
    if (byRef) {
      r.entity = byRef;
      r.attachedBy = 'identifier';
      continue;
    }
    const own = [...(index.byName.get(nameKey(r.name)) ?? [])];
    if (own.length === 1) {
      r.entity = own[0]!;
      r.attachedBy = 'name';
    } else if (own.length > 1) review.push({ record: r, entities: own.sort(), why: 'several' });
    else {
      const viaAlias = new Set(r.aliases.flatMap((a) => [...(index.byName.get(nameKey(a)) ?? [])]));
      if (viaAlias.size > 0) review.push({ record: r, entities: [...viaAlias].sort(), why: 'alias only' });
    }
  }
  return review;
}
