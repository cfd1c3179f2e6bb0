// The plain-text problem report a card offers for a mention: what matched, how, which record and
// dataset, and the page only when the reader includes it.
import browser from 'webextension-polyfill';
import type { CardData } from '../core/card.ts';
import { t } from '../ui/i18n.ts';
import type { Mention } from './mentions.ts';

export function problemReport(m: Mention, card: CardData, includeUrl: boolean): string {
  return [
    t('report_title'),
    t('report_matched', m.text),
    m.evidence ? t('report_alias_ambiguous', m.alias, m.evidence) : t('report_alias', m.alias),
    t('report_entity', card.id, card.name),
    t('report_dataset', card.datasetAsOf, browser.runtime.getManifest().version),
    ...(includeUrl ? [t('report_page', location.href)] : []),
  ].join('\n');
}
