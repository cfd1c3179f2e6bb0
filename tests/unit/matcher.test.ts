import { describe, expect, it } from 'vitest';
import { Matcher, NAME_AMBIGUOUS, NAME_EXCLUDED, NAME_SHORT, resolveMatches, type NameIndex } from '../../src/core/matcher.ts';
import { foldToken, nameKey, tokenize } from '../../src/core/normalize.ts';

const index: NameIndex = {
  entities: ['hikvision', 'huawei', 'dahua', 'shell', 'sber', 'zte', 'zte-parsian', 'a1', 'a2'],
  names: [
    ['hikvision', 0, 0, 'Hikvision'],
    ['hangzhou hikvision digital technology', 0, 0, 'Hangzhou Hikvision Digital Technology'],
    ['海 康 威 视', 0, 0, '海康威视'],
    ['huawei', 1, 0, 'Huawei'],
    ['huawei technologies', 1, 0, 'Huawei Technologies'],
    ['华 为', 1, 0, '华为'],
    ['dahua technology', 2, 0, 'Dahua Technology'],
    ['dahua', 2, 0, 'Dahua'],
    ['shell', 3, NAME_AMBIGUOUS, 'Shell'],
    ['сбербанк', 4, 0, 'Сбербанк'],
    ['zte', 5, 0, 'ZTE'],
    ['zte parsian', 6, 0, 'ZTE Parsian'],
    ['acme', 7, NAME_AMBIGUOUS, 'Acme'],
    ['acme', 8, NAME_AMBIGUOUS, 'Acme'],
    ['acme one', 7, 0, 'Acme One'],
  ],
};
const matcher = new Matcher(index);
const found = (text: string) => matcher.find(text).map((m) => [text.slice(m.start, m.end), m.entities.map((e) => index.entities[e]).join('|')]);

describe('normalisation', () => {
  it('folds case, width, diacritics, ignorable characters and "&"', () => {
    expect(foldToken('ＨＵＡＷＥＩ')).toBe('huawei');
    expect(foldToken('Société')).toBe('societe');
    expect(foldToken('Hik\u00ADvi\u200Bsion')).toBe('hikvision');
    expect(foldToken('&')).toBe('and');
    expect(nameKey('AT&T')).toBe('at and t');
  });
  it('splits CJK into characters and keeps Latin words whole', () => {
    expect(tokenize('华为P60').map((t) => t.key)).toEqual(['华', '为', 'p60']);
    expect(tokenize("Hikvision's").map((t) => t.key)).toEqual(['hikvision', 's']);
  });
});

