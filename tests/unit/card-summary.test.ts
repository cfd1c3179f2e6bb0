// The card's summary line as facts, and the entity page's timeline as numbers.
import { describe, expect, it } from 'vitest';
import { cardSummary } from '../../src/core/card-summary.ts';
import type { CardMeasure } from '../../src/core/card.ts';
import { dayOf, LABEL, timelineModel, WIDTH } from '../../src/entity/timeline.ts';

const m = (since: string, extra: Partial<CardMeasure> = {}): CardMeasure => ({
  listId: 'l', listName: 'L', shortName: 'L', kind: 'export-control', authority: 'A', program: 'P', since, sinceMeaning: 'listed',
  dateNote: '', citation: { publisher: 'P', title: 'T' }, verification: 'v', listAsOf: '2026-01-01', ...extra,
});

describe('card summary', () => {
  it('counts per jurisdiction: in force since the earliest year, removed apart, counter-measures apart', () => {
    const s = cardSummary({
      jurisdictions: [
        { jurisdiction: 'US', measures: [m('2019-10-09'), m('2018-08'), m('2010', { removed: '2016-01-16' })] },
        { jurisdiction: 'CN', measures: [m('2022', { kind: 'counter-sanctions' }), m('2023', { kind: 'procurement-ban' })] },
        { jurisdiction: 'EU', measures: [m('2014', { removed: '2016' })] },
      ],
      claims: [{ id: 'c', text: 't', by: 'b', date: '2020', source: { publisher: 'p', title: 't' }, counterClaims: [] }],
    });
    expect(s).toEqual({
      parts: [
        { jurisdiction: 'US', counter: false, inForce: 2, removed: 1, sinceYear: '2018' },
        { jurisdiction: 'CN', counter: false, inForce: 1, removed: 0, sinceYear: '2023' },
        { jurisdiction: 'CN', counter: true, inForce: 1, removed: 0, sinceYear: '2022' },
        { jurisdiction: 'EU', counter: false, inForce: 0, removed: 1 },
      ],
      claims: 1,
    });
    expect(cardSummary({ jurisdictions: [], claims: [] })).toEqual({ parts: [], claims: 0 });
  });
});

describe('timeline model', () => {
  const claim = { id: 'c', text: 't', by: 'b', date: '2024-10', source: { publisher: 'p', title: 't' }, counterClaims: [{ by: 'x', text: 'a', date: '2024-10', source: { publisher: 'p', title: 't' } }] };
  const model = timelineModel({
    jurisdictions: [{ jurisdiction: 'US', measures: [m('2018-08-13'), m('2020', { removed: '2022-01-01' })] }, { jurisdiction: 'EU', measures: [m('2022-03-15')] }],
    claims: [claim],
  }, '2026-01-01');

  it('draws a lane per jurisdiction and one for the claims, a bar per measure from its date to removal or today', () => {
    expect(model.lanes.map((l) => l.jurisdiction)).toEqual(['US', 'EU', null]);
    expect(model.bars).toHaveLength(3);
    const [ndaa, removed, eu] = model.bars;
    expect(ndaa!.x).toBeCloseTo(LABEL + ((dayOf('2018-08-13') - dayOf('2018')) / (dayOf('2026-01-01') - dayOf('2018'))) * (WIDTH - LABEL - 8));
    expect(ndaa!.x + ndaa!.width).toBeCloseTo(model.todayX);
    expect(removed!.to).toBe('2022-01-01');
    expect(removed!.x + removed!.width).toBeLessThan(model.todayX);
    expect(eu!.y).toBeGreaterThan(removed!.y);
    expect(model.ticks.map((k) => k.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('puts a claim and its answer on one row, the answer beside it when on the same day', () => {
    const [c, a] = model.points;
    expect([c!.kind, a!.kind]).toEqual(['claim', 'answer']);
    expect(a!.y).toBe(c!.y);
    expect(a!.x).toBeGreaterThan(c!.x);
    expect(c!.y).toBeGreaterThan(model.lanes[2]!.y);
  });
});
