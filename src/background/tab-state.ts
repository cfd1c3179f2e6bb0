// Per-tab state for the popup and the badge: the top page's site and each frame's companies. Kept
// in session storage so it survives the service worker being stopped, never synced or written to
// disk. The browser APIs and the dataset come in as arguments, so unit tests pass fakes.
import type { Action, Tabs } from 'webextension-polyfill';
import { siteOf } from '../core/ids.ts';
import type { HelloReply, TabState } from '../core/messages.ts';
import { newPage, tabCompanies, withFrame, type TabRecord } from '../core/tab-frames.ts';
import type { Cards } from './cards.ts';
import { isRecord, strings, stored, type Area } from './stored.ts';

const tabKey = (tabId: number) => `tab:${tabId}`;

/** A stored tab record; null when it is not one. */
export function parseTabRecord(x: unknown): TabRecord | null {
  if (!isRecord(x) || typeof x.site !== 'string') return null;
  const frames: Record<string, string[]> = {};
  if (isRecord(x.frames)) for (const [frameId, ids] of Object.entries(x.frames)) frames[frameId] = strings(ids);
  return { site: x.site, frames };
}

/** The tab id a session storage key stands for; null for any other key. */
export function tabIdOf(key: string): number | null {
  const id = /^tab:(\d{1,15})$/.exec(key)?.[1];
  return id === undefined ? null : Number(id);
}

export interface TabStateDeps {
  session: Area;
  tabs: Pick<Tabs.Static, 'sendMessage'>;
  action: Pick<Action.Static, 'setBadgeText' | 'setBadgeBackgroundColor'>;
  cards: Pick<Cards, 'isKnown' | 'countsOnBadge' | 'company'>;
  /** Whether the reader paused us on a site. */
  isPaused: (site: string) => Promise<boolean>;
  /** The answer to a frame's `hello`: its site's paused state and "Not this company" list. */
  helloReply: (site: string) => Promise<HelloReply>;
}

export function tabStore({ session, tabs, action, cards, isPaused, helloReply }: TabStateDeps) {
  const get = async (tabId: number) => parseTabRecord(await stored(session, tabKey(tabId)));

  /**
   * One tab's updates run one after another: its frames report at once, and each update reads the
   * record, changes it and writes it back.
   */
  const queues = new Map<number, Promise<unknown>>();
  function serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(fn, fn);
    const settled = next.catch(() => undefined);
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return next;
  }

  /** Tabs closed since the worker started: reports still on their way must not bring them back. */
  const closed = new Set<number>();

  /** A message to one tab; a tab without our content script (or closed since) is no error. */
  const tell = (tabId: number, msg: unknown): Promise<void> => tabs.sendMessage(tabId, msg).then(() => undefined, () => undefined);

  async function setBadge(tabId: number, rec: TabRecord): Promise<void> {
    const n = tabCompanies(rec).filter((c) => cards.countsOnBadge(c.id)).length;
    await action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' });
    await action.setBadgeBackgroundColor({ tabId, color: '#3c4043' });
  }

  return {
    /** The tab's record; null before a content script reported from it. */
    get,
    tell,

    /** Sends every tab we know the messages `pick` gives for its record, one tab after another. */
    async tellEach(pick: (rec: TabRecord) => unknown[]): Promise<void> {
      for (const [key, value] of Object.entries(await session.get(null))) {
        const tabId = tabIdOf(key);
        const rec = parseTabRecord(value);
        if (tabId === null || rec === null) continue;
        for (const msg of pick(rec)) await tell(tabId, msg);
      }
    },

    /**
     * `hello` (a frame's page loaded; `entities` null) or `mentions` (what it found): the tab's
     * record and badge. Frame 0 is the tab's page; other frames count under its site.
     */
    record(tabId: number, frameId: number, url: string, entities: string[] | null): Promise<HelloReply | null> {
      return serial(tabId, async () => {
        // A frame's goodbye (an empty `mentions` from `pagehide`) can arrive after its tab closed.
        if (closed.has(tabId)) return null;
        const known = await get(tabId);
        const site = (frameId === 0 ? null : known?.site) ?? siteOf(url);
        if (site === null) return null;
        let rec = frameId === 0 && entities === null ? newPage(site) : (known ?? newPage(site));
        rec = withFrame(rec, frameId, entities?.filter(cards.isKnown) ?? []);
        await session.set({ [tabKey(tabId)]: rec });
        await setBadge(tabId, rec);
        return entities === null ? helloReply(site) : null;
      });
    },

    /** The tab closed: its record goes, after any update already under way. */
    forget(tabId: number): Promise<void> {
      closed.add(tabId);
      return serial(tabId, () => session.remove(tabKey(tabId)));
    },

    /** The popup's view of a tab. */
    async state(tabId: number): Promise<TabState> {
      const rec = await get(tabId);
      if (!rec) return { active: false, site: '', paused: false, companies: [] };
      const companies = tabCompanies(rec).flatMap(({ id, frameId }) => cards.company(id, frameId) ?? []);
      return { active: true, site: rec.site, paused: await isPaused(rec.site), companies };
    },
  };
}

export type TabStore = ReturnType<typeof tabStore>;
