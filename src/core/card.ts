// What a card shows, as the background sends it to the content script and our pages (built by
// src/core/card-data.ts and src/core/official-card.ts), and the parser a receiver checks it with.
import { DATE_MEANINGS, ENTITY_KINDS, MEASURE_KINDS, RELATION_TYPES, type Citation, type Claim, type DateMeaning, type Entity, type ListDef, type RelationType } from './dataset.ts';
import { isEntityId } from './ids.ts';
import { OFFICIAL_DATE_MEANINGS, type AsOfBasis, type OfficialDate } from './official.ts';
import { everyItem, record } from './shape.ts';

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

/** What lists name the entity now, as facts; the interface words it (src/ui/format.ts statusText). */
export interface EntityStatus {
  /** Measures in force. */
  inForce: number;
  /** Their jurisdictions, each once, in measure order. */
  jurisdictions: string[];
  /** No measure in force, but the dataset records earlier ones that were removed. */
  removedEarlier: boolean;
}

export interface CardRelated {
  type: RelationType;
  id: string;
  name: string;
  note?: string;
  /** The related entity's own status, never this entity's measures. */
  status: EntityStatus;
}

/** One official-list record as a card shows it (src/core/official-card.ts). */
export interface CardOfficial {
  list: string;
  programs: string[];
  listedAs: string;
  dates: OfficialDate[];
  ref: string;
  asOf: string | null;
  asOfBasis: AsOfBasis;
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
  /** Days between the dataset's "as of" date and today, when more than STALE_AFTER_DAYS (src/core/card-data.ts). */
  staleDays?: number;
  /** Measures the reader's settings leave off this card (src/core/settings.ts filterCard). */
  hiddenMeasures?: number;
  /** Records from the official list files (a `--with-official` build). */
  official?: CardOfficial[];
  /** An organisation known only from those files, not a curated entity. */
  imported?: true;
}

// ---- The parser: every field of the shape above, and no other. --------------------------------

type Check = (x: unknown) => boolean;
/** More items in one list than any card we build has. */
const MAX_ITEMS = 5000;

const text: Check = (x) => typeof x === 'string';
const count: Check = (x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const oneOf = (values: readonly string[]): Check => (x) => typeof x === 'string' && values.includes(x);
const listOf = (check: Check): Check => (x) => Array.isArray(x) && x.length <= MAX_ITEMS && everyItem(x, check);

/** An object with every `required` field, any of the `optional` ones (absent or undefined), and nothing else. */
function fields(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  return (x) => {
    const o = record(x);
    if (!o || Object.keys(o).some((k) => !has(required, k) && !has(optional, k))) return false;
    return Object.entries(required).every(([k, check]) => has(o, k) && check(o[k])) &&
      Object.entries(optional).every(([k, check]) => o[k] === undefined || check(o[k]));
  };
}

const citation = fields({ publisher: text, title: text }, { date: text, ref: text, url: text });
const counterClaim = fields({ by: text, text, date: text, source: citation }, { byEntity: isEntityId });
const measure = fields(
  {
    listId: text, listName: text, shortName: text, kind: oneOf(MEASURE_KINDS), authority: text, program: text, since: text,
    sinceMeaning: oneOf(DATE_MEANINGS), dateNote: text, citation, verification: text, listAsOf: text,
  },
  { shortNames: (x) => record(x) !== null && Object.values(record(x)!).every(text), authorityShort: text, listedAs: text, removed: text, scope: text, reportedBy: listOf(citation) },
);
const card = fields(
  {
    id: isEntityId, name: text, kind: oneOf(ENTITY_KINDS), country: text,
    jurisdictions: listOf(fields({ jurisdiction: text, measures: listOf(measure) })),
    claims: listOf(fields({ id: text, text, by: text, date: text, source: citation, counterClaims: listOf(counterClaim) }, { byEntity: isEntityId })),
    related: listOf(fields(
      { type: oneOf(RELATION_TYPES), id: isEntityId, name: text, status: fields({ inForce: count, jurisdictions: listOf(text), removedEarlier: (x) => typeof x === 'boolean' }) },
      { note: text },
    )),
    listsAsOf: listOf(fields({ name: text, asOf: text })),
    datasetAsOf: text,
  },
  {
    staleDays: count, hiddenMeasures: count, imported: (x) => x === true,
    official: listOf(fields({
      list: text, programs: listOf(text), listedAs: text, ref: text, asOf: (x) => x === null || text(x), asOfBasis: text,
      dates: listOf(fields({ date: text, meaning: oneOf(OFFICIAL_DATE_MEANINGS), label: text })),
    })),
  },
);

/** The background's answer to `card`: a card of the shape above, else null (no card, or not ours). */
export function parseCardReply(x: unknown): CardData | null {
  return card(x) ? (x as CardData) : null;
}
