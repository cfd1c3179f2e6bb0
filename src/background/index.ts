// Background: owns the dataset and the settings. It answers typed, parsed messages from our own
// contexts only (content scripts in tabs, our popup and entity page), keeps per-tab state for the
// popup and the badge, and makes no network connection. This file only wires the browser's events
// to the modules beside it, which take the browser APIs as arguments so unit tests pass fakes.
import browser from 'webextension-polyfill';
import dataset from 'virtual:company-context/dataset';
import official from 'virtual:company-context/official';
import { siteOf } from '../core/ids.ts';
import { parseContentToBackground, parsePageToBackground, type ContentToBackground, type PageToBackground } from '../core/messages.ts';
import { statusText } from '../ui/format.ts';
import { datasetCards } from './cards.ts';
import { onCommand } from './commands.ts';
import { settingsStore } from './settings-store.ts';
import { sitePrefs } from './site-prefs.ts';
import { tabStore } from './tab-state.ts';

const today = () => new Date().toISOString().slice(0, 10);

const cards = datasetCards({ dataset, official, today, statusText });
const tabState = tabStore({
  session: browser.storage.session,
  tabs: browser.tabs,
  action: browser.action,
  cards,
  // Called only once a message arrives, when `prefs` below exists.
  isPaused: (site) => prefs.isPaused(site),
  helloReply: (site) => prefs.helloReply(site),
});
const prefs = sitePrefs({ local: browser.storage.local, tabState, today });
const settings = settingsStore({ storage: browser.storage, dataset, prefs, tabState });

/**
 * A content script's message. Frame 0 is the tab's page; other frames (iframes, srcdoc frames)
 * count under the page's site, whatever their own origin, since the reader pauses and rejects on
 * the site they see in the address bar.
 */
async function fromContent(msg: ContentToBackground, tabId: number, frameId: number, url: string): Promise<unknown> {
  if (msg.type === 'hello') return tabState.record(tabId, frameId, url, null);
  if (msg.type === 'mentions') return tabState.record(tabId, frameId, url, msg.entities);
  const site = (frameId === 0 ? null : (await tabState.get(tabId))?.site) ?? siteOf(url);
  if (site === null) return null;
  switch (msg.type) {
    case 'card':
      return cards.card(msg.entity, (await settings.read()).settings);
    case 'settings':
      return settings.contentSettings();
    case 'openEntity':
      if (cards.hasPage(msg.entity)) await browser.tabs.create({ url: browser.runtime.getURL(`src/entity/index.html?id=${msg.entity}`) });
      return null;
    case 'reject':
      return cards.hasAlias(msg.entity, msg.alias) ? prefs.reject(site, msg.entity, msg.alias) : null;
  }
}

/** Our own pages: the popup, the options page and the entity page. */
async function fromPage(msg: PageToBackground): Promise<unknown> {
  switch (msg.type) {
    case 'tabState':
      return tabState.state(msg.tabId);
    case 'setPaused':
      await prefs.setPaused(msg.tabId, msg.paused);
      return tabState.state(msg.tabId);
    case 'entity':
      return cards.entity(msg.entity);
    case 'rejections':
      return prefs.rejections();
    case 'unreject':
      return prefs.unreject(msg.site, msg.entity, msg.alias);
    case 'getSettings':
      return settings.state();
    case 'saveSettings':
      return settings.save(msg.settings);
    case 'unpauseSite':
      await prefs.unpause(msg.site);
      return settings.state();
    case 'exportSettings':
      return settings.exportText();
    case 'importSettings':
      return settings.importText(msg.text);
    case 'search':
      return cards.search(msg.query);
  }
}

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

browser.storage.onChanged.addListener((changes, areaName) => void settings.changed(changes, areaName));

browser.tabs.onRemoved.addListener((tabId) => void tabState.forget(tabId));

// First run: the welcome page.
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html') });
});

// The keyboard way in: our shortcut tells the active tab's top frame to open the list.
browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => void onCommand(command, tab, browser.tabs));
