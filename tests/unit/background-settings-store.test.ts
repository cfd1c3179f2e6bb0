// The settings store with fake storage areas: where the settings live, reading a corrupt value,
// the settings file out and in (all or nothing), and telling open tabs of a change.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { settingsStore } from '../../src/background/settings-store.ts';
import { sitePrefs } from '../../src/background/site-prefs.ts';
import { DEFAULT_SETTINGS, filterChoices, hiddenEntities, parseSettingsFile, settingsFileText, type Settings } from '../../src/core/settings.ts';
import { fakeArea, knownTabs, type FakeArea } from './background-fakes.ts';

const { dataset } = loadDataset('data');
const custom: Settings = { hiddenJurisdictions: ['US'], hiddenKinds: [], markDisputed: false, markStyle: 'background', hoverDelay: 800 };
const rejection = { site: 'a.example', entity: 'zte', alias: 'ZTE', at: '2026-01-02' };

function setup(sync: FakeArea | undefined, local = fakeArea()) {
  const { tabs, tabState } = knownTabs();
  const prefs = sitePrefs({ local, tabState, today: () => '2026-03-04' });
  return { tabs, local, store: settingsStore({ storage: { sync, local }, dataset, prefs, tabState }) };
}

describe('where the settings are kept', () => {
  it('uses storage.sync when the browser offers it', async () => {
    const sync = fakeArea({ settings: custom });
    const { store } = setup(sync);
    expect(await store.read()).toEqual({ settings: custom, problems: [], area: 'sync' });
    await store.save(DEFAULT_SETTINGS);
    expect(sync.data.settings).toEqual(DEFAULT_SETTINGS);
  });
  it('uses storage.local when sync is missing or refused', async () => {
    const local = fakeArea({ settings: custom });
    expect((await setup(undefined, local).store.read()).area).toBe('local');
    const refused = fakeArea({ settings: DEFAULT_SETTINGS });
    refused.failGet = true;
    expect(await setup(refused, local).store.read()).toEqual({ settings: custom, problems: [], area: 'local' });
  });
  it('reads a corrupt value as the defaults and says what was wrong', async () => {
    const { store } = setup(fakeArea({ settings: { markStyle: '<img>', hoverDelay: 800 } }));
    const state = await store.state();
    expect(state.settings).toEqual({ ...DEFAULT_SETTINGS, hoverDelay: 800 });
    expect(state.problems).toEqual(['markStyle: not a valid value']);
    expect(state.choices).toEqual(filterChoices(dataset));
  });
  it('gives content scripts the entities the filters leave unmarked', async () => {
    const { store } = setup(fakeArea({ settings: custom }));
    expect(await store.contentSettings()).toEqual({ markStyle: 'background', hoverDelay: 800, hidden: hiddenEntities(dataset, custom) });
  });
});

describe('the settings file', () => {
  it('exports the settings with both per-site lists', async () => {
    const { store } = setup(fakeArea({ settings: custom }), fakeArea({ pausedSites: ['b.example'], rejected: [rejection] }));
    const file = parseSettingsFile(await store.exportText());
    expect(file).toEqual({ ok: true, file: { settings: custom, pausedSites: ['b.example'], rejected: [rejection] } });
  });
  it('imports all of it and tells every tab its site\'s state again', async () => {
    const sync = fakeArea();
    const { store, local, tabs } = setup(sync);
    const reply = await store.importText(settingsFileText({ settings: custom, pausedSites: ['a.example'], rejected: [rejection] }));
    expect(reply).toMatchObject({ ok: true, state: { settings: custom, pausedSites: ['a.example'], area: 'sync' } });
    expect(sync.data.settings).toEqual(custom);
    expect(local.data).toEqual({ pausedSites: ['a.example'], rejected: [rejection] });
    expect(tabs.sent).toEqual([
      [1, { type: 'paused', paused: true }], [1, { type: 'rejected', rejected: [{ entity: 'zte', alias: 'ZTE' }] }],
      [2, { type: 'paused', paused: false }], [2, { type: 'rejected', rejected: [] }],
      [3, { type: 'paused', paused: true }], [3, { type: 'rejected', rejected: [{ entity: 'zte', alias: 'ZTE' }] }],
    ]);
  });
  it('writes nothing from a bad file', async () => {
    const sync = fakeArea();
    const { store, local } = setup(sync);
    expect(await store.importText('{"format":"something else"}')).toEqual({ ok: false, error: 'not a company-context-settings file' });
    expect([sync.writes, local.writes]).toEqual([[], []]);
  });
  it('puts the settings back when the per-site lists cannot be stored', async () => {
    const sync = fakeArea({ settings: DEFAULT_SETTINGS });
    const local = fakeArea({ pausedSites: ['b.example'] });
    local.failSet = true;
    const { store, tabs } = setup(sync, local);
    const reply = await store.importText(settingsFileText({ settings: custom, pausedSites: [], rejected: [] }));
    expect(reply).toEqual({ ok: false, error: 'could not be saved' });
    expect(sync.data.settings).toEqual(DEFAULT_SETTINGS);
    expect(local.data).toEqual({ pausedSites: ['b.example'] });
    expect(tabs.sent).toEqual([]);
  });
});

describe('a change to the stored settings', () => {
  it('reaches every known tab, from the area in use only', async () => {
    const sync = fakeArea({ settings: custom });
    const { store, tabs } = setup(sync);
    const change = { settings: { newValue: custom } };
    await store.changed(change, 'local'); // not where the settings are kept
    await store.changed({ pausedSites: { newValue: [] } }, 'sync');
    await store.changed(change, 'session');
    expect(tabs.sent).toEqual([]);
    await store.changed(change, 'sync');
    const msg = { type: 'settings', settings: await store.contentSettings() };
    expect(tabs.sent).toEqual([[1, msg], [2, msg], [3, msg]]);
  });
});
