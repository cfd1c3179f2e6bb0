// Every message between our contexts, named by direction: for each direction a map from a
// request's `type` to the request and its reply, and a parser for the requests (and for the
// replies a content script reads). A listener acts only on what its parser returns; anything else
// is ignored, so a compromised or hostile sender cannot make it do more than a well-formed message
// could. request() (src/core/request.ts) sends one and types its reply.
import type { CardData } from './card.ts';
import type { Alias } from './dataset.ts';
import { isAliasText, isEntityId, isSite } from './ids.ts';
import type { SearchHit } from './search.ts';
import { MARK_STYLES, parseSettings, type MarkStyle, type RejectedAlias, type Rejection, type Settings } from './settings.ts';
import { everyItem, keysAre, record } from './shape.ts';

/** One direction's requests by `type`, each with the reply its receiver answers with. */
export type MessageMap<M> = { [K in keyof M]: { request: { type: K }; reply: unknown } };
/** Any request of a direction. */
export type RequestOf<M extends MessageMap<M>> = M[keyof M]['request'];

/** Content script → background. A null reply: nothing to say (the frame's site is unknown, or no such entity). */
export type ContentToBackgroundMap = {
  hello: { request: { type: 'hello' }; reply: HelloReply | null };
  /** The companies found on the page so far. */
  mentions: { request: { type: 'mentions'; entities: string[] }; reply: null };
  card: { request: { type: 'card'; entity: string }; reply: CardData | null };
  /** Open the entity page in a new tab. */
  openEntity: { request: { type: 'openEntity'; entity: string }; reply: null };
  /** "Not this company" on this site; the reply is the site's list. */
  reject: { request: { type: 'reject'; entity: string; alias: string }; reply: RejectedAlias[] | null };
  /** The reader's settings as this frame applies them. */
  settings: { request: { type: 'settings' }; reply: ContentSettings | null };
};

/** Popup, options or entity page → background. */
export type PageToBackgroundMap = {
  tabState: { request: { type: 'tabState'; tabId: number }; reply: TabState };
  setPaused: { request: { type: 'setPaused'; tabId: number; paused: boolean }; reply: TabState };
  /** The entity page: the whole card, unfiltered, with every name it goes by. */
  entity: { request: { type: 'entity'; entity: string }; reply: EntityData | null };
  /** The options page's "Not this company" list, and its undo. */
  rejections: { request: { type: 'rejections' }; reply: Rejection[] };
  unreject: { request: { type: 'unreject'; site: string; entity: string; alias: string }; reply: Rejection[] };
  /** The reader's settings (options page). */
  getSettings: { request: { type: 'getSettings' }; reply: SettingsState };
  saveSettings: { request: { type: 'saveSettings'; settings: Settings }; reply: SettingsState };
  unpauseSite: { request: { type: 'unpauseSite'; site: string }; reply: SettingsState };
  /** The settings file's text. */
  exportSettings: { request: { type: 'exportSettings' }; reply: string };
  importSettings: { request: { type: 'importSettings'; text: string }; reply: ImportReply };
  /** Looking a company up (popup, entity page). */
  search: { request: { type: 'search'; query: string }; reply: SearchHit[] };
};

/** Background or popup → content script; the content script answers nothing. */
export type ToContentMap = {
  paused: { request: { type: 'paused'; paused: boolean }; reply: undefined };
  /** Scroll to the first mention and flash it. */
  reveal: { request: { type: 'reveal'; entity: string }; reply: undefined };
  /** The site's "Not this company" list changed. */
  rejected: { request: { type: 'rejected'; rejected: RejectedAlias[] }; reply: undefined };
  /** The reader pressed our keyboard shortcut: open the list of companies (top frame only). */
  companyList: { request: { type: 'companyList' }; reply: undefined };
  /** The reader changed a setting. */
  settings: { request: { type: 'settings'; settings: ContentSettings }; reply: undefined };
};

export type ContentToBackground = RequestOf<ContentToBackgroundMap>;
export type PageToBackground = RequestOf<PageToBackgroundMap>;
export type ToContent = RequestOf<ToContentMap>;

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
  /** The site key of the tab's top page (`siteOf`): what pausing and "Not this company" apply to. */
  site: string;
  paused: boolean;
  companies: TabCompany[];
}

/** The entity page's card: unfiltered, with every name the entity goes by. */
export type EntityData = CardData & { aliases: Alias[] };

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

/** More distinct companies than any real page names; a bigger list is not from our script. */
export const MAX_MENTIONED = 2000;

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
