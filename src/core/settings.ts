// The reader's settings: their type, defaults, the parser every stored or imported value goes
// through, and the filters they put on the dataset. DOM-free and extension-free: the background
// stores them, the options page edits them, tests check them here.
//
// A stored value is read leniently (a corrupt or hostile field falls back to its default and is
// reported), an imported file strictly (one bad field rejects the whole file, so nothing is ever
// half-applied).
import type { CardData } from './card.ts';
import { MEASURE_KINDS, type Dataset, type MeasureKind } from './dataset.ts';
import { isAliasText, isEntityId, isSite } from './ids.ts';
import { record } from './shape.ts';

export const MARK_STYLES = ['underline', 'background', 'none'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

/** Hover delay bounds (ms): below 150 a passing pointer opens cards; above 3 s it feels broken. */
export const HOVER_DELAY_MIN = 150;
export const HOVER_DELAY_MAX = 3000;
/** Shown 500 ms after the pointer rests, as Wikipedia's Page Previews do. */
export const HOVER_DELAY_DEFAULT = 500;

export interface Settings {
  /** Jurisdictions (ISO 3166 alpha-2, "EU", "UN") whose measures the card does not show. */
  hiddenJurisdictions: string[];
  /** Kinds of measure the card does not show. */
  hiddenKinds: MeasureKind[];
  /** Mark companies that have no measure shown but a disputed claim. */
  markDisputed: boolean;
  markStyle: MarkStyle;
  /** From the pointer resting on a mention to the card showing (ms). */
  hoverDelay: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  hiddenJurisdictions: [],
  hiddenKinds: [],
  markDisputed: true,
  markStyle: 'underline',
  hoverDelay: HOVER_DELAY_DEFAULT,
});

/** Hidden filters list things the dataset has; more than this is not from our options page. */
const MAX_FILTER_ITEMS = 300;
const JURISDICTION = /^[A-Z]{2}$/;

/** Own data property only: a getter or an inherited value (polluted prototype) is not read. */
function own(o: Record<string, unknown>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? d.value : undefined;
}

function stringList<T extends string>(x: unknown, ok: (s: string) => s is T): T[] | null {
  if (!Array.isArray(x) || x.length > MAX_FILTER_ITEMS) return null;
  const out = new Set<T>();
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'string' || !ok(v)) return null;
    out.add(v);
  }
  return [...out].sort();
}

const isJurisdiction = (s: string): s is string => JURISDICTION.test(s);
const isKind = (s: string): s is MeasureKind => (MEASURE_KINDS as readonly string[]).includes(s);

export interface ParsedSettings {
  settings: Settings;
  /** One line per field that was not usable (its default was used), for the options page. */
  problems: string[];
}

const FIELDS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/**
 * Reads a stored value. `undefined` (nothing stored yet) is the defaults, silently; anything else
 * that is not a valid field falls back to that field's default and is named in `problems`.
 */
export function parseSettings(x: unknown): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS, hiddenJurisdictions: [], hiddenKinds: [] };
  if (x === undefined) return { settings, problems: [] };
  const o = record(x);
  if (!o) return { settings, problems: ['settings: not an object'] };
  const problems: string[] = [];
  for (const key of Object.keys(o)) if (!(FIELDS as string[]).includes(key)) problems.push(`${safe(key)}: unknown setting`);
  const bad = (key: string) => problems.push(`${key}: not a valid value`);

  if (Object.prototype.hasOwnProperty.call(o, 'hiddenJurisdictions')) {
    const v = stringList(own(o, 'hiddenJurisdictions'), isJurisdiction);
    if (v) settings.hiddenJurisdictions = v;
    else bad('hiddenJurisdictions');
  }
  if (Object.prototype.hasOwnProperty.call(o, 'hiddenKinds')) {
    const v = stringList(own(o, 'hiddenKinds'), isKind);
    if (v) settings.hiddenKinds = v;
    else bad('hiddenKinds');
  }
  if (Object.prototype.hasOwnProperty.call(o, 'markDisputed')) {
    const v = own(o, 'markDisputed');
    if (typeof v === 'boolean') settings.markDisputed = v;
    else bad('markDisputed');
  }
  if (Object.prototype.hasOwnProperty.call(o, 'markStyle')) {
    const v = own(o, 'markStyle');
    if (typeof v === 'string' && (MARK_STYLES as readonly string[]).includes(v)) settings.markStyle = v as MarkStyle;
    else bad('markStyle');
  }
  if (Object.prototype.hasOwnProperty.call(o, 'hoverDelay')) {
    const v = own(o, 'hoverDelay');
    if (typeof v === 'number' && Number.isInteger(v) && v >= HOVER_DELAY_MIN && v <= HOVER_DELAY_MAX) settings.hoverDelay = v;
    else bad('hoverDelay');
  }
  return { settings, problems };
}

/** A key from outside, safe to show: printable, short. */
function safe(key: string): string {
  const printable = key.replace(/[^\x20-\x7E]/g, '?');
  return JSON.stringify(printable.length > 40 ? `${printable.slice(0, 40)}…` : printable);
}

// ---------------------------------------------------------------------------------------------
// Export and import: one JSON file with the settings and the per-site lists.

export const SETTINGS_FILE_FORMAT = 'company-context-settings';
export const SETTINGS_FILE_VERSION = 1;
/** The file is small; anything much bigger is not ours. */
export const MAX_SETTINGS_FILE = 1_000_000;
const MAX_SITES = 5000;
const MAX_REJECTIONS = 5000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An alias the reader said does not mean this entity ("Not this company"), on one site. */
export interface RejectedAlias {
  entity: string;
  alias: string;
}

