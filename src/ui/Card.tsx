// The company card: what governments have done about the company and what is disputed, each fact
// with its source. Used in the page (inside our closed shadow root) and on the entity page.
// Wording stays neutral: "listed on X since D", never a verdict or a score.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CardData, CardMeasure } from '../core/compile.ts';
import type { Citation, Claim } from '../core/dataset.ts';
import { citationText, dateMeaning, kindName, officialDateMeaning, placeName, relationName, statusText } from './format.ts';
import type { CardOfficial } from '../core/official-card.ts';
import { fill, listOf, longDate, plural, quoted, t, uiDir, uiLocale } from './i18n.ts';

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
}

type Heading = 'h1' | 'h2' | 'h3' | 'h4';
const heading = (n: number): Heading => `h${Math.min(Math.max(n, 1), 4)}` as Heading;

/** Our controls act only on a person's input, never on events a page script dispatches. */
const trusted = (fn: () => void) => (e: Event) => {
  if (e.isTrusted) fn();
};

function ReportPanel({ report }: { report: (includeUrl: boolean) => string }) {
  const [withUrl, setWithUrl] = useState(false);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const text = report(withUrl);
  const copy = () => {
    navigator.clipboard.writeText(text).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <div class="report">
      <label>
        <input type="checkbox" checked={withUrl} onChange={trusted(() => setWithUrl(!withUrl))} /> {t('card_report_include_url')}
      </label>
      <textarea readOnly rows={6} value={text} aria-label={t('card_report_text_label')} />
      <button type="button" class="link" onClick={trusted(copy)}>
        {t('card_report_copy')}
      </button>{' '}
      <span class="muted" role="status">
        {copied === 'yes' ? t('card_report_copied') : copied === 'failed' ? t('card_report_copy_failed') : t('card_report_hint')}
      </span>
    </div>
  );
}

function ReaderSay({ onReject, report }: { onReject?: () => void; report?: (includeUrl: boolean) => string }) {
  const [reporting, setReporting] = useState(false);
  if (!onReject && !report) return null;
  return (
    <div class="say">
      {onReject ? (
        <button type="button" class="link" data-action="reject" onClick={trusted(onReject)}>
          {t('not_this_company')}
        </button>
      ) : null}
      {report ? (
        <>
          {' · '}
          <button type="button" class="link" data-action="report" aria-expanded={reporting} onClick={trusted(() => setReporting(!reporting))}>
            {t('card_report_problem')}
          </button>
          {reporting ? <ReportPanel report={report} /> : null}
        </>
      ) : null}
    </div>
  );
}

