// The card reply's parser: every card the background can send passes it (as Chrome's JSON and
// Firefox's structured clone deliver it), and a card with any field missing, mistyped or added does not.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { cardData } from '../../src/core/card-data.ts';
import { parseCardReply, type CardData } from '../../src/core/card.ts';
import { officialCard, withOfficial, withOfficialRecords } from '../../src/core/official-card.ts';
import type { OfficialRecord } from '../../src/core/official.ts';
import { compileNameIndex } from '../../src/core/name-index.ts';
import { filterCard, parseSettings } from '../../src/core/settings.ts';

const { dataset } = loadDataset('data');
const today = '2099-01-01'; // a stale dataset: every card has `staleDays`
const cards = dataset.entities.map((e) => cardData(dataset, e.id, today)!);
const record = (over: Partial<OfficialRecord>): OfficialRecord => ({
  list: 'Entity List (EL) - Bureau of Industry and Security', programs: ['EAR'], name: 'Rosoboronexportix Holding', aliases: [],
  dates: [{ date: '2021-12-17', meaning: 'listed', label: 'start_date' }], ref: 'CSL _id 1', file: 'csl.csv', at: '2',
  asOf: null, asOfBasis: 'unknown', ...over,
});
const { bundle } = withOfficial(dataset, compileNameIndex(dataset), [record({}), record({ entity: cards[0]!.id, ref: 'CSL _id 2' })]);

describe('parseCardReply', () => {
  it('takes every card the background sends, unchanged', () => {
    const hideAll = parseSettings({ hiddenKinds: ['sanctions', 'export-control'], hiddenJurisdictions: ['US'] }).settings;
    const all: CardData[] = [
      ...cards, ...cards.map((c) => filterCard(c, hideAll)), withOfficialRecords(cards[0]!, bundle), officialCard(bundle, bundle.entities[0]!.id, dataset.asOf)!,
    ];
    expect(all.some((c) => c.hiddenMeasures !== undefined && c.official === undefined)).toBe(true);
    expect(all.filter((c) => c.official !== undefined)).toHaveLength(2);
    for (const c of all) {
      for (const sent of [c, JSON.parse(JSON.stringify(c)) as unknown, structuredClone(c)]) expect(parseCardReply(sent), c.id).toEqual(c);
    }
    expect(parseCardReply(null)).toBeNull();
  });

  const card = cards.find((c) => c.jurisdictions.length > 0 && c.claims.length > 0 && c.related.length > 0) ?? cards[0]!;
  const measure = card.jurisdictions[0]!.measures[0]!;
  it.each<[string, unknown]>([
    ['an array', [card]],
    ['no id', { ...card, id: undefined }],
    ['an id that is no entity id', { ...card, id: '../x' }],
    ['an unknown field', { ...card, html: '<b>x</b>' }],
    ['a kind we do not have', { ...card, kind: 'person' }],
    ['claims that are no list', { ...card, claims: {} }],
    ['a measure without its citation', { ...card, jurisdictions: [{ jurisdiction: 'US', measures: [{ ...measure, citation: undefined }] }] }],
    ['a measure with an unknown kind', { ...card, jurisdictions: [{ jurisdiction: 'US', measures: [{ ...measure, kind: 'x' }] }] }],
    ['a hole in a list', { ...card, listsAsOf: [, { name: 'x', asOf: 'y' }] }],
    ['a related entity without its status', { ...card, related: [{ type: 'parent', id: 'a', name: 'A' }] }],
    ['a negative count', { ...card, hiddenMeasures: -1 }],
    ['official records that are no list', { ...card, official: 'x' }],
    ['imported: false', { ...card, imported: false }],
  ])('refuses a card with %s', (_, x) => {
    expect(parseCardReply(x)).toBeNull();
  });
});
