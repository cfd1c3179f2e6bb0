// The company card: what governments have done about the company and what is disputed, each fact
// with its source. Used in the page (inside our closed shadow root) and on the entity page.
// Wording stays neutral: "listed on X since D", never a verdict or a score.
//
// Read at a glance (decision 0013): the name and what matched, with the reader's two controls, on
// two lines; a summary line (per jurisdiction, counts and the earliest year; disputed claims);
// one line per measure and one per claim and answer; everything else behind the line it belongs
// to. On the entity page (`full`) every line is open and the page adds its timeline (`between`).
import type { ComponentChildren } from 'preact';
import { cardSummary } from '../core/card-summary.ts';
import type { CardData } from '../core/card.ts';
import { Disputes } from './Disputes.tsx';
import { kindName, placeName, relationName, statusText } from './format.ts';
import { fill, listOf, longDate, plural, quoted, t, uiDir, uiLocale } from './i18n.ts';
import { MeasureGroups } from './Measures.tsx';
import { OfficialRecords } from './OfficialRecords.tsx';
import { heading, Section, trusted } from './parts.tsx';
import { ReaderSay } from './ReaderSay.tsx';
import { Summary } from './Summary.tsx';

/** What matched on the page, shown so that a wrong match is visible as one. */
export interface CardMatch {
  text: string;
  alias: string;
  /** For an ambiguous alias: the evidence that made it count. */
  evidence?: string;
}

export interface CardProps {
  card: CardData;
  matched?: CardMatch;
  onOpenEntity?: () => void;
  /** "Not this company": hide this alias on this site. */
  onReject?: () => void;
  /** The plain-text report for the maintainers, with or without the page address. */
  report?: (includeUrl: boolean) => string;
  headingId?: string;
  /**
   * Level of the company's name: 2 in the page's card and the list (a dialog of its own), 1 on the
   * entity page, where it is the page's title. Section headings follow one level below, so screen
   * readers' heading lists nest.
   */
  level?: 1 | 2;
  /** On the entity page: a related entity's name links to its own page. */
  relatedHref?: (id: string) => string;
  /** The entity page: every measure and claim open, sections with ids for its index. */
  full?: boolean;
  /** What the entity page puts between the summary and the measures (its timeline and index). */
  between?: ComponentChildren;
}

/** Ids of the entity page's sections, for its in-page index. */
export const SECTION_IDS = { measures: 'measures', claims: 'claims', related: 'related', official: 'official' } as const;

export function Card({ card, matched, onOpenEntity, onReject, report, headingId, level = 2, relatedHref, full = false, between }: CardProps) {
  const inForce = card.jurisdictions.some((j) => j.measures.some((m) => !m.removed));
  const Title = heading(level);
  const summary = cardSummary(card);
  const sectionId = (id: string) => (full ? id : undefined);
  return (
    // Our own language and direction: the page's (lang, dir="rtl") would otherwise be inherited.
    // An article: its header and footer are the card's, not landmarks of the page it sits in.
    <article class={full ? 'card full' : 'card'} lang={uiLocale()} dir={uiDir()} data-entity={card.id} data-in-force={String(inForce)}>
      <header>
        <div class="title-row">
          <Title id={headingId} class="h-title">{card.name}</Title>
          <span class="muted kind">
            {kindName(card.kind)}{card.country ? <> · {placeName(card.country)}</> : null}
          </span>
        </div>
        <ReaderSay
          lead={matched ? t('card_matched', quoted(matched.text)) : undefined}
          evidence={matched?.evidence ? t('card_evidence', quoted(matched.alias), matched.evidence) : undefined}
          onReject={onReject}
          report={report}
        />
        {card.imported ? null : <Summary summary={summary} />}
      </header>
      {between}
      {card.imported ? null : (
        <Section title={t('card_measures')} level={level + 1} id={sectionId(SECTION_IDS.measures)} quiet={!full}>
          {card.jurisdictions.length === 0 ? null : <MeasureGroups jurisdictions={card.jurisdictions} level={level + 2} full={full} />}
          {card.hiddenMeasures ? <p class="muted filtered">{plural('card_hidden_by_settings', card.hiddenMeasures)}</p> : null}
        </Section>
      )}
      {card.official && card.official.length > 0 ? (
        <div id={sectionId(SECTION_IDS.official)}>
          <OfficialRecords records={card.official} imported={card.imported === true} level={level + 1} />
        </div>
      ) : null}
      {card.claims.length > 0 ? (
        <Section title={t('card_claims')} level={level + 1} id={sectionId(SECTION_IDS.claims)}>
          <Disputes claims={card.claims} full={full} />
        </Section>
      ) : null}
      {card.related.length > 0 ? (
        <Section title={t('card_related')} level={level + 1} id={sectionId(SECTION_IDS.related)}>
          <ul class="lines">
            {card.related.map((r) => (
              <li key={r.id}>
                <span class="label">{t('card_relation', relationName(r.type))}</span>{' '}
                {relatedHref ? <a href={relatedHref(r.id)} data-related={r.id}>{r.name}</a> : r.name}
                {r.note ? <span class="muted"> ({r.note})</span> : null} — {statusText(r.status)}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <footer>
        {card.staleDays !== undefined ? (
          <p class="stale" role="note">
            {plural('card_stale', card.staleDays)}
          </p>
        ) : null}
        <p class="muted">
          {fill('card_dataset_as_of', <time dateTime={card.datasetAsOf}>{longDate(card.datasetAsOf)}</time>)}{' '}
          {full && card.listsAsOf.length > 0 ? t('card_lists_as_of', listOf(card.listsAsOf.map((l) => t('card_list_as_of', l.name, longDate(l.asOf))))) : null}{' '}
          {t('card_not_a_finding')}
        </p>
        {onOpenEntity ? (
          <button type="button" class="link" onClick={trusted(onOpenEntity)}>
            {t('card_entity_page')}
          </button>
        ) : null}
      </footer>
    </article>
  );
}
