// Paused sites and "Not this company" entries with fake browser APIs: stored values parsed on
// read, each change stored and told to the open tabs it concerns.
import { describe, expect, it } from 'vitest';
import { parseRejections, sitePrefs } from '../../src/background/site-prefs.ts';
import { fakeArea, knownTabs } from './background-fakes.ts';

const r = (site: string, entity: string, alias: string, at = '2026-01-02') => ({ site, entity, alias, at });

function setup(local: Record<string, unknown> = {}) {
  const { tabs, tabState } = knownTabs();
  const area = fakeArea(local);
  return { local: area, tabs, prefs: sitePrefs({ local: area, tabState, today: () => '2026-03-04' }) };
}

describe('stored values', () => {
  it('keeps the entries that are rejections and drops the rest', () => {
    const good = r('a.example', 'huawei', 'Huawei');
    expect(parseRejections([good, null, 'x', { ...good, at: 5 }, { site: 'a.example', entity: 'zte' }, { ...good, extra: 1 }])).toEqual([good, good]);
    for (const bad of [undefined, null, 'x', { 0: good }]) expect(parseRejections(bad)).toEqual([]);
  });
  it('reads paused sites and rejections leniently', async () => {
    const { prefs } = setup({ pausedSites: ['a.example', 7, null, 'b.example'], rejected: [r('a.example', 'zte', 'ZTE'), 'junk'] });
    expect(await prefs.pausedSites()).toEqual(['a.example', 'b.example']);
    expect(await prefs.rejections()).toEqual([r('a.example', 'zte', 'ZTE')]);
    expect(await setup({ pausedSites: 'a.example', rejected: {} }).prefs.helloReply('a.example')).toEqual({ paused: false, rejected: [] });
  });
  it('answers a frame\'s hello with its site\'s paused state and rejected aliases', async () => {
    const { prefs } = setup({ pausedSites: ['a.example'], rejected: [r('a.example', 'zte', 'ZTE'), r('b.example', 'huawei', 'Huawei')] });
    expect(await prefs.helloReply('a.example')).toEqual({ paused: true, rejected: [{ entity: 'zte', alias: 'ZTE' }] });
    expect(await prefs.isPaused('b.example')).toBe(false);
  });
});

describe('Not this company', () => {
  it('stores a rejection once, dated today, and tells the site\'s tabs only', async () => {
    const { prefs, local, tabs } = setup({ rejected: [r('a.example', 'zte', 'ZTE', '2025-01-01'), r('b.example', 'zte', 'ZTE')] });
    const msg = { type: 'rejected', rejected: [{ entity: 'zte', alias: 'ZTE' }] };
    expect(await prefs.reject('a.example', 'zte', 'ZTE')).toEqual([{ entity: 'zte', alias: 'ZTE' }]);
    expect(local.data.rejected).toEqual([r('b.example', 'zte', 'ZTE'), r('a.example', 'zte', 'ZTE', '2026-03-04')]);
    expect(tabs.sent).toEqual([[1, msg], [3, msg]]);
  });
  it('undoes a rejection and tells the site\'s tabs', async () => {
    const { prefs, local, tabs } = setup({ rejected: [r('a.example', 'zte', 'ZTE'), r('b.example', 'zte', 'ZTE')] });
    expect(await prefs.unreject('a.example', 'zte', 'ZTE')).toEqual([r('b.example', 'zte', 'ZTE')]);
    expect(local.data.rejected).toEqual([r('b.example', 'zte', 'ZTE')]);
    expect(tabs.sent).toEqual([[1, { type: 'rejected', rejected: [] }], [3, { type: 'rejected', rejected: [] }]]);
  });
});

describe('pausing', () => {
  it('pauses and resumes a tab\'s site, sorted, and tells that tab', async () => {
    const { prefs, local, tabs } = setup({ pausedSites: ['z.example'] });
    await prefs.setPaused(2, true);
    expect(local.data.pausedSites).toEqual(['b.example', 'z.example']);
    await prefs.setPaused(2, false);
    expect(local.data.pausedSites).toEqual(['z.example']);
    expect(tabs.sent).toEqual([[2, { type: 'paused', paused: true }], [2, { type: 'paused', paused: false }]]);
  });
  it('does nothing for a tab it has no record of', async () => {
    const { prefs, local, tabs } = setup();
    await prefs.setPaused(9, true);
    expect(local.writes).toEqual([]);
    expect(tabs.sent).toEqual([]);
  });
  it('resumes a site from the options page and tells every tab its state again', async () => {
    const { prefs, local, tabs } = setup({ pausedSites: ['a.example', 'b.example'], rejected: [r('b.example', 'zte', 'ZTE')] });
    await prefs.unpause('a.example');
    expect(local.data.pausedSites).toEqual(['b.example']);
    expect(tabs.sent).toEqual([
      [1, { type: 'paused', paused: false }], [1, { type: 'rejected', rejected: [] }],
      [2, { type: 'paused', paused: true }], [2, { type: 'rejected', rejected: [{ entity: 'zte', alias: 'ZTE' }] }],
      [3, { type: 'paused', paused: false }], [3, { type: 'rejected', rejected: [] }],
    ]);
  });
  it('replaces both lists in one write', async () => {
    const { prefs, local } = setup({ pausedSites: ['a.example'] });
    await prefs.replace({ pausedSites: ['c.example'], rejected: [r('c.example', 'zte', 'ZTE')] });
    expect(local.writes).toEqual([{ pausedSites: ['c.example'], rejected: [r('c.example', 'zte', 'ZTE')] }]);
  });
});
