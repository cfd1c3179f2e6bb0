// Display helpers shared by the card, the popup and the entity page. Text only, never markup.
import type { DateMeaning } from '../core/dataset.ts';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** "US" → "United States"; "EU", "UN" are known region codes too. */
export function placeName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

const MEANING: Record<DateMeaning, string> = {
  listed: 'date added to the list',
  effective: 'date the measure took effect',
  designated: 'date of designation',
  announced: 'date announced',
  enacted: 'date the law was enacted',
};

export function dateMeaning(m: DateMeaning): string {
  return MEANING[m];
}

export function citationText(c: { publisher: string; title: string; date?: string; ref?: string }): string {
  return [c.ref, c.publisher, `“${c.title}”`, c.date].filter(Boolean).join(', ');
}