describe('Matcher', () => {
  it('matches whole words, any case, with possessives', () => {
    expect(found("Hikvision's cameras; HIKVISION denied it; hikvision")).toEqual([
      ['Hikvision', 'hikvision'], ['HIKVISION', 'hikvision'], ['hikvision', 'hikvision'],
    ]);
  });
  it('never matches inside a longer word', () => {
    expect(found('Hikvisions Dahuatech ZTEs Huaweiphone')).toEqual([]);
  });
  it('prefers the longest name and takes a legal suffix into the mention', () => {
    expect(found('Hangzhou Hikvision Digital Technology Co., Ltd. said')).toEqual([
      ['Hangzhou Hikvision Digital Technology Co., Ltd.', 'hikvision'],
    ]);
    expect(found('Dahua Technology Inc and Huawei Technologies')).toEqual([
      ['Dahua Technology Inc', 'dahua'], ['Huawei Technologies', 'huawei'],
    ]);
  });
  it('does not take lower-case words that look like suffixes', () => {
    expect(found('Huawei co-operates')).toEqual([['Huawei', 'huawei']]);
  });
  it('tells a longer same-prefix name apart (ZTE vs ZTE Parsian)', () => {
    expect(found('ZTE Parsian and ZTE')).toEqual([['ZTE Parsian', 'zte-parsian'], ['ZTE', 'zte']]);
  });
  it('accepts hyphens, non-breaking spaces and zero-width characters between name words', () => {
    expect(found('Huawei\u00A0Technologies, Huawei-Technologies')).toEqual([
      ['Huawei\u00A0Technologies', 'huawei'], ['Huawei-Technologies', 'huawei'],
    ]);
  });
  it('does not join name words across a sentence break', () => {
    expect(found('It was Huawei. Technologies matter.')).toEqual([['Huawei', 'huawei']]);
  });
  it('requires an ambiguous alias to be written as in the dataset', () => {
    expect(found('Shell said; a shell company; SHELL')).toEqual([['Shell', 'shell']]);
  });
  it('counts an ambiguous alias only with evidence: a legal form, or the entity named unambiguously', () => {
    const resolve = (text: string) => resolveMatches(matcher.find(text)).map((m) => text.slice(m.start, m.end));
    expect(resolve('Shell beaches are lovely in June.')).toEqual([]);
    expect(resolve('Shell plc will sell.')).toEqual(['Shell plc']);
    expect(resolve('Shell said it would sell.')).toEqual(['Shell']);
    expect(resolve('Shell beaches.\nIt said nothing.')).toEqual([]);
    expect(resolve('Acme said so, and Acme One agreed.')).toEqual(['Acme', 'Acme One']);
  });
  it('matches CJK without spaces but not split by spaces', () => {
    expect(found('海康威视和华为公司')).toEqual([['海康威视', 'hikvision'], ['华为', 'huawei']]);
    expect(found('华 为')).toEqual([]);
  });
  it('matches Cyrillic in any grammatical case', () => {
    expect(found('Акции Сбербанка, СБЕРБАНК и Сбербанком; сбережения')).toEqual([['Сбербанка', 'sber'], ['СБЕРБАНК', 'sber'], ['Сбербанком', 'sber']]);
  });
  it('skips longer names known to mean something else', () => {
    const m = new Matcher({ entities: ['zte'], names: [['zte', 0, 0, 'ZTE'], ['zte parsian', 0, NAME_EXCLUDED, 'ZTE Parsian']] });
    expect(m.find('ZTE Parsian and ZTE').map((f) => f.start)).toEqual([16]);
  });
  it('needs the long form on the page for an ambiguous abbreviation, and more than capitals at a sentence start', () => {
    const m = new Matcher({ entities: ['smic', 'total'], names: [
      ['smic', 0, NAME_AMBIGUOUS | NAME_SHORT, 'SMIC'], ['semiconductor manufacturing international corporation', 0, 0, 'Semiconductor Manufacturing International Corporation'],
      ['total', 1, NAME_AMBIGUOUS, 'Total'], ['totalenergies', 1, 0, 'TotalEnergies'],
    ] });
    const resolve = (t: string) => resolveMatches(m.find(t)).map((r) => t.slice(r.start, r.end));
    expect(resolve('SMIC said it would expand.')).toEqual([]);
    expect(resolve('Semiconductor Manufacturing International Corporation grew. SMIC said so.')).toEqual(['Semiconductor Manufacturing International Corporation', 'SMIC']);
    expect(resolve('TotalEnergies fell. Total write-downs rose.')).toEqual(['TotalEnergies']);
    expect(resolve('TotalEnergies fell, and analysts at Total saw it coming.')).toEqual(['TotalEnergies', 'Total']);
  });
  it('resolves a shared name to the entity named in full elsewhere, or not at all', () => {
    const resolve = (text: string) => resolveMatches(matcher.find(text)).map((m) => index.entities[m.entity]);
    expect(resolve('Acme One grew. Acme said')).toEqual(['a1', 'a1']);
    expect(resolve('Acme said')).toEqual([]);
  });
});

describe('Matcher, punctuation inside names', () => {
  it('accepts "." and "," between words only where the dataset name has them', () => {
    const m = new Matcher({ entities: ['x'], names: [['x holdings co ltd', 0, 0, 'X Holdings Co., Ltd.']] });
    const t = 'X Holdings Co., Ltd. and X Holdings Co Ltd';
    expect(m.find(t).map((f) => t.slice(f.start, f.end))).toEqual(['X Holdings Co., Ltd.', 'X Holdings Co Ltd']);
    const n = new Matcher({ entities: ['y'], names: [['y z', 0, 0, 'Y Z']] });
    expect(n.find('Y. Z').length).toBe(0);
  });
});

describe('Matcher, ambiguous names without letter case', () => {
  it('counts an ambiguous CJK alias only when the company is named in full on the page', () => {
    const m = new Matcher({ entities: ['dahua'], names: [['大 华', 0, NAME_AMBIGUOUS, '大华'], ['大 华 股 份', 0, 0, '大华股份']] });
    const resolve = (t: string) => resolveMatches(m.find(t)).map((r) => t.slice(r.start, r.end));
    expect(resolve('大华银行公司公布')).toEqual([]);
    expect(resolve('大华股份公布。大华说')).toEqual(['大华股份', '大华']);
  });
});

describe('Matcher, cue words of an entity', () => {
  it('lets the entity’s own words on the page vouch for its ambiguous name, and never marks them', async () => {
    const { NAME_CUE } = await import('../../src/core/matcher.ts');
    const m = new Matcher({ entities: ['apple'], names: [['apple', 0, NAME_AMBIGUOUS, 'Apple'], ['iphone', 0, NAME_CUE, 'iPhone']] });
    const resolve = (t: string) => resolveMatches(m.find(t)).map((r) => [t.slice(r.start, r.end), r.evidence]);
    expect(resolve('The new iPhone is out. Apple fans queued.')).toEqual([['Apple', 'the page mentions “iPhone”']]);
    expect(resolve('The new iPhone is out. Fans of Apple queued.')).toEqual([['Apple', 'it is written as a name (capitalised inside a sentence, without an article)']]);
    expect(resolve('Fans of the Apple pie queued.')).toEqual([]);
  });
});
