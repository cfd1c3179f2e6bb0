// @vitest-environment jsdom
// Interface text in each locale through src/ui/i18n.ts, with browser.i18n replaced by a reader of
// public/_locales: English keeps its exact wording, plurals and Intl formats follow the locale,
// and the card carries its own language and direction.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/core/card.ts';
import { fakeI18n } from './i18n-fake.ts';

vi.mock('webextension-polyfill', () => ({ default: { i18n: fakeI18n } }));
const { statusText, placeName, citationText, shortListName, measureCitationText } = await import('../../src/ui/format.ts');
const { fill, listOf, longDate, t, uiDir, uiLocale } = await import('../../src/ui/i18n.ts');
const { Card } = await import('../../src/ui/Card.tsx');

const CARD: CardData = {
  id: 'acme', name: 'Acme Corp', kind: 'company', country: 'CN',
  jurisdictions: [{
    jurisdiction: 'US',
    measures: [{
      listId: 'us-bis-entity-list', listName: 'Entity List (Supplement No. 4 to 15 CFR Part 744)', shortName: 'Entity List', shortNames: { zh: '实体清单' },
      authority: 'U.S. Department of Commerce, Bureau of Industry and Security (BIS)', authorityShort: 'BIS', program: '15 CFR 744.11', since: '2019-10-09', sinceMeaning: 'effective',
      citation: { publisher: 'Federal Register', title: 'Addition of Certain Entities', date: '2019-10-09', ref: '84 FR 54002' },
      listAsOf: '2026-11-01',
    } as CardData['jurisdictions'][number]['measures'][number]],
  }],
  claims: [{
    id: 'c1', text: 'Acme makes widgets.', by: 'A Think Tank', date: '2021-03-01',
    source: { publisher: 'A Think Tank', title: 'Report' },
    counterClaims: [{ text: 'Acme denies it.', by: 'Acme Corp', date: '2021-03-02', source: { publisher: 'Acme Corp', title: 'Statement' } }],
  } as CardData['claims'][number]],
  related: [{ type: 'subsidiary', id: 'acme-sub', name: 'Acme Sub', status: { inForce: 0, jurisdictions: [], removedEarlier: false } }],
  listsAsOf: [{ name: 'Entity List', asOf: '2026-11-01' }],
  datasetAsOf: '2026-11-25',
  staleDays: 21,
};

function renderCard(): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(<Card card={CARD} matched={{ text: 'ACME', alias: 'Acme' }} onReject={() => undefined} />, host);
  return host.querySelector('.card')!;
}

afterEach(() => {
  fakeI18n.locale = 'en';
  document.body.replaceChildren();
  document.documentElement.removeAttribute('dir');
});

