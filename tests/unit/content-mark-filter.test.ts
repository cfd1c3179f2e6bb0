// @vitest-environment jsdom
// One filter for what the page leaves unmarked: aliases rejected on the site ("Not this company")
// and entities the reader's settings hide. A scan skips both; a change drops both at once; taking
// one off the list says so, for the page to rescan.
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { Highlights } from '../../src/content/highlights.ts';
import { MarkFilter } from '../../src/content/mark-filter.ts';
import { Mentions } from '../../src/content/mentions.ts';

beforeAll(() => {
  (globalThis as unknown as { Highlight: unknown }).Highlight = class extends Set<AbstractRange> { priority = 0; };
});

const matcher = () => new Matcher({ entities: ['hikvision', 'huawei'], names: [['hikvision', 0, 0, 'Hikvision'], ['huawei', 1, 0, 'Huawei'], ['huawei technologies', 1, 0, 'Huawei Technologies']] });
const texts = (m: Mentions) => m.inPageOrder().map((x) => x.text);

function scanned(filter: MarkFilter): Mentions {
  document.body.innerHTML = '<p>Huawei and Hikvision; Huawei Technologies too.</p>'; // test fixture only
  const m = new Mentions(matcher(), () => null, filter, new Highlights());
  for (const step of m.scan(document.body)) void step;
  return m;
}

describe('MarkFilter', () => {
  it('a rejected alias leaves only that alias of that entity unmarked; a hidden entity, all of its aliases', () => {
    const f = new MarkFilter();
    f.setRejected([{ entity: 'huawei', alias: 'Huawei' }]);
    expect([f.excludes('huawei', 'Huawei'), f.excludes('huawei', 'Huawei Technologies'), f.excludes('hikvision', 'Huawei')]).toEqual([true, false, false]);
    f.setHiddenEntities(['hikvision']);
    expect([f.excludes('hikvision', 'Hikvision'), f.excludes('huawei', 'Huawei Technologies')]).toEqual([true, false]);
  });

  it('says when something was taken off either list, not when one was added', () => {
    const f = new MarkFilter();
    expect(f.setRejected([{ entity: 'huawei', alias: 'Huawei' }])).toBe(false);
    expect(f.setRejected([])).toBe(true);
    expect(f.setHiddenEntities(['hikvision', 'huawei'])).toBe(false);
    expect(f.setHiddenEntities(['huawei'])).toBe(true);
  });

  it('a scan skips what it excludes, and the store drops what it comes to exclude', () => {
    const f = new MarkFilter();
    f.setRejected([{ entity: 'huawei', alias: 'Huawei' }]);
    const m = scanned(f);
    expect(texts(m)).toEqual(['Hikvision', 'Huawei Technologies']);
    f.setHiddenEntities(['hikvision']);
    m.dropExcluded();
    expect(texts(m)).toEqual(['Huawei Technologies']);
    expect(m.entities()).toEqual(['huawei']);
  });
});