/** A "Not this company" choice as stored and as the settings file carries it. */
export interface Rejection extends RejectedAlias {
  site: string;
  /** When the reader said so (YYYY-MM-DD). */
  at: string;
}

export interface SettingsFile {
  settings: Settings;
  pausedSites: string[];
  rejected: Rejection[];
}

export function settingsFileText(file: SettingsFile): string {
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, ...file }, null, 2)}\n`;
}

export type ImportResult = { ok: true; file: SettingsFile } | { ok: false; error: string };

/** Parses an exported file strictly: the first problem rejects it whole. */
export function parseSettingsFile(text: unknown): ImportResult {
  const fail = (error: string): ImportResult => ({ ok: false, error });
  if (typeof text !== 'string') return fail('not a text file');
  if (text.length > MAX_SETTINGS_FILE) return fail(`larger than ${MAX_SETTINGS_FILE} characters`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  const o = record(raw);
  if (!o || own(o, 'format') !== SETTINGS_FILE_FORMAT) return fail(`not a ${SETTINGS_FILE_FORMAT} file`);
  if (own(o, 'version') !== SETTINGS_FILE_VERSION) return fail(`version: expected ${SETTINGS_FILE_VERSION}`);
  for (const key of Object.keys(o)) {
    if (!['format', 'version', 'settings', 'pausedSites', 'rejected'].includes(key)) return fail(`${safe(key)}: unknown field`);
  }
  const storedSettings = own(o, 'settings');
  if (!record(storedSettings)) return fail('settings: not an object');
  const { settings, problems } = parseSettings(storedSettings);
  if (problems.length > 0) return fail(`settings: ${problems[0]}`);

  const sites = own(o, 'pausedSites');
  if (!Array.isArray(sites) || sites.length > MAX_SITES) return fail('pausedSites: not a list of sites');
  for (let i = 0; i < sites.length; i++) if (!isSite(sites[i])) return fail(`pausedSites[${i}]: not a site`);

  const rejected = own(o, 'rejected');
  if (!Array.isArray(rejected) || rejected.length > MAX_REJECTIONS) return fail('rejected: not a list');
  const out: Rejection[] = [];
  for (let i = 0; i < rejected.length; i++) {
    const r = record(rejected[i]);
    const keys = r ? Object.keys(r).sort().join(',') : '';
    if (!r || keys !== 'alias,at,entity,site') return fail(`rejected[${i}]: expected site, entity, alias, at`);
    const site = own(r, 'site');
    const entity = own(r, 'entity');
    const alias = own(r, 'alias');
    const at = own(r, 'at');
    if (!isSite(site)) return fail(`rejected[${i}].site: not a site`);
    if (!isEntityId(entity)) return fail(`rejected[${i}].entity: not an entity id`);
    if (!isAliasText(alias)) return fail(`rejected[${i}].alias: not a name`);
    if (typeof at !== 'string' || !DAY.test(at) || Number.isNaN(Date.parse(at))) return fail(`rejected[${i}].at: not a date`);
    out.push({ site, entity, alias, at });
  }
  return { ok: true, file: { settings, pausedSites: [...new Set(sites as string[])].sort(), rejected: out } };
}

// ---------------------------------------------------------------------------------------------
// What the settings do to the dataset.

/** Whether the card shows a measure on this list, under these settings. */
export function showsMeasure(settings: Settings, jurisdiction: string, kind: MeasureKind): boolean {
  return !settings.hiddenJurisdictions.includes(jurisdiction) && !settings.hiddenKinds.includes(kind);
}

/**
 * Entities not to mark on pages: every measure they have is filtered out (and no dispute the
 * reader wants marked), or they have only disputes and the reader does not want those marked.
 * An entity with neither measures nor claims is never hidden: there is nothing to filter.
 */
export function hiddenEntities(dataset: Dataset, settings: Settings): string[] {
  const lists = new Map(dataset.lists.map((l) => [l.id, l]));
  const out: string[] = [];
  for (const e of dataset.entities) {
    if (e.measures.length === 0 && e.claims.length === 0) continue;
    const shown = e.measures.some((m) => {
      const l = lists.get(m.list);
      return l !== undefined && showsMeasure(settings, l.jurisdiction, l.kind);
    });
    if (!shown && !(settings.markDisputed && e.claims.length > 0)) out.push(e.id);
  }
  return out;
}

/** The card as the reader's filters show it; `hiddenMeasures` counts what they took out. */
export function filterCard(card: CardData, settings: Settings): CardData {
  let hidden = 0;
  const jurisdictions = card.jurisdictions.flatMap((j) => {
    const measures = j.measures.filter((m) => showsMeasure(settings, j.jurisdiction, m.kind));
    hidden += j.measures.length - measures.length;
    return measures.length > 0 ? [{ ...j, measures }] : [];
  });
  if (hidden === 0) return card;
  return { ...card, jurisdictions, hiddenMeasures: hidden };
}

/** The jurisdictions and kinds the dataset has, for the options page's choices. */
export function filterChoices(dataset: Dataset): { jurisdictions: string[]; kinds: MeasureKind[] } {
  const jurisdictions = [...new Set(dataset.lists.map((l) => l.jurisdiction))].sort();
  const kinds = MEASURE_KINDS.filter((k) => dataset.lists.some((l) => l.kind === k));
  return { jurisdictions, kinds };
}
