// The reader's settings: stored values read leniently, imported files strictly, filters applied.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { cardData } from '../../src/core/card-data.ts';
import {
  DEFAULT_SETTINGS, filterCard, filterChoices, hiddenEntities, parseSettings, parseSettingsFile, settingsFileText,
  type Settings, type SettingsFile,
} from '../../src/core/settings.ts';

const { dataset } = loadDataset('data');
const custom: Settings = { hiddenJurisdictions: ['CN', 'US'], hiddenKinds: ['export-control'], markDisputed: false, markStyle: 'background', hoverDelay: 800 };

describe('parseSettings (stored values)', () => {
  it('gives the defaults, silently, when nothing is stored', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });
  it('keeps every valid field', () => {
    expect(parseSettings(custom)).toEqual({ settings: custom, problems: [] });
  });
  it('falls back field by field and names each problem', () => {
    const { settings, problems } = parseSettings({ ...custom, markStyle: 'blink', hoverDelay: 10, hiddenKinds: ['nope'], extra: 1 });
    expect(settings).toEqual({ ...custom, markStyle: 'underline', hoverDelay: 500, hiddenKinds: [] });
    expect(problems).toEqual(['"extra": unknown setting', 'hiddenKinds: not a valid value', 'markStyle: not a valid value', 'hoverDelay: not a valid value']);
  });
  it.each([null, 42, 'underline', [], [custom]])('uses the defaults for a stored %j', (v) => {
    const { settings, problems } = parseSettings(v);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual(['settings: not an object']);
  });
  it('does not run getters or read inherited values', () => {
    let ran = false;
    const hostile = Object.create({ markStyle: 'none' }) as Record<string, unknown>;
    Object.defineProperty(hostile, 'hoverDelay', { enumerable: true, get: () => ((ran = true), 900) });
    const { settings, problems } = parseSettings(hostile);
    expect(ran).toBe(false);
    expect(settings.markStyle).toBe('underline');
    expect(settings.hoverDelay).toBe(500);
    expect(problems).toEqual(['hoverDelay: not a valid value']);
  });
  it('rejects lists with holes, non-strings, too many items, and lower-case jurisdictions', () => {
    for (const v of [[, 'US'], [1], Array(301).fill('US'), ['us'], 'US']) {
      expect(parseSettings({ hiddenJurisdictions: v }).problems).toEqual(['hiddenJurisdictions: not a valid value']);
    }
  });
  it('never returns the defaults object itself (callers may change what they get)', () => {
    const a = parseSettings(undefined).settings;
    a.hiddenJurisdictions.push('US');
    expect(parseSettings(undefined).settings.hiddenJurisdictions).toEqual([]);
  });
});

describe('settings file (export and import)', () => {
  const file: SettingsFile = {
    settings: custom,
    pausedSites: ['example.com', 'news.example.org'],
    rejected: [{ site: 'example.com', entity: 'hikvision', alias: 'Hikvision', at: '2026-11-30' }],
  };
  it('round-trips', () => {
    expect(parseSettingsFile(settingsFileText(file))).toEqual({ ok: true, file });
  });
  const bad: Array<[string, string, string]> = [
    ['not JSON', '{', 'not JSON'],
    ['another format', JSON.stringify({ format: 'x', version: 1 }), 'not a company-context-settings file'],
    ['a newer version', settingsFileText(file).replace('"version": 1', '"version": 2'), 'version: expected 1'],
    ['an unknown field', settingsFileText(file).replace('"version": 1,', '"version": 1, "evil": true,'), '"evil": unknown field'],
    ['a bad setting', settingsFileText({ ...file, settings: { ...custom, hoverDelay: 99999 } }), 'settings: hoverDelay: not a valid value'],
    ['an unknown setting', settingsFileText({ ...file, settings: { ...custom, x: 1 } as Settings }), 'settings: "x": unknown setting'],
    ['a bad site', settingsFileText({ ...file, pausedSites: ['Example.com/path'] }), 'pausedSites[0]: not a site'],
    ['a bad rejection', settingsFileText({ ...file, rejected: [{ ...file.rejected[0]!, entity: 'Not An Id' }] }), 'rejected[0].entity: not an entity id'],
    ['a bidi alias', settingsFileText({ ...file, rejected: [{ ...file.rejected[0]!, alias: 'a\u202Eb' }] }), 'rejected[0].alias: not a name'],
    ['a bad date', settingsFileText({ ...file, rejected: [{ ...file.rejected[0]!, at: 'yesterday' }] }), 'rejected[0].at: not a date'],
  ];
  it.each(bad)('rejects a file with %s, whole', (_, text, error) => {
    expect(parseSettingsFile(text)).toEqual({ ok: false, error });
  });
  it('rejects a file that is too big without parsing it', () => {
    expect(parseSettingsFile(' '.repeat(1_000_001))).toEqual({ ok: false, error: 'larger than 1000000 characters' });
  });
});

