// The reader's settings (docs/decisions/0009-settings.md): kept in storage.sync where the browser
// offers it (else storage.local), parsed on every read: a corrupt or hostile value means the
// defaults, and the options page says what was wrong. The settings file also carries the
// per-site lists (site-prefs.ts); importing it is all or nothing.
import type { Storage } from 'webextension-polyfill';
import type { Dataset } from '../core/dataset.ts';
import type { ContentSettings, ImportReply, SettingsState } from '../core/messages.ts';
import { filterChoices, hiddenEntities, parseSettings, parseSettingsFile, settingsFileText, type ParsedSettings, type Settings } from '../core/settings.ts';
import type { SitePrefs } from './site-prefs.ts';
import type { Area } from './stored.ts';
import type { TabStore } from './tab-state.ts';

export const SETTINGS_KEY = 'settings';

type AreaName = SettingsState['area'];

export interface SettingsStoreDeps {
  /** `sync` is missing in some browsers; `local` is always there. */
  storage: { sync?: Area; local: Area };
  dataset: Dataset;
  prefs: Pick<SitePrefs, 'pausedSites' | 'rejections' | 'replace' | 'refreshTabs'>;
  tabState: Pick<TabStore, 'tellEach'>;
}

export function settingsStore({ storage, dataset, prefs, tabState }: SettingsStoreDeps) {
  /** storage.sync, unless the browser lacks it or refuses it (Firefox with sync switched off). */
  async function settingsArea(): Promise<{ name: AreaName; area: Area }> {
    if (storage.sync) {
      try {
        await storage.sync.get(SETTINGS_KEY);
        return { name: 'sync', area: storage.sync };
      } catch {
        // fall through to local
      }
    }
    return { name: 'local', area: storage.local };
  }

  async function read(): Promise<ParsedSettings & { area: AreaName }> {
    const { name, area } = await settingsArea();
    const got = await area.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
    return { ...parseSettings(got[SETTINGS_KEY]), area: name };
  }

  async function write(settings: Settings): Promise<void> {
    await (await settingsArea()).area.set({ [SETTINGS_KEY]: settings });
  }

  /** What a content script applies: the filters become the entities to leave unmarked. */
  const content = (settings: Settings): ContentSettings => ({
    markStyle: settings.markStyle,
    hoverDelay: settings.hoverDelay,
    hidden: hiddenEntities(dataset, settings),
  });

  async function state(): Promise<SettingsState> {
    const { settings, problems, area } = await read();
    return { settings, problems, area, choices: filterChoices(dataset), pausedSites: await prefs.pausedSites() };
  }

  return {
    read,
    state,

    /** The settings as this frame applies them. */
    contentSettings: async () => content((await read()).settings),

    async save(settings: Settings): Promise<SettingsState> {
      await write(settings);
      return state();
    },

    async exportText(): Promise<string> {
      return settingsFileText({ settings: (await read()).settings, pausedSites: await prefs.pausedSites(), rejected: await prefs.rejections() });
    },

    /** All or nothing: the file is parsed whole first; if the second write fails the first is undone. */
    async importText(text: string): Promise<ImportReply> {
      const parsed = parseSettingsFile(text);
      if (!parsed.ok) return parsed;
      const before = await read();
      try {
        await write(parsed.file.settings);
      } catch {
        return { ok: false, error: 'could not be saved' };
      }
      try {
        await prefs.replace(parsed.file);
      } catch {
        await write(before.settings).catch(() => undefined);
        return { ok: false, error: 'could not be saved' };
      }
      await prefs.refreshTabs();
      return { ok: true, state: await state() };
    },

    /** Open tabs apply a change at once, whichever page made it (ours, or sync from another device). */
    async changed(changes: Record<string, Storage.StorageChange>, areaName: string): Promise<void> {
      if (!(SETTINGS_KEY in changes) || (areaName !== 'sync' && areaName !== 'local')) return;
      const { settings, area } = await read();
      if (area !== areaName) return;
      const msg = { type: 'settings', settings: content(settings) };
      await tabState.tellEach(() => [msg]);
    },
  };
}

export type SettingsStore = ReturnType<typeof settingsStore>;
