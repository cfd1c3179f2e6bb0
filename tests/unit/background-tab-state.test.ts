// The background's per-tab state with fake browser APIs: records kept per frame under the page's
// site, serialised updates, the badge, closed tabs, and messages to every tab we know.
import { describe, expect, it } from 'vitest';
import { parseTabRecord, tabIdOf, tabStore } from '../../src/background/tab-state.ts';
import { fakeAction, fakeArea, fakeTabs } from './background-fakes.ts';

const KNOWN = new Set(['huawei', 'zte', 'anhui-sun-create']);
const cards = {
  isKnown: (id: string) => KNOWN.has(id),
  countsOnBadge: (id: string) => id !== 'anhui-sun-create', // none in force
  company: (id: string, frameId: number) => (KNOWN.has(id) ? { id, frameId, name: id.toUpperCase(), status: 's', inForce: true } : null),
};

function setup(session = fakeArea(), without: number[] = []) {
  const tabs = fakeTabs(without);
  const action = fakeAction();
  const store = tabStore({
    session, tabs, action, cards,
    isPaused: async (site) => site === 'paused.example',
    helloReply: async (site) => ({ paused: site === 'paused.example', rejected: [] }),
  });
  return { session, tabs, action, store };
}

describe('stored tab records', () => {
  it('parses a record, and drops what is not one', () => {
    expect(parseTabRecord({ site: 'a.example', frames: { 0: ['huawei'], 3: ['zte', 7] } })).toEqual({ site: 'a.example', frames: { 0: ['huawei'], 3: ['zte'] } });
    expect(parseTabRecord({ site: 'a.example' })).toEqual({ site: 'a.example', frames: {} });
    expect(parseTabRecord({ site: 'a.example', frames: { 0: 'huawei' } })).toEqual({ site: 'a.example', frames: { 0: [] } });
    for (const bad of [null, undefined, 'a.example', [], { site: 7, frames: {} }, { frames: {} }]) expect(parseTabRecord(bad)).toBeNull();
  });
  it('reads tab ids from session keys only', () => {
    expect(tabIdOf('tab:12')).toBe(12);
    for (const key of ['tab:', 'tab:x', 'tab:-1', 'tab:1.5', 'pausedSites', 'xtab:1']) expect(tabIdOf(key)).toBeNull();
  });
});

describe('reports from frames', () => {
  it('keeps the companies each frame names under the page\'s site, and sets the badge', async () => {
    const { store, session, action } = setup();
    expect(await store.record(4, 0, 'https://www.news.example/a', null)).toEqual({ paused: false, rejected: [] });
    expect(await store.record(4, 0, 'https://www.news.example/a', ['huawei', 'nobody', 'anhui-sun-create'])).toBeNull();
    // An iframe from another origin counts under the page's site.
    await store.record(4, 5, 'https://ads.example/frame', ['zte']);
    expect(session.data['tab:4']).toEqual({ site: 'news.example', frames: { 0: ['huawei', 'anhui-sun-create'], 5: ['zte'] } });
    expect(action.text.get(4)).toBe('2');
    expect(await store.record(4, 5, 'https://ads.example/frame', null)).toEqual({ paused: false, rejected: [] });
  });
  it('starts afresh on a new page in the top frame, and an empty report removes the frame', async () => {
    const { store, session, action } = setup();
    await store.record(4, 0, 'https://a.example/', ['huawei']);
    await store.record(4, 2, 'https://a.example/f', ['zte']);
    await store.record(4, 2, 'https://a.example/f', []);
    expect(session.data['tab:4']).toEqual({ site: 'a.example', frames: { 0: ['huawei'] } });
    await store.record(4, 0, 'https://b.example/', null);
    expect(session.data['tab:4']).toEqual({ site: 'b.example', frames: {} });
    expect(action.text.get(4)).toBe('');
  });
  it('ignores pages that are not on the web', async () => {
    const { store, session } = setup();
    expect(await store.record(4, 0, 'chrome://settings/', null)).toBeNull();
    expect(await store.record(4, 0, 'about:blank', ['huawei'])).toBeNull();
    expect(session.data).toEqual({});
  });
  it('loses no frame\'s report when frames report at once', async () => {
    const { store, session } = setup();
    await store.record(4, 0, 'https://a.example/', null);
    await Promise.all([1, 2, 3, 4, 5, 6].map((f) => store.record(4, f, 'https://a.example/f', [f % 2 ? 'huawei' : 'zte'])));
    expect(Object.keys(parseTabRecord(session.data['tab:4'])!.frames).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  });
  it('forgets a closed tab, and a report arriving after does not bring it back', async () => {
    const { store, session } = setup();
    await store.record(4, 0, 'https://a.example/', ['huawei']);
    const late = store.record(4, 0, 'https://a.example/', []); // queued before the close
    await store.forget(4);
    await late;
    expect(await store.record(4, 0, 'https://a.example/', [])).toBeNull();
    expect(session.data).toEqual({});
  });
});

describe('the popup\'s view of a tab', () => {
  it('is inactive before a content script reported', async () => {
    expect(await setup().store.state(9)).toEqual({ active: false, site: '', paused: false, companies: [] });
  });
  it('lists the companies the dataset still has, with the frame naming each first', async () => {
    const { store } = setup(fakeArea({ 'tab:4': { site: 'paused.example', frames: { 3: ['zte'], 0: ['huawei', 'gone'] } } }));
    expect(await store.state(4)).toEqual({
      active: true, site: 'paused.example', paused: true,
      companies: [cards.company('huawei', 0), cards.company('zte', 3)],
    });
  });
});

describe('messages to every known tab', () => {
  it('sends each tab what `pick` gives for its record, skipping other keys, corrupt records and tabs without our script', async () => {
    const session = fakeArea({
      'tab:1': { site: 'a.example', frames: {} },
      'tab:2': { site: 'b.example', frames: {} },
      'tab:3': { site: 'a.example', frames: {} },
      'tab:4': 'corrupt',
      pausedSites: ['a.example'],
    });
    const { store, tabs } = setup(session, [1]);
    await store.tellEach((rec) => (rec.site === 'a.example' ? [{ n: 1 }, { n: 2 }] : [{ n: 3 }]));
    expect(tabs.sent).toEqual([[2, { n: 3 }], [3, { n: 1 }], [3, { n: 2 }]]);
    await expect(store.tell(1, { n: 4 })).resolves.toBeUndefined();
  });
});
