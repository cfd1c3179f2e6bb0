// What "at a glance" means for the seed article's Hikvision card, checked on what the card shows
// (read in our closed root, Chromium): the summary names every jurisdiction with a measure and
// the dispute count; every measure line and both claims with their answers are inside the card's
// box without scrolling it.
import { expect } from 'vitest';
import { loadDataset } from '../../../scripts/load-dataset.ts';

export interface Glance {
  scrollHeight: number;
  clientHeight: number;
  panel: { top: number; bottom: number };
  viewport: number;
  summary: Array<{ text: string; jurisdiction: string | null }>;
  lines: Array<{ kind: 'measure' | 'claim' | 'answer'; list: string | null; top: number; bottom: number }>;
}

const { dataset } = loadDataset('data');

/** The seed article's company, from the dataset itself: its jurisdictions, measures and claims. */
export function hikvision() {
  const e = dataset.entities.find((x) => x.id === 'hikvision')!;
  const lists = new Map(dataset.lists.map((l) => [l.id, l]));
  return { entity: e, jurisdictions: [...new Set(e.measures.map((m) => lists.get(m.list)!.jurisdiction))].sort() };
}

/**
 * What the English card must show at a glance for Hikvision, from the dataset: a summary chip per
 * jurisdiction ("US · 6 in force since 2018"; none is removed or a counter-measure here) and each
 * measure's line ("BIS · 2019").
 */
export function hikvisionGlance(): { chips: string[]; lines: string[] } {
  const { entity } = hikvision();
  const lists = new Map(dataset.lists.map((l) => [l.id, l]));
  const by = new Map<string, string[]>();
  for (const m of entity.measures) {
    const j = lists.get(m.list)!.jurisdiction;
    by.set(j, [...(by.get(j) ?? []), m.since.slice(0, 4)]);
  }
  const chips = [...by].map(([j, years]) => `${j} · ${years.length} in force since ${years.sort()[0]}`);
  const lines = entity.measures.map((m) => `${lists.get(m.list)!.authorityShort ?? lists.get(m.list)!.authority} · ${m.since.slice(0, 4)}`);
  return { chips, lines };
}

export function glanceChecks(g: Glance): void {
  const { entity, jurisdictions } = hikvision();
  expect([...new Set(g.summary.flatMap((p) => (p.jurisdiction ? [p.jurisdiction] : [])))].sort()).toEqual(jurisdictions);
  expect(g.summary.at(-1)!.text).toBe(`${entity.claims.length} disputed claims`);
  expect(g.summary[0]!.text).toBe('US · 6 in force since 2018');
  expect(g.lines.filter((l) => l.kind === 'measure').map((l) => l.list).sort()).toEqual(entity.measures.map((m) => m.list).sort());
  expect(g.lines.filter((l) => l.kind === 'claim')).toHaveLength(entity.claims.length);
  expect(g.lines.filter((l) => l.kind === 'answer')).toHaveLength(entity.claims.flatMap((c) => c.counterClaims).length);
  // No scrolling to read them: every summary, measure and dispute line is inside the card's box,
  // in the viewport, with the card scrolled to its top. (What follows them, related entities and
  // the dataset's date, may need the card's own scroll.)
  expect(g.panel.bottom).toBeLessThanOrEqual(g.viewport);
  for (const l of g.lines) {
    expect(l.top).toBeGreaterThanOrEqual(g.panel.top);
    expect(l.bottom).toBeLessThanOrEqual(g.panel.bottom);
  }
}
