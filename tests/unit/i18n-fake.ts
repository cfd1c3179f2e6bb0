// A stand-in for browser.i18n.getMessage reading public/_locales, with the browsers' rules:
// $NAME$ placeholders (case-insensitive) take their `content`, whose $1…$9 are the substitutions;
// an id missing from the chosen locale falls back to the default locale; unknown ids give "".
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Messages } from '../../scripts/check-locales.ts';

const cache = new Map<string, Messages>();
function messages(locale: string): Messages {
  if (!cache.has(locale)) cache.set(locale, JSON.parse(readFileSync(resolve('public/_locales', locale, 'messages.json'), 'utf8')) as Messages);
  return cache.get(locale)!;
}

export const fakeI18n = {
  locale: 'en',
  getMessage(id: string, subs: string[] = []): string {
    const m = messages(this.locale)[id] ?? messages('en')[id];
    if (!m) return '';
    const fillSubs = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    const placeholders = Object.fromEntries(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
    return m.message.replace(/\$(\w+)\$/g, (all, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? all : fillSubs(content);
    });
  },
};
