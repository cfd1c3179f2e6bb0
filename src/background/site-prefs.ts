// Per-site preferences: the sites the reader paused us on, and the aliases they said do not mean a
// company on a site ("Not this company"). Kept in storage.local, not sync: either list can outgrow
// sync's quota per item. Each change reaches the open tabs it concerns at once.
import { isAliasText, isEntityId, isSite } from '../core/ids.ts';
import type { HelloReply } from '../core/messages.ts';
import type { RejectedAlias, Rejection } from '../core/settings.ts';
import { isRecord, strings, stored, type Area } from './stored.ts';
import type { TabStore } from './tab-state.ts';

export const PAUSED_KEY = 'pausedSites';
export const REJECTED_KEY = 'rejected';

/** A stored "Not this company" entry; null when it is not one. */
export function parseRejection(x: unknown): Rejection | null {
  if (!isRecord(x)) return null;
  const { site, entity, alias, at } = x;
  // The same checks content scripts apply to the list they get: one bad entry must not cost a site its list.
  return isSite(site) && isEntityId(entity) && isAliasText(alias) && typeof at === 'string'
    ? { site, entity, alias, at }
    : null;
}

/** The stored list's entries that are entries; a stored non-list is none. */
export function parseRejections(x: unknown): Rejection[] {
  return Array.isArray(x) ? x.flatMap((r: unknown) => parseRejection(r) ?? []) : [];
}

/** One site's rejected aliases, as its content scripts get them. */
export const forSite = (all: Rejection[], site: string): RejectedAlias[] =>
  all.filter((r) => r.site === site).map(({ entity, alias }) => ({ entity, alias }));

const same = (r: Rejection, site: string, entity: string, alias: string) => r.site === site && r.entity === entity && r.alias === alias;

export interface SitePrefsDeps {
  local: Area;
  tabState: Pick<TabStore, 'get' | 'tell' | 'tellEach'>;
  /** YYYY-MM-DD: a rejection records when the reader made it. */
  today: () => string;
}

export function sitePrefs({ local, tabState, today }: SitePrefsDeps) {
  const pausedSites = async () => strings(await stored(local, PAUSED_KEY));
  const rejections = async () => parseRejections(await stored(local, REJECTED_KEY));
  const isPaused = async (site: string) => (await pausedSites()).includes(site);

  /** Stores the rejections and tells every tab we know on `site` its new list. */
  async function saveRejections(all: Rejection[], site: string): Promise<void> {
    await local.set({ [REJECTED_KEY]: all });
    await tabState.tellEach((rec) => (rec.site === site ? [{ type: 'rejected', rejected: forSite(all, site) }] : []));
  }

  /** Tells every tab we know its site's paused state and "Not this company" list again. */
  async function refreshTabs(): Promise<void> {
    const [paused, all] = await Promise.all([pausedSites(), rejections()]);
    await tabState.tellEach((rec) => [
      { type: 'paused', paused: paused.includes(rec.site) },
      { type: 'rejected', rejected: forSite(all, rec.site) },
    ]);
  }

  return {
    pausedSites,
    rejections,
    refreshTabs,

    isPaused,

    async helloReply(site: string): Promise<HelloReply> {
      return { paused: await isPaused(site), rejected: forSite(await rejections(), site) };
    },

    /** "Not this company" for an alias on a site; the site's list after it. */
    async reject(site: string, entity: string, alias: string): Promise<RejectedAlias[]> {
      const all = (await rejections()).filter((r) => !same(r, site, entity, alias));
      all.push({ site, entity, alias, at: today() });
      await saveRejections(all, site);
      return forSite(all, site);
    },

    /** Undoes a rejection (the options page); every rejection after it. */
    async unreject(site: string, entity: string, alias: string): Promise<Rejection[]> {
      const all = (await rejections()).filter((r) => !same(r, site, entity, alias));
      await saveRejections(all, site);
      return all;
    },

    /** Pauses or resumes us on a tab's site (the popup); nothing for a tab we have no record of. */
    async setPaused(tabId: number, paused: boolean): Promise<void> {
      const rec = await tabState.get(tabId);
      if (!rec) return;
      const sites = new Set(await pausedSites());
      if (paused) sites.add(rec.site);
      else sites.delete(rec.site);
      await local.set({ [PAUSED_KEY]: [...sites].sort() });
      await tabState.tell(tabId, { type: 'paused', paused });
    },

    /** Resumes us on a site (the options page). */
    async unpause(site: string): Promise<void> {
      await local.set({ [PAUSED_KEY]: (await pausedSites()).filter((s) => s !== site) });
      await refreshTabs();
    },

    /** Both lists at once, from an imported file (one write: either both are stored or neither). */
    async replace(lists: { pausedSites: string[]; rejected: Rejection[] }): Promise<void> {
      await local.set({ [PAUSED_KEY]: lists.pausedSites, [REJECTED_KEY]: lists.rejected });
    },
  };
}

export type SitePrefs = ReturnType<typeof sitePrefs>;
