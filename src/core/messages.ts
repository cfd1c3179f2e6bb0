// Every message between our contexts, named by direction, with a parser for each direction.
// A listener acts only on what its parser returns; anything else is ignored, so a compromised or
// hostile sender cannot make it do more than a well-formed message could.
import type { CardData } from './compile.ts';
import type { SearchHit } from './search.ts';
import { MARK_STYLES, parseSettings, type MarkStyle, type Settings } from './settings.ts';

/** Content script → background. */
export type ContentToBackground =
  | { type: 'hello' } // reply: HelloReply
  | { type: 'mentions'; entities: string[] } // the companies found on the page so far; reply: void
  | { type: 'card'; entity: string } // reply: CardData | null
  | { type: 'openEntity'; entity: string } // open the entity page in a new tab; reply: void
  | { type: 'reject'; entity: string; alias: string } // "Not this company" on this site; reply: Rejection[] for the site
  | { type: 'settings' }; // the reader's settings as this frame applies them; reply: ContentSettings

/** Popup or entity page → background. */
export type PageToBackground =
  | { type: 'tabState'; tabId: number } // reply: TabState
  | { type: 'setPaused'; tabId: number; paused: boolean } // reply: TabState
  | { type: 'entity'; entity: string } // reply: CardData | null
  | { type: 'rejections' } // options page; reply: Rejection[]
  | { type: 'unreject'; site: string; entity: string; alias: string } // options page undo; reply: Rejection[]
  // The reader's settings (options page) and looking a company up (popup, entity page):
  | { type: 'getSettings' } // reply: SettingsState
  | { type: 'saveSettings'; settings: Settings } // reply: SettingsState
  | { type: 'unpauseSite'; site: string } // reply: SettingsState
  | { type: 'exportSettings' } // reply: the settings file's text
  | { type: 'importSettings'; text: string } // reply: ImportReply
  | { type: 'search'; query: string }; // reply: SearchHit[]

/** Background or popup → content script. */
export type ToContent =
  | { type: 'paused'; paused: boolean }
  | { type: 'reveal'; entity: string } // scroll to the first mention and flash it
  | { type: 'rejected'; rejected: RejectedAlias[] } // the site's "Not this company" list changed
  | { type: 'companyList' } // the reader pressed our keyboard shortcut: open the list of companies (top frame only)
  | { type: 'settings'; settings: ContentSettings }; // the reader changed a setting

/** An alias the reader said does not mean this entity, on one site. */
export interface RejectedAlias {
  entity: string;
  alias: string;
}

export interface Rejection extends RejectedAlias {
  site: string;
  /** When the reader said so (YYYY-MM-DD). */
  at: string;
}

export interface HelloReply {
  paused: boolean;
  rejected: RejectedAlias[];
}

export interface TabCompany {
  id: string;
  /** The frame that names it first (0: the top page), where "reveal" is sent. */
  frameId: number;
  name: string;
  status: string;
  inForce: boolean;
}

export interface TabState {
  /** False when no content script has reported from this tab (a browser page, or not loaded yet). */
  active: boolean;
  host: string;
  paused: boolean;
  companies: TabCompany[];
}

export type { CardData, SearchHit };

/** What a content script needs of the reader's settings (the background works out `hidden`). */
export interface ContentSettings {
  markStyle: MarkStyle;
  hoverDelay: number;
  /** Entities the reader's filters leave unmarked. */
  hidden: string[];
}

/** The options page's view of the settings. */
export interface SettingsState {
  settings: Settings;
  /** What was wrong with the stored value (its defaults are in use), one line each. */
  problems: string[];
  /** The jurisdictions and kinds the dataset has. */
  choices: { jurisdictions: string[]; kinds: string[] };
  pausedSites: string[];
  /** Where the settings are kept: "sync" when the browser offers it. */
  area: 'sync' | 'local';
}

export type ImportReply = { ok: true; state: SettingsState } | { ok: false; error: string };

const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** More distinct companies than any real page names; a bigger list is not from our script. */
export const MAX_MENTIONED = 2000;

