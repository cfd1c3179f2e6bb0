// check:locales: passes on the repository, and fails, naming locale and id, on each kind of break.
import { describe, expect, it } from 'vitest';
import { checkLocales, readSources, usedIds, type Sources } from '../../scripts/check-locales.ts';

const real = () => readSources(process.cwd());

/** A copy of the real sources with one locale's messages changed. */
function broken(locale: string, change: (m: Sources['locales'] extends Map<string, infer M> ? M : never) => void): Sources {
  const s = real();
  const copy = structuredClone(s.locales.get(locale)!);
  change(copy);
  s.locales.set(locale, copy);
  return s;
}

describe('check:locales', () => {
  it('finds nothing wrong with the repository, and sees the ids the code uses', () => {
    const s = real();
    expect(checkLocales(s)).toEqual([]);
    expect([...s.locales.keys()].sort()).toEqual(['de', 'en', 'ru', 'zh_CN']);
    const used = new Set([...s.files].flatMap(([p, text]) => [...usedIds(p, text).ids]));
    for (const id of ['ext_name', 'card_measures', 'status_in_force_few', 'report_title', 'locale']) expect(used).toContain(id);
  });

  it('fails on a message id missing from a locale', () => {
    const problems = checkLocales(broken('de', (m) => delete m.card_why));
    expect(problems).toEqual(['de: missing message "card_why" (used in src/ui/ReaderSay.tsx)']);
  });

  it('fails on a plural form missing from a locale', () => {
    expect(checkLocales(broken('ru', (m) => delete m.card_stale_many))).toEqual(['ru: missing message "card_stale_many" (used in src/ui/Card.tsx)']);
  });

  it('fails on a store description longer than the Chrome Web Store takes', () => {
    expect(checkLocales(broken('de', (m) => (m.ext_description = { message: 'x'.repeat(133) })))).toEqual(['de: message "ext_description" is 133 characters; the stores take at most 132']);
  });

  it('fails on an id English lacks', () => {
    expect(checkLocales(broken('zh_CN', (m) => (m.card_extra = { message: '多余' })))).toEqual(['zh_CN: message "card_extra" is not in en']);
  });

  it('fails when placeholders differ from English or from the text', () => {
    const renamed = checkLocales(broken('ru', (m) => {
      m.popup_pause_on = { message: 'Приостановить на $SITE$', placeholders: { site: { content: '$1' } } };
    }));
    expect(renamed).toEqual([expect.stringMatching(/^ru: message "popup_pause_on" placeholders .*site.* differ from en .*host/)]);
    const dropped = checkLocales(broken('de', (m) => (m.card_since = { ...m.card_since!, message: 'seit $DATE$' })));
    expect(dropped).toEqual(['de: message "card_since" uses placeholders [date] but declares [date, program]']);
    const swapped = checkLocales(broken('zh_CN', (m) => {
      m.card_claimed_by = { ...m.card_claimed_by!, placeholders: { by: { content: '$2' }, date: { content: '$1' } } };
    }));
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toMatch(/^zh_CN: message "card_claimed_by" placeholders/);
  });

  it('fails on a message id it cannot see, and on English text nothing uses', () => {
    const s = real();
    s.files.set('src/popup/extra.tsx', "const id = 'x';\nt(id);\nt('popup_paused');");
    expect(checkLocales(s)).toEqual(['src/popup/extra.tsx: t(id…): message id is not a string literal']);
    expect(checkLocales(broken('en', (m) => (m.never_used = { message: 'Never' })))).toEqual(['en: message "never_used" is used nowhere']);
  });
});