describe('filters', () => {
  it('hide nothing by default', () => {
    expect(hiddenEntities(dataset, DEFAULT_SETTINGS)).toEqual([]);
  });
  it('hide an entity whose every measure is filtered out, unless a dispute is to be marked', () => {
    const usOnly = dataset.entities.find((e) => e.claims.length === 0 && e.measures.length > 0 &&
      e.measures.every((m) => dataset.lists.find((l) => l.id === m.list)!.jurisdiction === 'US'))!;
    expect(usOnly).toBeDefined();
    const noUs: Settings = { ...DEFAULT_SETTINGS, hiddenJurisdictions: ['US'] };
    expect(hiddenEntities(dataset, noUs)).toContain(usOnly.id);
    const disputedUsOnly = dataset.entities.find((e) => e.claims.length > 0 &&
      e.measures.every((m) => dataset.lists.find((l) => l.id === m.list)!.jurisdiction === 'US'));
    if (disputedUsOnly) {
      expect(hiddenEntities(dataset, noUs)).not.toContain(disputedUsOnly.id);
      expect(hiddenEntities(dataset, { ...noUs, markDisputed: false })).toContain(disputedUsOnly.id);
    }
  });
  it('take a filtered jurisdiction and kind off the card, and count what they took', () => {
    const card = cardData(dataset, 'hikvision', '2026-12-01')!;
    expect(card.jurisdictions.map((j) => j.jurisdiction)).toContain('US');
    const filtered = filterCard(card, { ...DEFAULT_SETTINGS, hiddenJurisdictions: ['US'] });
    expect(filtered.jurisdictions.map((j) => j.jurisdiction)).not.toContain('US');
    expect(filtered.hiddenMeasures).toBe(card.jurisdictions.find((j) => j.jurisdiction === 'US')!.measures.length);
    const noExport = filterCard(card, { ...DEFAULT_SETTINGS, hiddenKinds: ['export-control'] });
    expect(noExport.jurisdictions.flatMap((j) => j.measures).some((m) => m.kind === 'export-control')).toBe(false);
    expect(filterCard(card, DEFAULT_SETTINGS)).toBe(card);
  });
  it('offer the jurisdictions and kinds the dataset has', () => {
    const { jurisdictions, kinds } = filterChoices(dataset);
    expect(jurisdictions).toEqual([...new Set(dataset.lists.map((l) => l.jurisdiction))].sort());
    expect(new Set(kinds)).toEqual(new Set(dataset.lists.map((l) => l.kind)));
  });
});

describe('hover delay (the machine takes the reader\'s delay)', async () => {
  const { hoverReducer, initialHover, DWELL_MS } = await import('../../src/content/hover-machine.ts');
  it('schedules the show timer at the delay given, the prepare timer unchanged', () => {
    const [, fx] = hoverReducer(initialHover, { type: 'pointer', over: { mention: 1 } }, 1200);
    expect(fx).toEqual([
      { type: 'schedule', timer: 'prepare', delay: DWELL_MS, token: 1 },
      { type: 'schedule', timer: 'show', delay: 1200, token: 1 },
    ]);
  });
});