describe('interface text', () => {
  it('keeps the English wording of the status line, with Intl joining the jurisdictions', () => {
    expect(statusText({ inForce: 1, jurisdictions: ['US'], removedEarlier: false })).toBe('1 measure in force (US)');
    expect(statusText({ inForce: 2, jurisdictions: ['US', 'EU'], removedEarlier: false })).toBe('2 measures in force (US and EU)');
    expect(statusText({ inForce: 0, jurisdictions: [], removedEarlier: false })).toBe('No listing in this dataset');
    expect(statusText({ inForce: 0, jurisdictions: [], removedEarlier: true })).toBe('No listing in this dataset (earlier listings removed)');
  });

  it('picks the Russian plural form for the count', () => {
    fakeI18n.locale = 'ru';
    const s = (n: number) => statusText({ inForce: n, jurisdictions: ['US'], removedEarlier: false });
    expect([1, 3, 5, 21].map(s)).toEqual(['1 мера действует (US)', '3 меры действуют (US)', '5 мер действуют (US)', '21 мера действует (US)']);
  });

  it('formats as-of dates, lists and places in the locale of the messages shown', () => {
    expect([uiLocale(), longDate('2026-11-25'), listOf(['a', 'b']), placeName('CN')]).toEqual(['en', 'November 25, 2026', 'a and b', 'China']);
    fakeI18n.locale = 'de';
    expect([uiLocale(), longDate('2026-11-25'), listOf(['a', 'b']), placeName('CN')]).toEqual(['de', '25. November 2026', 'a und b', 'China']);
    fakeI18n.locale = 'zh_CN';
    expect([uiLocale(), longDate('2026-11-25'), placeName('US')]).toEqual(['zh-CN', '2026年11月25日', '美国']);
    expect(longDate('2026-11')).toBe('2026-11'); // a partial date stays as the source gives it
    expect(citationText({ publisher: 'P', title: 'T', ref: 'R' })).toBe('R, P, “T”');
    fakeI18n.locale = 'de';
    expect(citationText({ publisher: 'P', title: 'T' })).toBe('P, „T“');
  });

  it('fills element slots where the translation puts them', () => {
    expect(fill('card_claimed_by', 'X', 42)).toEqual(['Claimed by ', 'X', ', ', 42, '.']);
    fakeI18n.locale = 'zh_CN';
    expect(fill('card_claimed_by', 'X', 42)).toEqual(['由 ', 'X', ' 提出，', 42, '。']);
  });

  it('shows a missing id as itself, never as blank text', () => {
    expect(t('no_such_message')).toBe('no_such_message');
  });

  it('renders the English card with the wording the e2e tests read, in its own direction on an RTL page', () => {
    document.documentElement.setAttribute('dir', 'rtl');
    const card = renderCard();
    expect([card.getAttribute('dir'), card.getAttribute('lang')]).toEqual(['ltr', 'en']);
    const text = card.textContent!;
    expect(card.querySelector('.kind')!.textContent).toBe('Company · China');
    expect(card.querySelector('.say')!.textContent).toBe('matched “ACME”Not this company');
    expect([...card.querySelectorAll('.summary li')].map((li) => li.textContent)).toEqual(['US · 1 in force since 2019', '1 disputed claim']);
    expect(card.querySelector('.measure button.line')!.textContent).toBe('Entity ListBIS · 2019in force');
    expect(text).toContain('15 CFR 744.11 · since 2019-10-09');
    expect(text).toContain('Entity List: as of November 1, 2026');
    expect(text).toContain('A Think Tank, 2021-03-01: Acme makes widgets.');
    expect(text).toContain('Answer from Acme Corp, 2021-03-02: Acme denies it.');
    expect(text).toContain('Subsidiary: Acme Sub — No listing in this dataset');
    expect(text).toContain('This dataset is 21 days old');
    expect(text).toContain('Dataset as of November 25, 2026.');
    expect(card.querySelector('time[datetime="2026-11-25"]')).not.toBeNull();
  });

  it('renders the card in Russian, dataset text untranslated', () => {
    fakeI18n.locale = 'ru';
    const card = renderCard();
    expect(card.getAttribute('lang')).toBe('ru');
    const text = card.textContent!;
    expect(card.querySelector('.kind')!.textContent).toBe('Компания · Китай');
    expect(card.querySelector('.say')!.textContent).toBe('совпадение: «ACME»Это не та компания');
    expect([...card.querySelectorAll('.summary li')].map((li) => li.textContent)).toEqual(['US · 1 действует с 2019 г.', '1 спорное утверждение']);
    expect(text).toContain('15 CFR 744.11 · с 2019-10-09');
    expect(text).toContain('Ответ от Acme Corp, 2021-03-02: Acme denies it.');
    expect(text).toContain('Этому набору данных 21 день');
    expect(text).not.toMatch(/Government measures|Disputed claims|since/);
    expect(uiDir()).toBe('ltr');
  });
});

describe('the card in Chinese', () => {
  it('names a list by its common Chinese name and jurisdictions by their short names', () => {
    fakeI18n.locale = 'zh_CN';
    const card = renderCard();
    expect([...card.querySelectorAll('.summary li')].map((li) => li.textContent)).toEqual(['美国 · 1 项有效，自 2019 年起', '1 项有争议的说法']);
    expect(card.querySelector('.measure .name')!.textContent).toBe('实体清单');
    expect(shortListName({ shortName: 'SDN List' })).toBe('SDN List'); // no Chinese name: the English short name
  });

  it('copies a citation as plain text: list, authority, date, citation', () => {
    expect(measureCitationText(CARD.jurisdictions[0]!.measures[0]!)).toBe(
      'Entity List (Supplement No. 4 to 15 CFR Part 744) (U.S. Department of Commerce, Bureau of Industry and Security (BIS))\n' +
        '15 CFR 744.11, since 2019-10-09 (date the measure took effect)\n84 FR 54002, Federal Register, “Addition of Certain Entities”, 2019-10-09',
    );
  });
});
