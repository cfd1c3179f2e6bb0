// Background: owns the dataset and the settings. It answers typed, parsed messages from our own
// contexts only (content scripts in tabs, our popup and entity page), keeps per-tab state for the
// popup and the badge, and makes no network connection.
import browser from 'webextension-polyfill';
import dataset from 'virtual:company-context/dataset';
import official from 'virtual:company-context/official';
import { cardData, entityStatus, isInForce } from '../core/compile.ts';
import { statusText } from '../ui/format.ts';
import {
  parseContentToBackground, parsePageToBackground, siteOf,
  type ContentToBackground, type HelloReply, type PageToBackground, type RejectedAlias, type Rejection, type TabState,
} from '../core/messages.ts';
import { newPage, tabCompanies, withFrame, type TabRecord } from '../core/tab-frames.ts';
import { onCommand } from './commands.ts';
import { filterCard, filterChoices, hiddenEntities, parseSettings, parseSettingsFile, settingsFileText, type ParsedSettings, type Settings } from '../core/settings.ts';
import { buildSearchIndex, search, type SearchIndex } from '../core/search.ts';
import type { ContentSettings, ImportReply, SettingsState } from '../core/messages.ts';
import { officialCard, withOfficialRecords } from '../core/official-card.ts';

const lists = new Map(dataset.lists.map((l) => [l.id, l]));
const entities = new Map(dataset.entities.map((e) => [e.id, e]));
// Official list records (a `--with-official` build; empty otherwise): imported-only organisations
// are entities only here, and curated cards gain their attached records.
const officialNames = new Map(official.entities.map((e) => [e.id, e.name]));
const isKnown = (id: string) => entities.has(id) || officialNames.has(id);
const card = (id: string) => {
  const curated = cardData(dataset, id, today());
  return curated ? withOfficialRecords(curated, official) : officialCard(official, id, dataset.asOf);
};
const PAUSED_KEY = 'pausedSites';
const REJECTED_KEY = 'rejected';

// Tab state survives the service worker being stopped: session storage, never synced or written to disk.
const tabKey = (tabId: number) => `tab:${tabId}`;

async function getTab(tabId: number): Promise<TabRecord | null> {
  const got = await browser.storage.session.get(tabKey(tabId));
  const rec = got[tabKey(tabId)] as Partial<TabRecord> | undefined;
  return rec && typeof rec.host === 'string' ? { host: rec.host, frames: rec.frames ?? {} } : null;
}

const putTab = (tabId: number, rec: TabRecord) => browser.storage.session.set({ [tabKey(tabId)]: rec });

/**
 * One tab's updates run one after another: its frames report at once, and each update reads the
 * record, changes it and writes it back.
 */
const tabQueues = new Map<number, Promise<unknown>>();
function serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const next = (tabQueues.get(tabId) ?? Promise.resolve()).then(fn, fn);
  const settled = next.catch(() => undefined);
  tabQueues.set(tabId, settled);
  void settled.then(() => {
    if (tabQueues.get(tabId) === settled) tabQueues.delete(tabId);
  });
  return next;
}

