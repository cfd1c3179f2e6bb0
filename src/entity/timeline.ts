// The entity page's timeline as numbers, from the card data alone (no DOM): one lane per
// jurisdiction, each measure a bar from its date to its removal or to today, each on a row of its
// own; a last lane for the disputed claims, each claim a point with its answers as points on the
// same row. Partial dates ("2021-06", "2019") count from their first day. Drawn by Timeline.tsx.
import type { CardData, CardMeasure } from '../core/card.ts';
import type { Claim } from '../core/dataset.ts';

export const WIDTH = 720;
export const LABEL = 48;
export const ROW = 18;
export const LANE_PAD = 6;
export const AXIS = 22;

export interface Bar {
  jurisdiction: string;
  /** Index in the jurisdiction's measures (the entity page's anchor: measureAnchor). */
  index: number;
  measure: CardMeasure;
  x: number;
  width: number;
  y: number;
  from: string;
  /** The removal date, or absent: in force, drawn to today. */
  to?: string;
}

export interface Point {
  kind: 'claim' | 'answer';
  claim: Claim;
  by: string;
  date: string;
  text: string;
  x: number;
  y: number;
}

export interface Lane {
  /** A jurisdiction's code, or null for the disputed claims. */
  jurisdiction: string | null;
  y: number;
  height: number;
}

export interface TimelineModel {
  lanes: Lane[];
  bars: Bar[];
  points: Point[];
  ticks: Array<{ year: number; x: number }>;
  todayX: number;
  height: number;
}

/** Milliseconds since the epoch of a partial date's first day (UTC). */
export function dayOf(date: string): number {
  const [y, m = '01', d = '01'] = date.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

export function timelineModel(card: Pick<CardData, 'jurisdictions' | 'claims'>, today: string): TimelineModel {
  const dates = [
    ...card.jurisdictions.flatMap((j) => j.measures.flatMap((m) => [m.since, ...(m.removed ? [m.removed] : [])])),
    ...card.claims.flatMap((c) => [c.date, ...c.counterClaims.map((cc) => cc.date)]),
  ];
  const first = dates.length > 0 ? Math.min(...dates.map((d) => Number(d.slice(0, 4)))) : Number(today.slice(0, 4));
  const start = Date.UTC(first, 0, 1);
  const end = Math.max(dayOf(today), start + 86_400_000);
  const x = (date: string) => LABEL + ((Math.min(dayOf(date), end) - start) / (end - start)) * (WIDTH - LABEL - 8);
  const lanes: Lane[] = [];
  const bars: Bar[] = [];
  const points: Point[] = [];
  let y = 0;
  for (const j of card.jurisdictions) {
    const height = j.measures.length * ROW + LANE_PAD * 2;
    lanes.push({ jurisdiction: j.jurisdiction, y, height });
    j.measures.forEach((m, i) => {
      const x0 = x(m.since);
      const x1 = x(m.removed ?? today);
      const bar: Bar = { jurisdiction: j.jurisdiction, index: i, measure: m, x: x0, width: Math.max(x1 - x0, 3), y: y + LANE_PAD + i * ROW, from: m.since };
      if (m.removed) bar.to = m.removed;
      bars.push(bar);
    });
    y += height;
  }
  if (card.claims.length > 0) {
    const height = card.claims.length * ROW + LANE_PAD * 2;
    lanes.push({ jurisdiction: null, y, height });
    card.claims.forEach((c, i) => {
      const row = y + LANE_PAD + i * ROW + ROW / 2;
      points.push({ kind: 'claim', claim: c, by: c.by, date: c.date, text: c.text, x: x(c.date), y: row });
      // An answer on the claim's own day would hide under it: a little to the right.
      for (const cc of c.counterClaims) points.push({ kind: 'answer', claim: c, by: cc.by, date: cc.date, text: cc.text, x: Math.max(x(cc.date), x(c.date) + 14), y: row });
    });
    y += height;
  }
  const years = Number(today.slice(0, 4)) - first + 1;
  const step = years > 24 ? 5 : years > 12 ? 2 : 1;
  const ticks: TimelineModel['ticks'] = [];
  for (let year = first; year <= Number(today.slice(0, 4)); year += step) ticks.push({ year, x: x(`${year}`) });
  return { lanes, bars, points, ticks, todayX: x(today), height: y + AXIS };
}