function record(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Like `every`, but holes count as `undefined`: structured cloning (Firefox) keeps an array's holes. */
function everyItem(list: unknown[], check: (x: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!check(list[i])) return false;
  return true;
}

function keysAre(o: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

export function isEntityId(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 80 && ENTITY_ID.test(x);
}

/** An alias as the dataset writes it: printable text of reasonable length. */
export function isAliasText(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 200 && !/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(x);
}

export function isSite(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 253 && /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(x);
}

function isRejectedList(x: unknown): x is RejectedAlias[] {
  return Array.isArray(x) && x.length <= 5000 && everyItem(x, (r) => {
    const o = record(r);
    return o !== null && keysAre(o, ['entity', 'alias']) && isEntityId(o.entity) && isAliasText(o.alias);
  });
}

function isTabId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

export function parseContentToBackground(x: unknown): ContentToBackground | null {
  const o = record(x);
  if (!o) return null;
  switch (o.type) {
    case 'hello':
      return keysAre(o, ['type']) ? { type: 'hello' } : null;
    case 'mentions': {
      const list = o.entities;
      if (!keysAre(o, ['type', 'entities']) || !Array.isArray(list) || list.length > MAX_MENTIONED) return null;
      return everyItem(list, isEntityId) ? { type: 'mentions', entities: [...new Set(list as string[])] } : null;
    }
    case 'card':
    case 'openEntity':
      return keysAre(o, ['type', 'entity']) && isEntityId(o.entity) ? { type: o.type, entity: o.entity } : null;
    case 'reject':
      return keysAre(o, ['type', 'entity', 'alias']) && isEntityId(o.entity) && isAliasText(o.alias) ? { type: 'reject', entity: o.entity, alias: o.alias } : null;
    case 'settings':
      return keysAre(o, ['type']) ? { type: 'settings' } : null;
    default:
      return null;
  }
}

export function parsePageToBackground(x: unknown): PageToBackground | null {
  const o = record(x);
  if (!o) return null;
  switch (o.type) {
    case 'tabState':
      return keysAre(o, ['type', 'tabId']) && isTabId(o.tabId) ? { type: 'tabState', tabId: o.tabId } : null;
    case 'setPaused':
      return keysAre(o, ['type', 'tabId', 'paused']) && isTabId(o.tabId) && typeof o.paused === 'boolean'
        ? { type: 'setPaused', tabId: o.tabId, paused: o.paused }
        : null;
    case 'entity':
      return keysAre(o, ['type', 'entity']) && isEntityId(o.entity) ? { type: 'entity', entity: o.entity } : null;
    case 'rejections':
      return keysAre(o, ['type']) ? { type: 'rejections' } : null;
    case 'unreject':
      return keysAre(o, ['type', 'site', 'entity', 'alias']) && isSite(o.site) && isEntityId(o.entity) && isAliasText(o.alias)
        ? { type: 'unreject', site: o.site, entity: o.entity, alias: o.alias }
        : null;
    case 'getSettings':
    case 'exportSettings':
      return keysAre(o, ['type']) ? { type: o.type } : null;
    case 'saveSettings': {
      // Only a value the stored-settings parser takes whole: a partly valid one is not saved.
      if (!keysAre(o, ['type', 'settings']) || record(o.settings) === null) return null;
      const { settings, problems } = parseSettings(o.settings);
      return problems.length === 0 ? { type: 'saveSettings', settings } : null;
    }
    case 'unpauseSite':
      return keysAre(o, ['type', 'site']) && isSite(o.site) ? { type: 'unpauseSite', site: o.site } : null;
    case 'importSettings':
      return keysAre(o, ['type', 'text']) && typeof o.text === 'string' && o.text.length <= MAX_IMPORT_TEXT ? { type: 'importSettings', text: o.text } : null;
    case 'search':
      return keysAre(o, ['type', 'query']) && isQuery(o.query) ? { type: 'search', query: o.query } : null;
    default:
      return null;
  }
}

/** The background's answer to `hello`, checked like any message. */
export function parseHelloReply(x: unknown): HelloReply | null {
  const o = record(x);
  return o !== null && keysAre(o, ['paused', 'rejected']) && typeof o.paused === 'boolean' && isRejectedList(o.rejected)
    ? { paused: o.paused, rejected: o.rejected }
    : null;
}

export function parseToContent(x: unknown): ToContent | null {
  const o = record(x);
  if (!o) return null;
  if (o.type === 'paused') return keysAre(o, ['type', 'paused']) && typeof o.paused === 'boolean' ? { type: 'paused', paused: o.paused } : null;
  if (o.type === 'reveal') return keysAre(o, ['type', 'entity']) && isEntityId(o.entity) ? { type: 'reveal', entity: o.entity } : null;
  if (o.type === 'rejected') return keysAre(o, ['type', 'rejected']) && isRejectedList(o.rejected) ? { type: 'rejected', rejected: o.rejected } : null;
  if (o.type === 'companyList') return keysAre(o, ['type']) ? { type: 'companyList' } : null;
  if (o.type === 'settings') {
    const settings = keysAre(o, ['type', 'settings']) ? parseContentSettings(o.settings) : null;
    return settings ? { type: 'settings', settings } : null;
  }
  return null;
}

/** An imported settings file is parsed by the background (src/core/settings.ts); this bounds it. */
const MAX_IMPORT_TEXT = 1_000_000;
/** More hidden entities than any dataset we build has. */
const MAX_HIDDEN = 50_000;

/** A search box's text: short, printable (an empty query is not sent). */
function isQuery(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 200 && !/[\u0000-\u001F\u007F]/.test(x);
}

/** The background's answer to `settings`, and the payload of its `settings` push, checked alike. */
export function parseContentSettings(x: unknown): ContentSettings | null {
  const o = record(x);
  if (!o || !keysAre(o, ['markStyle', 'hoverDelay', 'hidden'])) return null;
  if (typeof o.markStyle !== 'string' || !(MARK_STYLES as readonly string[]).includes(o.markStyle)) return null;
  const delay = parseSettings({ hoverDelay: o.hoverDelay });
  if (delay.problems.length > 0) return null;
  if (!Array.isArray(o.hidden) || o.hidden.length > MAX_HIDDEN || !everyItem(o.hidden, isEntityId)) return null;
  return { markStyle: o.markStyle as MarkStyle, hoverDelay: delay.settings.hoverDelay, hidden: [...(o.hidden as string[])] };
}

/** The manifest's `commands` name for the keyboard way in (rebindable in the browser). */
export const COMPANY_LIST_COMMAND = 'open-company-list';

/** What the background sends the active tab's top frame for a browser command; null for a command we do not know. */
export function commandMessage(command: unknown): ToContent | null {
  return command === COMPANY_LIST_COMMAND ? { type: 'companyList' } : null;
}

/** Site key for "pause on this site": the host name, without a leading "www.". */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