async function pausedSites(): Promise<string[]> {
  const got = await browser.storage.local.get(PAUSED_KEY);
  const v = got[PAUSED_KEY];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

async function rejections(): Promise<Rejection[]> {
  const got = await browser.storage.local.get(REJECTED_KEY);
  const v = got[REJECTED_KEY];
  return Array.isArray(v) ? (v as Rejection[]) : [];
}

const forSite = (all: Rejection[], site: string): RejectedAlias[] =>
  all.filter((r) => r.site === site).map(({ entity, alias }) => ({ entity, alias }));

/** Tells every tab we know on `site` its new "Not this company" list. */
async function notifySite(site: string, all: Rejection[]): Promise<void> {
  const tabs = await browser.storage.session.get(null);
  for (const [key, rec] of Object.entries(tabs)) {
    if (!key.startsWith('tab:') || (rec as TabRecord).host !== site) continue;
    await browser.tabs.sendMessage(Number(key.slice(4)), { type: 'rejected', rejected: forSite(all, site) }).catch(() => undefined);
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function setBadge(tabId: number, ids: string[]): Promise<void> {
  const n = ids.filter((id) => entities.get(id)?.measures.some(isInForce) || officialNames.has(id)).length;
  await browser.action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#3c4043' });
}

async function tabState(tabId: number): Promise<TabState> {
  const rec = await getTab(tabId);
  if (!rec) return { active: false, host: '', paused: false, companies: [] };
  const paused = (await pausedSites()).includes(rec.host);
  const companies = tabCompanies(rec).flatMap(({ id, frameId }) => {
    const e = entities.get(id);
    const imported = officialNames.get(id);
    if (!e && imported !== undefined) {
      const jurisdictions = [...new Set((official.records[id] ?? []).map((r) => r.list))];
      return [{ id, frameId, name: imported, status: statusText({ inForce: jurisdictions.length, jurisdictions, removedEarlier: false }), inForce: true }];
    }
    return e ? [{ id, frameId, name: e.name, status: statusText(entityStatus(e, lists)), inForce: e.measures.some(isInForce) }] : [];
  });
  return { active: true, host: rec.host, paused, companies };
}

/**
 * A content script's message. Frame 0 is the tab's page; other frames (iframes, srcdoc frames)
 * count under the page's site, whatever their own origin, since the reader pauses and rejects on
 * the site they see in the address bar.
 */
async function fromContent(msg: ContentToBackground, tabId: number, frameId: number, url: string): Promise<unknown> {
  if (msg.type === 'hello' || msg.type === 'mentions') return serial(tabId, () => report(msg, tabId, frameId, url));
  const host = (frameId === 0 ? null : (await getTab(tabId))?.host) ?? siteOf(url);
  if (host === null) return null;
  switch (msg.type) {
    case 'card': {
      const c = card(msg.entity);
      return c && filterCard(c, (await readSettings()).settings);
    }
    case 'settings':
      return contentSettings((await readSettings()).settings);
    case 'openEntity':
      if (entities.has(msg.entity)) await browser.tabs.create({ url: browser.runtime.getURL(`src/entity/index.html?id=${msg.entity}`) });
      return null;
    case 'reject': {
      // Only an alias the dataset really gives this entity can be rejected.
      if (!entities.get(msg.entity)?.aliases.some((a) => a.text === msg.alias)) return null;
      const all = (await rejections()).filter((r) => !(r.site === host && r.entity === msg.entity && r.alias === msg.alias));
      all.push({ site: host, entity: msg.entity, alias: msg.alias, at: today() });
      await browser.storage.local.set({ [REJECTED_KEY]: all });
      await notifySite(host, all);
      return forSite(all, host);
    }
  }
}

/** `hello` (a frame's page loaded) and `mentions` (what it found): the tab's record and badge. */
async function report(msg: ContentToBackground & { type: 'hello' | 'mentions' }, tabId: number, frameId: number, url: string): Promise<unknown> {
  // A frame's goodbye (an empty report from `pagehide`) can arrive after its tab closed.
  if (closedTabs.has(tabId)) return null;
  const known = frameId === 0 ? null : await getTab(tabId);
  const host = known?.host ?? siteOf(url);
  if (host === null) return null;
  let rec = frameId === 0 && msg.type === 'hello' ? newPage(host) : (known ?? (await getTab(tabId)) ?? newPage(host));
  rec = withFrame(rec, frameId, msg.type === 'mentions' ? msg.entities.filter(isKnown) : []);
  await putTab(tabId, rec);
  await setBadge(tabId, tabCompanies(rec).map((c) => c.id));
  if (msg.type === 'mentions') return null;
  return { paused: (await pausedSites()).includes(host), rejected: forSite(await rejections(), host) } satisfies HelloReply;
}

async function fromPage(msg: PageToBackground): Promise<unknown> {
  switch (msg.type) {
    case 'tabState':
      return tabState(msg.tabId);
    case 'setPaused': {
      const rec = await getTab(msg.tabId);
      if (!rec) return tabState(msg.tabId);
      const sites = new Set(await pausedSites());
      if (msg.paused) sites.add(rec.host);
      else sites.delete(rec.host);
      await browser.storage.local.set({ [PAUSED_KEY]: [...sites].sort() });
      await browser.tabs.sendMessage(msg.tabId, { type: 'paused', paused: msg.paused }).catch(() => undefined);
      return tabState(msg.tabId);
    }
    case 'entity': {
      // The whole record, unfiltered, with every name it goes by (the entity page).
      const c = card(msg.entity);
      return c && { ...c, aliases: entities.get(msg.entity)?.aliases ?? [] };
    }
    case 'rejections':
      return rejections();
    case 'unreject': {
      const all = (await rejections()).filter((r) => !(r.site === msg.site && r.entity === msg.entity && r.alias === msg.alias));
      await browser.storage.local.set({ [REJECTED_KEY]: all });
      await notifySite(msg.site, all);
      return all;
    }
    case 'getSettings':
      return settingsState();
    case 'saveSettings':
      await writeSettings(msg.settings);
      return settingsState();
    case 'unpauseSite': {
      await browser.storage.local.set({ [PAUSED_KEY]: (await pausedSites()).filter((s) => s !== msg.site) });
      await refreshTabs();
      return settingsState();
    }
    case 'exportSettings':
      return settingsFileText({ settings: (await readSettings()).settings, pausedSites: await pausedSites(), rejected: await rejections() });
    case 'importSettings':
      return importSettings(msg.text);
    case 'search':
      return search(searchIndex(), msg.query, 20);
  }
}

// ---- The reader's settings (docs/decisions/0009-settings.md) ------------------------------------
// Kept in storage.sync where the browser offers it (else storage.local), parsed on every read: a
// corrupt or hostile value means the defaults, and the options page says what was wrong. Paused
// sites and "Not this company" stay in storage.local (they can outgrow sync's quota per item);
// the settings file carries all three.
const SETTINGS_KEY = 'settings';

type Area = { name: 'sync' | 'local'; storage: browser.Storage.StorageArea };

/** storage.sync, unless the browser lacks it or refuses it (Firefox with sync switched off). */
async function settingsArea(): Promise<Area> {
  const sync = (browser.storage as Partial<typeof browser.storage>).sync;
  if (sync) {
    try {
      await sync.get(SETTINGS_KEY);
      return { name: 'sync', storage: sync };
    } catch {
      // fall through to local
    }
  }
  return { name: 'local', storage: browser.storage.local };
}

async function readSettings(): Promise<ParsedSettings & { area: Area['name'] }> {
  const area = await settingsArea();
  const got = await area.storage.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
  return { ...parseSettings(got[SETTINGS_KEY]), area: area.name };
}

async function writeSettings(settings: Settings): Promise<void> {
  await (await settingsArea()).storage.set({ [SETTINGS_KEY]: settings });
}

function contentSettings(settings: Settings): ContentSettings {
  return { markStyle: settings.markStyle, hoverDelay: settings.hoverDelay, hidden: hiddenEntities(dataset, settings) };
}

async function settingsState(): Promise<SettingsState> {
  const { settings, problems, area } = await readSettings();
  return { settings, problems, area, choices: filterChoices(dataset), pausedSites: await pausedSites() };
}

/** All or nothing: the file is parsed whole first; if the second write fails the first is undone. */
async function importSettings(text: string): Promise<ImportReply> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok) return parsed;
  const before = await readSettings();
  try {
    await writeSettings(parsed.file.settings);
  } catch {
    return { ok: false, error: 'could not be saved' };
  }
  try {
    await browser.storage.local.set({ [PAUSED_KEY]: parsed.file.pausedSites, [REJECTED_KEY]: parsed.file.rejected });
  } catch {
    await writeSettings(before.settings).catch(() => undefined);
    return { ok: false, error: 'could not be saved' };
  }
  await refreshTabs();
  return { ok: true, state: await settingsState() };
}

/** Tells every tab we know its site's paused state and "Not this company" list again. */
async function refreshTabs(): Promise<void> {
  const [tabs, paused, all] = await Promise.all([browser.storage.session.get(null), pausedSites(), rejections()]);
  for (const [key, rec] of Object.entries(tabs)) {
    if (!key.startsWith('tab:')) continue;
    const host = (rec as TabRecord).host;
    const tabId = Number(key.slice(4));
    await browser.tabs.sendMessage(tabId, { type: 'paused', paused: paused.includes(host) }).catch(() => undefined);
    await browser.tabs.sendMessage(tabId, { type: 'rejected', rejected: forSite(all, host) }).catch(() => undefined);
  }
}

/** Open tabs apply a change at once, whichever page made it (ours, or sync from another device). */
browser.storage.onChanged.addListener((changes, areaName) => {
  if (!(SETTINGS_KEY in changes) || (areaName !== 'sync' && areaName !== 'local')) return;
  void (async () => {
    const { settings, area } = await readSettings();
    if (area !== areaName) return;
    const msg = { type: 'settings', settings: contentSettings(settings) };
    const tabs = await browser.storage.session.get(null);
    for (const key of Object.keys(tabs)) {
      if (key.startsWith('tab:')) await browser.tabs.sendMessage(Number(key.slice(4)), msg).catch(() => undefined);
    }
  })();
});

let index: SearchIndex | null = null;
/** Built on the first search, then kept while the worker lives (about 10 ms for the curated dataset). */
function searchIndex(): SearchIndex {
  return (index ??= buildSearchIndex(dataset));
}

// ---- First run --------------------------------------------------------------------------------
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html') });
});

const ownPages = browser.runtime.getURL('');

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const url = sender.url ?? '';
  if (url.startsWith(ownPages)) {
    const msg = parsePageToBackground(raw);
    return msg ? fromPage(msg) : undefined;
  }
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined || !Number.isInteger(frameId) || frameId < 0) return undefined;
  const msg = parseContentToBackground(raw);
  return msg ? fromContent(msg, tabId, frameId, url) : undefined;
});

/** Tabs closed since the worker started: reports still on their way must not bring them back. */
const closedTabs = new Set<number>();
browser.tabs.onRemoved.addListener((tabId) => {
  closedTabs.add(tabId);
  void serial(tabId, () => browser.storage.session.remove(tabKey(tabId)));
});

// The keyboard way in (issue 6): our shortcut tells the active tab's top frame to open the list.
browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => void onCommand(command, tab, browser.tabs));
