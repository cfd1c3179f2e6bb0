// Display helpers shared by the card, the popup, the entity page and the background. Text only,
// never markup; all wording through i18n.ts.
import type { DateMeaning, EntityKind, MeasureKind, RelationType, ShortNameLang } from '../core/dataset.ts';
import type { EntityStatus } from '../core/card.ts';
import { listOf, plural, quoted, regionName, t, uiLocale } from './i18n.ts';
import type { OfficialDateMeaning } from '../core/official.ts';

/** "US" → "United States" in the interface language; "EU", "UN" are known region codes too. */
export function placeName(code: string): string {
  return regionName(code);
}

// Written out so that check:locales sees every id.
const MEANING: Record<DateMeaning, () => string> = {
  listed: () => t('date_meaning_listed'),
  effective: () => t('date_meaning_effective'),
  designated: () => t('date_meaning_designated'),
  announced: () => t('date_meaning_announced'),
  enacted: () => t('date_meaning_enacted'),
};

export function dateMeaning(m: DateMeaning): string {
  return MEANING[m]();
}

const KIND: Record<EntityKind, () => string> = {
  company: () => t('kind_company'),
  organisation: () => t('kind_organisation'),
};

export function kindName(k: EntityKind): string {
  return KIND[k]();
}

const MEASURE_KIND: Record<MeasureKind, () => string> = {
  sanctions: () => t('measure_kind_sanctions'),
  'export-control': () => t('measure_kind_export_control'),
  'investment-ban': () => t('measure_kind_investment_ban'),
  'procurement-ban': () => t('measure_kind_procurement_ban'),
  'equipment-ban': () => t('measure_kind_equipment_ban'),
  designation: () => t('measure_kind_designation'),
  'import-ban': () => t('measure_kind_import_ban'),
  'counter-sanctions': () => t('measure_kind_counter_sanctions'),
  'government-action': () => t('measure_kind_government_action'),
  'class-policy': () => t('measure_kind_class_policy'),
};

/** A kind of measure, as the options page and the entity page name it. */
export function measureKindName(k: MeasureKind): string {
  return MEASURE_KIND[k]();
}

const RELATION: Record<RelationType, () => string> = {
  parent: () => t('relation_parent'),
  subsidiary: () => t('relation_subsidiary'),
  affiliate: () => t('relation_affiliate'),
};

export function relationName(r: RelationType): string {
  return RELATION[r]();
}

/** One neutral line: how many measures name the entity now, and where; or that the dataset has none. */
export function statusText(s: EntityStatus): string {
  if (s.inForce === 0) return s.removedEarlier ? t('status_none_removed_earlier') : t('status_none');
  return plural('status_in_force', s.inForce, listOf(s.jurisdictions));
}

export function citationText(c: { publisher: string; title: string; date?: string; ref?: string }): string {
  return [c.ref, c.publisher, quoted(c.title), c.date].filter(Boolean).join(', ');
}

// Written out so that check:locales sees every id.
const OFFICIAL_MEANING: Record<OfficialDateMeaning, () => string> = {
  listed: () => t('official_date_listed'),
  designated: () => t('official_date_designated'),
  effective: () => t('official_date_effective'),
  divestment: () => t('official_date_divestment'),
  ended: () => t('official_date_ended'),
  changed: () => t('official_date_changed'),
};

/** What a date on an official list record means (src/core/official.ts). */
export function officialDateMeaning(m: OfficialDateMeaning): string {
  return OFFICIAL_MEANING[m]();
}

/** A measure's list as the card's line names it: its common name in the interface language, if it has one. */
export function shortListName(m: { shortName: string; shortNames?: Partial<Record<ShortNameLang, string>> }): string {
  const lang = uiLocale().split('-')[0] as ShortNameLang;
  return m.shortNames?.[lang] ?? m.shortName;
}

/** "Copy citation": plain text a writer can paste — list, authority, date, citation. */
export function measureCitationText(m: { listName: string; authority: string; program: string; since: string; sinceMeaning: DateMeaning; removed?: string; citation: { publisher: string; title: string; date?: string; ref?: string; url?: string } }): string {
  const lines = [
    `${m.listName} (${m.authority})`,
    `${m.program}, ${t('card_since_plain', m.since)} (${dateMeaning(m.sinceMeaning)})${m.removed ? `; ${t('card_removed_plain', m.removed)}` : ''}`,
    `${citationText(m.citation)}${m.citation.url ? `, ${m.citation.url}` : ''}`,
  ];
  return lines.join('\n');
}
