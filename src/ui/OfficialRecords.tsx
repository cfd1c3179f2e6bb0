// Records from the official list files (a `--with-official` build), as the files give them: an
// imported-only organisation's whole card, or "also on" lines under a curated entity's measures.
import type { CardOfficial } from '../core/card.ts';
import { officialDateMeaning } from './format.ts';
import { fill, quoted, t } from './i18n.ts';
import { Section } from './parts.tsx';

export function OfficialRecords({ records, imported, level }: { records: CardOfficial[]; imported: boolean; level: number }) {
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
