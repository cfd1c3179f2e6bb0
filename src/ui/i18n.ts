// Every interface string goes through here: browser.i18n and `public/_locales/<locale>/messages.json`
// (`npm run check:locales` proves each locale has every id this code uses, with the same placeholders).
// Dataset text (names, scopes, claims) is never translated. Dates and lists are formatted with Intl
// in the locale of the messages actually shown, which is the `locale` message, not the browser's
// UI language: a browser in a language we lack shows English text, and must get English dates too.
import browser from 'webextension-polyfill';

/** The message for `id`, with `$1`… filled from `subs`; the id itself if missing, so a gap shows. */
export function t(id: string, ...subs: Array<string | number>): string {
  return browser.i18n.getMessage(id, subs.map(String)) || id;
}

/** Plural message ids end in one of these (CLDR categories of our locales; others use `_other`). */
export const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;

let cached: { locale: string; plural: Intl.PluralRules; list: Intl.ListFormat; date: Intl.DateTimeFormat; num: Intl.NumberFormat; regions: Intl.DisplayNames; regionsShort: Intl.DisplayNames } | null = null;

function intl() {
  const locale = uiLocale();
  if (cached?.locale !== locale) {
    cached = {
      locale,
      plural: new Intl.PluralRules(locale),
      list: new Intl.ListFormat(locale, { type: 'conjunction' }),
      // Our dates are calendar days (YYYY-MM-DD), read as UTC so no time zone shifts them by a day.
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      num: new Intl.NumberFormat(locale),
      regions: new Intl.DisplayNames([locale], { type: 'region' }),
      regionsShort: new Intl.DisplayNames([locale], { type: 'region', style: 'short' }),
    };
  }
  return cached;
}

/** BCP 47 tag of the messages in use ("en", "zh-CN"…). */
export function uiLocale(): string {
  return browser.i18n.getMessage('locale') || 'en';
}

/** Text direction of the messages in use, for `dir` on our own roots so the page's cannot flip them. */
export function uiDir(): 'ltr' | 'rtl' {
  return browser.i18n.getMessage('text_direction') === 'rtl' ? 'rtl' : 'ltr';
}

/** `id_one`, `id_few`… chosen by Intl.PluralRules for `n`; `$1` is `n`, formatted. */
export function plural(id: string, n: number, ...subs: Array<string | number>): string {
  const form = intl().plural.select(n);
  const suffix = (PLURAL_FORMS as readonly string[]).includes(form) ? form : 'other';
  return t(`${id}_${suffix}`, intl().num.format(n), ...subs);
}

/** A calendar day (YYYY-MM-DD) in the interface language's long form; anything else as given. */
export function longDate(iso: string): string {
  const ms = Date.parse(iso);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(ms) ? intl().date.format(ms) : iso;
}

/** "a, b and c" in the interface language. */
export function listOf(items: string[]): string {
  return intl().list.format(items);
}

/** "US" → "United States" in the interface language; EU and UN are region codes too. */
export function regionName(code: string): string {
  try {
    return intl().regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A jurisdiction as the card's summary line shows it: the code ("US", "EU") where the interface
 * language reads codes (the `region_short_style` message is "code"), else its short name (美国, 欧盟).
 */
export function regionShort(code: string): string {
  if (t('region_short_style') === 'code') return code;
  try {
    return intl().regionsShort.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Quotation marks of the interface language around dataset text. */
export function quoted(text: string): string {
  return t('quoted', text);
}

/**
 * A message whose placeholders are filled with values that are not text (elements): returns the
 * message split into its own text and the values, in the order the translation puts them.
 */
export function fill<T>(id: string, ...values: Array<T | string>): Array<string | T> {
  const marks = values.map((_, i) => `\uE000${i}\uE001`);
  const out: Array<string | T> = [];
  for (const piece of t(id, ...marks).split(/(\uE000\d+\uE001)/)) {
    const slot = /^\uE000(\d+)\uE001$/.exec(piece);
    if (slot) out.push(values[Number(slot[1])]!);
    else if (piece) out.push(piece);
  }
  return out;
}

/** An extension page in the interface language: its title, `lang` and `dir`. */
export function localizeDocument(title: string): void {
  document.title = title;
  document.documentElement.lang = uiLocale();
  document.documentElement.dir = uiDir();
}
