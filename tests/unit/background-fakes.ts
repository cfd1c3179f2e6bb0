// Stand-ins for the browser APIs the background modules take as arguments: a storage area, tabs
// that receive messages, and the toolbar badge. Plain objects that record what was done to them.
import type { Action, Tabs } from 'webextension-polyfill';
import type { Area } from '../../src/background/stored.ts';
import { tabStore } from '../../src/background/tab-state.ts';

export interface FakeArea extends Area {
  data: Record<string, unknown>;
  /** Each `set` call's items, in order. */
  writes: Array<Record<string, unknown>>;
  /** When set, `get` or `set` rejects (a browser that refuses the area, a full quota). */
  failGet?: boolean;
  failSet?: boolean;
}

export function fakeArea(data: Record<string, unknown> = {}): FakeArea {
  const area: FakeArea = {
    data: structuredClone(data),
    writes: [],
    async get(keys) {
      if (area.failGet) throw new Error('refused');
      const names = keys === null || keys === undefined ? Object.keys(area.data) : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(names.filter((k) => k in area.data).map((k) => [k, structuredClone(area.data[k])]));
    },
    async set(items) {
      if (area.failSet) throw new Error('quota');
      area.writes.push(structuredClone(items));
      Object.assign(area.data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete area.data[k];
    },
  };
  return area;
}

/** Tabs that record each message; a tab id in `without` has no content script (sending fails). */
export function fakeTabs(without: number[] = []) {
  const sent: Array<[number, unknown]> = [];
  const tabs = {
    sent,
    async sendMessage(tabId: number, msg: unknown) {
      if (without.includes(tabId)) throw new Error('Receiving end does not exist');
      sent.push([tabId, msg]);
    },
  };
  return tabs as typeof tabs & Pick<Tabs.Static, 'sendMessage'>;
}

/** The badge: its text per tab, and the colour calls. */
export function fakeAction() {
  const text = new Map<number, string>();
  const action: Pick<Action.Static, 'setBadgeText' | 'setBadgeBackgroundColor'> = {
    async setBadgeText({ tabId, text: t }) {
      if (tabId !== undefined) text.set(tabId, t ?? '');
    },
    async setBadgeBackgroundColor() {},
  };
  return { text, ...action };
}

/**
 * The real tab store over fake session storage and tabs, for modules that message known tabs:
 * tabs 1 and 3 on a.example, tab 2 on b.example.
 */
export function knownTabs() {
  const session = fakeArea({
    'tab:1': { site: 'a.example', frames: {} },
    'tab:2': { site: 'b.example', frames: {} },
    'tab:3': { site: 'a.example', frames: {} },
  });
  const tabs = fakeTabs();
  const never = () => Promise.reject(new Error('not used here'));
  const tabState = tabStore({
    session, tabs, action: fakeAction(), isPaused: never, helloReply: never,
    cards: { isKnown: () => true, countsOnBadge: () => true, company: () => null },
  });
  return { tabs, tabState };
}
