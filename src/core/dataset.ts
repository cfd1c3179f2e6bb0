// The dataset's shape: what `data/` holds (source records) and what the build compiles from it.
// One concept, one name: an *entity* is a company or organisation; a *measure* is one government
// action against it on one *list*; a *claim* is a disputed statement about it; a *counter-claim*
// answers a claim. An *alias* is any name we match on a page.

/** ISO date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD. */
export type PartialDate = string;

export const MEASURE_KINDS = [
  'sanctions', // asset freeze / blocking
  'export-control', // licence requirement for items sent to the entity
  'investment-ban', // securities purchase prohibition
  'procurement-ban', // government may not buy from or contract with it
  'equipment-ban', // its equipment may not be authorised, sold or used (or only within limits)
  'designation', // named on a list that triggers other consequences (e.g. DoD 1260H)
  'import-ban', // goods it makes may not be imported (e.g. UFLPA)
  'counter-sanctions', // measures by China, Russia etc. against Western firms
  // An executive or regulatory action that restricts a NAMED company outside any list: an order, a
  // direction, a final determination, a licence revocation.
  'government-action',
  // A policy that restricts a class of suppliers WITHOUT naming the company; reporting says it
  // covers the company. Its measures have no `listedAs` and must cite `reportedBy`.
  'class-policy',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Interface languages (besides English, which is `shortName`) a list may have a common name in. */
export const SHORT_NAME_LANGS = ['zh', 'de', 'ru'] as const;
export type ShortNameLang = (typeof SHORT_NAME_LANGS)[number];
/** A short name fits the card's one line. */
export const SHORT_NAME_MAX = 60;
/** An authority's abbreviation. */
export const AUTHORITY_SHORT_MAX = 30;

/** What a measure's `since` date means. */
export const DATE_MEANINGS = ['listed', 'effective', 'designated', 'announced', 'enacted'] as const;
export type DateMeaning = (typeof DATE_MEANINGS)[number];

export const ENTITY_KINDS = ['company', 'organisation'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** `brand`: a product or service named with the company's name ("Apple Pay", "Amazon Prime"). */
export const ALIAS_KINDS = ['primary', 'legal', 'short', 'former', 'native', 'ticker', 'abbreviation', 'brand'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

export const RELATION_TYPES = ['parent', 'subsidiary', 'affiliate'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** A source. `url` only when we are sure of it; otherwise publisher + title + date identify it. */
export interface Citation {
  publisher: string;
  title: string;
  date?: PartialDate;
  /** Primary-source identifier: "84 FR 54002", "OFAC UID 12345", "UK Group ID 15000", "FCC DA 21-309". */
  ref?: string;
  url?: string;
}

/** One official list or legal instrument, declared once in `data/lists.json`. */
export interface ListDef {
  id: string;
  name: string;
  /** What the card's one line calls the list ("Entity List", "SDN List"): at most SHORT_NAME_MAX characters. */
  shortName: string;
  /**
   * The list's common name in an interface language, where it has one (zh 实体清单, de SDN-Liste):
   * the card shows it instead of `shortName` in that language. Never a translation made up for us.
   */
  shortNames?: Partial<Record<ShortNameLang, string>>;
  authority: string;
  /** The authority's abbreviation on the card's line ("BIS", "OFAC", "Council"); `authority` when absent. */
  authorityShort?: string;
  /** ISO 3166 alpha-2, or "EU" / "UN". */
  jurisdiction: string;
  kind: MeasureKind;
  url: string;
  /** What a date on this list means, in a sentence a reader understands. */
  dateNote: string;
  /** The date of our knowledge of this list: facts newer than this are not in the dataset. */
  asOf: string;
}

export interface Alias {
  text: string;
  kind: AliasKind;
  /** BCP 47 language tag when not English/Latin ("zh", "ru"). */
  lang?: string;
  /** True when the string alone often means something else (a common word, another entity's name). */
  ambiguous?: boolean;
}

export interface Measure {
  list: string;
  /** The program, rule or legal basis under the list ("EO 14032", "15 CFR 744.11"). */
  program: string;
  /**
   * The name under which the list names the entity. Required, except on a `class-policy` list,
   * where it must be absent: the policy names nobody.
   */
  listedAs?: string;
  since: PartialDate;
  sinceMeaning: DateMeaning;
  /** Present when the measure ended; the record is kept and shown as removed. */
  removed?: PartialDate;
  /** Limits of the measure ("only equipment used for public safety ..."). */
  scope?: string;
  citation: Citation;
  /**
   * The reporting that says the measure covers this entity. Required on a `class-policy` list (the
   * primary source does not name the entity); optional elsewhere.
   */
  reportedBy?: Citation[];
  /** `snapshot:<file>@<date>` or `primary source, not checkable offline`. */
  verification: string;
}

export interface CounterClaim {
  /** Who answered. */
  by: string;
  /** Entity id of who answered, when it is in the dataset. */
  byEntity?: string;
  text: string;
  date: PartialDate;
  source: Citation;
}

export interface Claim {
  id: string;
  text: string;
  by: string;
  byEntity?: string;
  date: PartialDate;
  source: Citation;
  counterClaims: CounterClaim[];
}

export interface Relation {
  type: RelationType;
  entity: string;
  /** A short note on the relationship ("wholly owned subsidiary"). */
  note?: string;
  source: Citation;
}

/** One file under `data/entities/`. */
export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  aliases: Alias[];
  /**
   * Names that contain one of this entity's aliases but mean something else ("ZTE Parsian",
   * "Amazon rainforest", 大华银行). The matcher reads them as one name and marks nothing.
   */
  notNames?: string[];
  /**
   * Words that, anywhere on the same page, show that an ambiguous alias means this entity:
   * its own products and people ("iPhone", "Tim Cook" for Apple). Never marked themselves.
   */
  cues?: string[];
  measures: Measure[];
  claims: Claim[];
  related: Relation[];
}

export interface Dataset {
  /** The newest `asOf` among the lists: the dataset's own "as of" date. */
  asOf: string;
  lists: ListDef[];
  entities: Entity[];
}
