// The card's first line as facts: per jurisdiction, how many measures are in force and since when,
// how many were removed; a jurisdiction's counter-measures (China's, Russia's answers to Western
// sanctions) counted apart from its other measures; and how many claims are disputed. The
// interface words it (src/ui/Summary.tsx); nothing here is a score or a verdict.
import type { CardData, CardMeasure } from './card.ts';

export interface SummaryPart {
  jurisdiction: string;
  /** Counter-measures (kind `counter-sanctions`), counted apart from the jurisdiction's other measures. */
  counter: boolean;
  inForce: number;
  removed: number;
  /** Year of the earliest measure in force ("2018"); absent when none is in force. */
  sinceYear?: string;
}

export interface CardSummary {
  parts: SummaryPart[];
  claims: number;
}

const isCounter = (m: CardMeasure) => m.kind === 'counter-sanctions';

/** In the card's order of jurisdictions (most measures first); a jurisdiction's own measures before its counter-measures. */
export function cardSummary(card: Pick<CardData, 'jurisdictions' | 'claims'>): CardSummary {
  const parts: SummaryPart[] = [];
  for (const j of card.jurisdictions) {
    for (const counter of [false, true]) {
      const measures = j.measures.filter((m) => isCounter(m) === counter);
      if (measures.length === 0) continue;
      const inForce = measures.filter((m) => m.removed === undefined);
      const part: SummaryPart = { jurisdiction: j.jurisdiction, counter, inForce: inForce.length, removed: measures.length - inForce.length };
      const first = inForce.map((m) => m.since.slice(0, 4)).sort()[0];
      if (first) part.sinceYear = first;
      parts.push(part);
    }
  }
  return { parts, claims: card.claims.length };
}
