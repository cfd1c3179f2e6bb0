// What the background says about a company, from the curated dataset plus a small official bundle:
// which ids it knows and counts, cards filtered or whole, the popup's lines, and search.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { datasetCards } from '../../src/background/cards.ts';
import type { EntityStatus } from '../../src/core/card.ts';
import { cardData } from '../../src/core/card-data.ts';
import type { OfficialBundle } from '../../src/core/official-card.ts';
import { DEFAULT_SETTINGS, filterCard } from '../../src/core/settings.ts';

const { dataset } = loadDataset('data');
const TODAY = '2026-03-04';
const record = { list: 'us-ofac-sdn', programs: ['X'], listedAs: 'ACME LTD', dates: [], ref: 'r1', asOf: '2026-01-01', asOfBasis: 'stated' as const };
const official: OfficialBundle = {
  entities: [{ id: 'official-acme', name: 'Acme Ltd' }],
  records: { 'official-acme': [record, { ...record, list: 'gb-ofsi', ref: 'r2' }, { ...record, ref: 'r3' }], huawei: [record] },
};
// The status line is the interface's (browser.i18n); here, a plain form of its input.
const statusText = (s: EntityStatus) => `${s.inForce}:${s.jurisdictions.join(',')}:${s.removedEarlier}`;
const cards = datasetCards({ dataset, official, today: () => TODAY, statusText });

describe('which companies', () => {
  it('knows curated and official ids, and opens pages for curated ones only', () => {
    expect(['huawei', 'official-acme', 'nobody'].map(cards.isKnown)).toEqual([true, true, false]);
    expect(['huawei', 'official-acme'].map(cards.hasPage)).toEqual([true, false]);
  });
  it('counts on the badge a company with a measure in force, and every official one', () => {
    expect(['huawei', 'anhui-sun-create', 'amazon', 'official-acme', 'nobody'].map(cards.countsOnBadge)).toEqual([true, false, false, true, false]);
  });
  it('accepts a rejection only of an alias the dataset gives that entity', () => {
    expect(cards.hasAlias('huawei', 'Huawei Technologies')).toBe(true);
    expect(cards.hasAlias('huawei', 'huawei technologies')).toBe(false);
    expect(cards.hasAlias('zte', 'Huawei')).toBe(false);
    expect(cards.hasAlias('official-acme', 'Acme Ltd')).toBe(false);
  });
});

describe('cards', () => {
  it('gives the hover card as the reader\'s filters show it, with official records attached', () => {
    const hideUs = { ...DEFAULT_SETTINGS, hiddenJurisdictions: ['US'] };
    const card = cards.card('huawei', hideUs)!;
    expect(card).toEqual(filterCard({ ...cardData(dataset, 'huawei', TODAY)!, official: [record] }, hideUs));
    expect(card.hiddenMeasures).toBeGreaterThan(0);
    expect(cards.card('official-acme', DEFAULT_SETTINGS)).toMatchObject({ id: 'official-acme', name: 'Acme Ltd', imported: true });
    expect(cards.card('nobody', DEFAULT_SETTINGS)).toBeNull();
  });
  it('gives the entity page the whole card with every alias', () => {
    const entity = cards.entity('zte')!;
    expect(entity.aliases).toEqual(dataset.entities.find((e) => e.id === 'zte')!.aliases);
    expect(entity.hiddenMeasures).toBeUndefined();
    expect(cards.entity('official-acme')?.aliases).toEqual([]);
    expect(cards.entity('nobody')).toBeNull();
  });
});

describe('the popup\'s lines', () => {
  it('names a curated company with its status, and an official one by its lists', () => {
    expect(cards.company('anhui-sun-create', 3)).toMatchObject({ id: 'anhui-sun-create', frameId: 3, inForce: false });
    expect(cards.company('huawei', 0)).toMatchObject({ name: 'Huawei', inForce: true, status: expect.stringMatching(/^[1-9]\d*:/) });
    expect(cards.company('official-acme', 2)).toEqual({ id: 'official-acme', frameId: 2, name: 'Acme Ltd', status: '2:us-ofac-sdn,gb-ofsi:false', inForce: true });
    expect(cards.company('nobody', 0)).toBeNull();
  });
});

describe('search', () => {
  it('finds a company by an alias, at most 20 hits', () => {
    expect(cards.search('Hikvision')[0]?.id).toBe('hikvision');
    expect(cards.search('a').length).toBeLessThanOrEqual(20);
  });
});
