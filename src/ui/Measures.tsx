// Measures, grouped by jurisdiction. On the card each is one line — short list name, authority's
// abbreviation, year, status — and a disclosure opens the rest: full list name and authority,
// program, dates with their meaning, "listed as", scope, the source and the list's "as of" date.
// On the entity page (`full`) every measure is open, with "Copy citation".
import { useId, useState } from 'preact/hooks';
import type { CardJurisdiction, CardMeasure } from '../core/card.ts';
import type { Citation } from '../core/dataset.ts';
import { citationText, dateMeaning, measureCitationText, placeName, shortListName } from './format.ts';
import { fill, longDate, quoted, t } from './i18n.ts';
import { heading, Source, trusted, useToggle } from './parts.tsx';

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

function Details({ m }: { m: CardMeasure }) {
  return (
    <>
      <div class="what">
        <strong>{m.listName}</strong> <span class="muted">· {m.authority}</span>
      </div>
      <div>
        {fill('card_since', m.program, <time dateTime={m.since}>{m.since}</time>)} <span class="muted">({dateMeaning(m.sinceMeaning)})</span>
      </div>
      <div class={m.removed ? 'status gone' : 'status'}>
        {m.removed ? fill('card_removed_on', <time dateTime={m.removed}>{m.removed}</time>) : t('card_in_force')}
        {m.listedAs ? <span class="muted"> · {t('card_listed_as', quoted(m.listedAs))}</span> : null}
      </div>
      {m.kind === 'class-policy' ? <Unnamed reportedBy={m.reportedBy ?? []} /> : null}
      {m.scope ? <div class="scope">{t('card_scope', m.scope)}</div> : null}
      <div>
        <Source c={m.citation} />
      </div>
      <div class="muted">{t('card_list_as_of', shortListName(m), longDate(m.listAsOf))}</div>
    </>
  );
}

/** The line's own words: short name, authority, year since, status. */
function Line({ m }: { m: CardMeasure }) {
  return (
    <>
      <span class="name">{shortListName(m)}</span>
      <span class="meta">
        {m.authorityShort ?? m.authority} · {m.since.slice(0, 4)}
      </span>
      <span class={m.removed ? 'state gone' : 'state'}>{m.removed ? t('line_removed', m.removed.slice(0, 4)) : t('line_in_force')}</span>
      {m.kind === 'class-policy' ? <span class="tag">{t('line_names_no_company')}</span> : null}
    </>
  );
}

function CompactMeasure({ m }: { m: CardMeasure }) {
  const [open, toggle] = useToggle();
  const id = useId();
  return (
    <li class={m.removed ? 'measure removed' : 'measure'} data-list={m.listName} data-list-id={m.listId} data-kind={m.kind}>
      <button type="button" class="line" aria-expanded={open} aria-controls={id} onClick={trusted(toggle)}>
        <span class="chev" aria-hidden="true" />
        <Line m={m} />
      </button>
      <div class="details" id={id} hidden={!open}>
        <Details m={m} />
      </div>
    </li>
  );
}

function CopyCitation({ m }: { m: CardMeasure }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () => {
    navigator.clipboard.writeText(measureCitationText(m)).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <div class="copy">
      <button type="button" class="link" data-action="copy-citation" onClick={trusted(copy)}>
        {t('entity_copy_citation')}
      </button>{' '}
      <span class="muted" role="status">
        {copied === 'yes' ? t('entity_citation_copied') : copied === 'failed' ? t('card_report_copy_failed') : ''}
      </span>
    </div>
  );
}

function FullMeasure({ m, anchor }: { m: CardMeasure; anchor: string }) {
  return (
    <li class={m.removed ? 'measure removed' : 'measure'} data-list={m.listName} data-list-id={m.listId} data-kind={m.kind} id={anchor} tabIndex={-1}>
      <div class="line">
        <Line m={m} />
      </div>
      <div class="details">
        <Details m={m} />
        <CopyCitation m={m} />
      </div>
    </li>
  );
}

/** The id of a measure on the entity page, for the timeline's bars and the index to link to. */
export const measureAnchor = (jurisdiction: string, i: number) => `measure-${jurisdiction}-${i}`;

export function MeasureGroups({ jurisdictions, level, full = false }: { jurisdictions: CardJurisdiction[]; level: number; full?: boolean }) {
  const Group = heading(level);
  return (
    <>
      {jurisdictions.map((j) => (
        <div class="jurisdiction" key={j.jurisdiction} id={full ? `jurisdiction-${j.jurisdiction}` : undefined}>
          <Group class="h-group">{placeName(j.jurisdiction)}</Group>
          <ul class="lines">
            {j.measures.map((m, i) => (full ? <FullMeasure m={m} anchor={measureAnchor(j.jurisdiction, i)} key={i} /> : <CompactMeasure m={m} key={i} />))}
          </ul>
        </div>
      ))}
    </>
  );
}
