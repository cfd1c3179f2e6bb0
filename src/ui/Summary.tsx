// The card's first line: per jurisdiction "US · 6 in force since 2018", removed measures apart,
// counter-measures apart ("CN counter-measure · 1"), then "2 disputed claims"; or "No listing in
// this dataset." The facts come from src/core/card-summary.ts.
import type { CardSummary, SummaryPart } from '../core/card-summary.ts';
import { placeName } from './format.ts';
import { plural, regionShort, t } from './i18n.ts';

function partText(p: SummaryPart): string {
  const where = p.counter ? t('summary_counter', regionShort(p.jurisdiction)) : regionShort(p.jurisdiction);
  const counts = [
    ...(p.inForce > 0 ? [plural('summary_in_force', p.inForce, p.sinceYear ?? '')] : []),
    ...(p.removed > 0 ? [plural('summary_removed', p.removed)] : []),
  ];
  return [where, ...counts].join(' · ');
}

export function Summary({ summary }: { summary: CardSummary }) {
  const none = summary.parts.length === 0;
  return (
    <ul class="summary" data-summary>
      {none ? <li class="part none">{t('card_no_listing')}</li> : null}
      {summary.parts.map((p) => (
        <li
          class={p.inForce > 0 ? 'part' : 'part gone'}
          key={`${p.jurisdiction}-${p.counter}`}
          data-jurisdiction={p.jurisdiction}
          title={placeName(p.jurisdiction)}
        >
          {partText(p)}
        </li>
      ))}
      {summary.claims > 0 ? <li class="part claims">{plural('summary_claims', summary.claims)}</li> : null}
    </ul>
  );
}
