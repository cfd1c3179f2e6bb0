// The entity page's timeline, drawn by our own code as SVG (preact elements; no chart library):
// one lane per jurisdiction, each measure a bar from its date to its removal or to today, the
// disputed claims and their answers as dated points. Each bar and point is a link to its entry
// below; hovering or focusing it shows it under the picture. A table beside it says the same in
// text, for screen readers and for anyone who would rather read than look.
import { useState } from 'preact/hooks';
import type { CardData } from '../core/card.ts';
import { placeName, shortListName } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { measureAnchor } from '../ui/Measures.tsx';
import { trusted } from '../ui/parts.tsx';
import { AXIS, type Bar, type Point, timelineModel, WIDTH } from './timeline.ts';

export const claimAnchor = (id: string) => `claim-${id}`;

const barLabel = (b: Bar) =>
  t('entity_bar_label', shortListName(b.measure), b.measure.authorityShort ?? b.measure.authority, b.from, b.to ?? t('entity_until_today'));
const pointLabel = (p: Point) => (p.kind === 'claim' ? t('entity_point_claim', p.by, p.date) : t('entity_point_answer', p.by, p.date));

function Detail({ active }: { active: Bar | Point | null }) {
  if (!active) return <p class="timeline-detail muted">{t('entity_timeline_hint')}</p>;
  if ('measure' in active) {
    return (
      <p class="timeline-detail">
        <strong>{barLabel(active)}</strong> — {active.measure.listName} · {active.to ? t('card_removed_plain', active.to) : t('card_in_force')}
      </p>
    );
  }
  return (
    <p class="timeline-detail">
      <strong>{pointLabel(active)}</strong> — {active.text}
    </p>
  );
}

function Table({ card }: { card: CardData }) {
  const group = (title: string) => (
    <tr class="group">
      <th colSpan={3} scope="colgroup">{title}</th>
    </tr>
  );
  return (
    <table class="timeline-table">
      <caption>{t('entity_timeline_table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('entity_col_what')}</th>
          <th scope="col">{t('entity_col_from')}</th>
          <th scope="col">{t('entity_col_to')}</th>
        </tr>
      </thead>
      {card.jurisdictions.map((j) => (
        <tbody key={j.jurisdiction}>
          {group(placeName(j.jurisdiction))}
          {j.measures.map((m, i) => (
            <tr key={i}>
              <td>
                <a href={`#${measureAnchor(j.jurisdiction, i)}`}>{shortListName(m)}</a> ({m.authorityShort ?? m.authority})
              </td>
              <td><time dateTime={m.since}>{m.since}</time></td>
              <td>{m.removed ? <time dateTime={m.removed}>{m.removed}</time> : t('card_in_force')}</td>
            </tr>
          ))}
        </tbody>
      ))}
      {card.claims.length > 0 ? (
        <tbody>
          {group(t('card_claims'))}
          {card.claims.flatMap((c) => [
            <tr key={c.id}>
              <td><a href={`#${claimAnchor(c.id)}`}>{t('entity_table_claim', c.by)}</a></td>
              <td><time dateTime={c.date}>{c.date}</time></td>
              <td />
            </tr>,
            ...c.counterClaims.map((cc, k) => (
              <tr key={`${c.id}-${k}`} class="answer-row">
                <td>{t('entity_table_answer', cc.by)}</td>
                <td><time dateTime={cc.date}>{cc.date}</time></td>
                <td />
              </tr>
            )),
          ])}
        </tbody>
      ) : null}
    </table>
  );
}

export function Timeline({ card, today }: { card: CardData; today: string }) {
  const [active, setActive] = useState<Bar | Point | null>(null);
  const model = timelineModel(card, today);
  if (model.bars.length === 0 && model.points.length === 0) return null;
  const show = (x: Bar | Point | null) => trusted(() => setActive(x));
  const bottom = model.height - AXIS;
  return (
    <section class="timeline" id="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" class="h-section">{t('entity_timeline')}</h2>
      <div class="timeline-grid">
        <div class="timeline-picture">
          <svg viewBox={`0 0 ${WIDTH} ${model.height}`} role="group" aria-label={t('entity_timeline_label')} data-timeline>
            {model.lanes.map((l) => (
              <g key={l.jurisdiction ?? 'claims'} class="lane">
                <line x1={0} x2={WIDTH} y1={l.y + l.height} y2={l.y + l.height} class="lane-line" />
                <text x={4} y={l.y + l.height / 2} dominant-baseline="middle" class="lane-label">
                  {l.jurisdiction ?? t('entity_lane_claims')}
                </text>
              </g>
            ))}
            {model.ticks.map((k) => (
              <g key={k.year} class="tick">
                <line x1={k.x} x2={k.x} y1={0} y2={bottom} class="tick-line" />
                <text x={k.x} y={bottom + 15} text-anchor="middle" class="tick-label">{k.year}</text>
              </g>
            ))}
            <line x1={model.todayX} x2={model.todayX} y1={0} y2={bottom} class="today" />
            {model.bars.map((b) => (
              <a key={`${b.jurisdiction}-${b.index}`} href={`#${measureAnchor(b.jurisdiction, b.index)}`} aria-label={barLabel(b)} class={b.to ? 'bar removed' : 'bar'}
                data-list-id={b.measure.listId} onMouseEnter={show(b)} onFocus={show(b)} onMouseLeave={show(null)} onBlur={show(null)}>
                <rect x={b.x} y={b.y + 3} width={b.width} height={12} rx={2} />
              </a>
            ))}
            {model.points.map((p, i) => (
              <a key={i} href={`#${claimAnchor(p.claim.id)}`} aria-label={pointLabel(p)} class={`point ${p.kind}`}
                onMouseEnter={show(p)} onFocus={show(p)} onMouseLeave={show(null)} onBlur={show(null)}>
                {p.kind === 'claim' ? <circle cx={p.x} cy={p.y} r={6} /> : <rect x={p.x - 5} y={p.y - 5} width={10} height={10} transform={`rotate(45 ${p.x} ${p.y})`} />}
              </a>
            ))}
          </svg>
          <ul class="legend" aria-hidden="true">
            <li><span class="swatch bar" />{t('line_in_force')}</li>
            <li><span class="swatch bar removed" />{t('entity_legend_removed')}</li>
            {model.points.length > 0 ? <li><span class="swatch claim" />{t('entity_legend_claim')}</li> : null}
            {model.points.some((p) => p.kind === 'answer') ? <li><span class="swatch answer" />{t('entity_legend_answer')}</li> : null}
          </ul>
          <Detail active={active} />
        </div>
        <Table card={card} />
      </div>
    </section>
  );
}