function Source({ c }: { c: Citation }) {
  const text = citationText(c);
  const cited = c.url ? (
    <a href={c.url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    text
  );
  return <span class="src">{fill('card_source', cited)}</span>;
}

/** Scope notes can run long: two lines, and the rest on request. */
function Scope({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 140;
  return (
    <div>
      <div class={open || !long ? 'scope' : 'scope clamped'}>{t('card_scope', text)}</div>
      {long ? (
        <button type="button" class="link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('card_scope_less') : t('card_scope_more')}
        </button>
      ) : null}
    </div>
  );
}

/** A class policy names no company: say so, and cite the reporting that says it covers this one. */
function Unnamed({ reportedBy }: { reportedBy: Citation[] }) {
  return (
    <div class="unnamed">
      <strong>{t('card_policy_unnamed')}</strong>
      {reportedBy.length > 0 ? (
        <>
          {'; '}
          {fill('card_policy_reported', <>{reportedBy.map((c, i) => <span class="src" key={i}>{i > 0 ? '; ' : null}{c.url ? <a href={c.url} target="_blank" rel="noopener noreferrer">{citationText(c)}</a> : citationText(c)}</span>)}</>)}
        </>
      ) : null}
    </div>
  );
}

function MeasureItem({ m }: { m: CardMeasure }) {
  return (
    <li class={m.removed ? 'measure removed' : 'measure'} data-list={m.listName} data-kind={m.kind}>
      <div class="what">
        <strong>{m.listName}</strong> <span class="muted">· {m.authority}</span>
      </div>
      <div>
        {fill('card_since', m.program, <time dateTime={m.since}>{m.since}</time>)} <span class="muted">({dateMeaning(m.sinceMeaning)})</span>
      </div>
      <div class={m.removed ? 'status gone' : 'status'}>
        {m.removed ? (
          fill('card_removed_on', <time dateTime={m.removed}>{m.removed}</time>)
        ) : (
          t('card_in_force')
        )}
        {m.listedAs ? <span class="muted"> · {t('card_listed_as', quoted(m.listedAs))}</span> : null}
      </div>
      {m.kind === 'class-policy' ? <Unnamed reportedBy={m.reportedBy ?? []} /> : null}
      {m.scope ? <Scope text={m.scope} /> : null}
      <div>
        <Source c={m.citation} />
      </div>
    </li>
  );
}

/**
 * Records from the official list files (a `--with-official` build), as the files give them: an
 * imported-only organisation's whole card, or "also on" lines under a curated entity's measures.
 */
function OfficialRecords({ records, imported, level }: { records: CardOfficial[]; imported: boolean; level: number }) {
  const asOf = (r: CardOfficial) => r.asOf ?? t('card_official_as_of_unknown');
  return (
    <Section title={imported ? t('card_official_title') : t('card_official_also')} level={level}>
      <ul>
        {records.map((r, i) => (
          <li class="measure official" data-list={r.list} data-ref={r.ref} key={i}>
            {imported ? (
              <>
                <div class="what">
                  <strong>{r.list}</strong>
                  {r.listedAs ? <span class="muted"> · {t('card_listed_as', quoted(r.listedAs))}</span> : null}
                </div>
                {r.programs.length > 0 ? <div>{t('card_official_programs', r.programs.join('; '))}</div> : null}
                {r.dates.map((d, k) => (
                  <div key={k}>{fill('card_official_date', d.label, <time dateTime={d.date}>{d.date}</time>, officialDateMeaning(d.meaning))}</div>
                ))}
                <div class="muted">{t('card_official_record', r.ref, asOf(r))}</div>
              </>
            ) : (
              <div>{t('card_official_also_on', r.list, r.ref, asOf(r))}</div>
            )}
          </li>
        ))}
      </ul>
      {imported ? <p class="muted">{t('card_official_imported')}</p> : null}
    </Section>
  );
}

function ClaimItem({ c }: { c: Claim }) {
  return (
    <li class="claim">
      <div>{c.text}</div>
      <div class="muted">
        {fill('card_claimed_by', c.by, <time dateTime={c.date}>{c.date}</time>)} <Source c={c.source} />
      </div>
      {c.counterClaims.length > 0 ? (
        <ul class="counter">
          {c.counterClaims.map((cc, i) => (
            <li key={i}>
              <div>
                <span class="label">{t('card_answer_from', cc.by)}</span> {cc.text}
              </div>
              <div class="muted">
                <time dateTime={cc.date}>{cc.date}</time>. <Source c={cc.source} />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <div class="muted">{t('card_no_answer')}</div>
      )}
    </li>
  );
}

function Section({ title, level, children }: { title: string; level: number; children: ComponentChildren }) {
  const H = heading(level);
  return (
    <section>
      <H class="h-section">{title}</H>
      {children}
    </section>
  );
}

export function Card({ card, matched, onOpenEntity, onReject, report, headingId, level = 2, relatedHref }: CardProps) {
  const inForce = card.jurisdictions.some((j) => j.measures.some((m) => !m.removed));
  const Title = heading(level);
  const Group = heading(level + 2);
  return (
    // Our own language and direction: the page's (lang, dir="rtl") would otherwise be inherited.
    // An article: its header and footer are the card's, not landmarks of the page it sits in.
    <article class="card" lang={uiLocale()} dir={uiDir()} data-entity={card.id} data-in-force={String(inForce)}>
      <header>
        <Title id={headingId} class="h-title">{card.name}</Title>
        <div class="muted">
          {kindName(card.kind)}{card.country ? <> · {placeName(card.country)}</> : null}
          {matched ? <> · {t('card_matched', quoted(matched.text))}</> : null}
        </div>
        {matched?.evidence ? (
          <div class="muted evidence">
            {t('card_evidence', quoted(matched.alias), matched.evidence)}
          </div>
        ) : null}
        {/* Beside what matched, where a wrong match is noticed: not at the bottom of a long card. */}
        <ReaderSay onReject={onReject} report={report} />
      </header>
      {card.imported ? null : <Section title={t('card_measures')} level={level + 1}>
        {card.jurisdictions.length === 0 ? (
          <p class="none">{t('card_no_listing')}</p>
        ) : (
          card.jurisdictions.map((j) => (
            <div class="jurisdiction" key={j.jurisdiction}>
              <Group class="h-group">{placeName(j.jurisdiction)}</Group>
              <ul>
                {j.measures.map((m, i) => (
                  <MeasureItem m={m} key={i} />
                ))}
              </ul>
            </div>
          ))
        )}
        {card.hiddenMeasures ? <p class="muted filtered">{plural('card_hidden_by_settings', card.hiddenMeasures)}</p> : null}
      </Section>}
      {card.official && card.official.length > 0 ? <OfficialRecords records={card.official} imported={card.imported === true} level={level + 1} /> : null}
      {card.claims.length > 0 ? (
        <Section title={t('card_claims')} level={level + 1}>
          <ul>
            {card.claims.map((c) => (
              <ClaimItem c={c} key={c.id} />
            ))}
          </ul>
        </Section>
      ) : null}
      {card.related.length > 0 ? (
        <Section title={t('card_related')} level={level + 1}>
          <ul>
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
          {card.listsAsOf.length > 0 ? t('card_lists_as_of', listOf(card.listsAsOf.map((l) => t('card_list_as_of', l.name, longDate(l.asOf))))) : null}{' '}
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
