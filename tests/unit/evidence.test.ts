// The evidence rules of docs/matching.md ("Evidence"), each shown both ways: the signal that makes
// an ambiguous name count, and the text that keeps it from counting.
import { describe, expect, it } from 'vitest';
import { compileNameIndex } from '../../src/core/name-index.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { Matcher, NAME_AMBIGUOUS, NAME_SHORT, resolveMatches, type NameIndex } from '../../src/core/matcher.ts';
import { officialNameFlags } from '../../src/core/official-card.ts';
import { foldToken } from '../../src/core/normalize.ts';
import { isCommonWord, isWord } from '../../scripts/lib/common-words.ts';
import { inDictionary, isDictionaryWord, parseDictionary } from '../../scripts/lib/dictionaries.ts';
import { isAnyWord } from '../../scripts/lib/name-index.ts';

const index: NameIndex = {
  entities: ['amazon', 'shell', 'intel', 'pvh', 'smic', 'en-plus'],
  names: [
    ['amazon', 0, NAME_AMBIGUOUS, 'Amazon'],
    ['amazon com inc', 0, 0, 'Amazon.com, Inc.'],
    ['shell', 1, NAME_AMBIGUOUS, 'Shell'],
    ['intel', 2, NAME_AMBIGUOUS, 'Intel'],
    ['pvh', 3, NAME_AMBIGUOUS | NAME_SHORT, 'PVH'],
    ['smic', 4, NAME_AMBIGUOUS | NAME_SHORT, 'SMIC'],
    ['semiconductor manufacturing international corporation', 4, 0, 'Semiconductor Manufacturing International Corporation'],
    ['en', 5, 0, 'En+'],
  ],
};
const matcher = new Matcher(index);
/** The names marked in `text`, each with its evidence. */
const marked = (text: string) => resolveMatches(matcher.find(text)).map((m) => `${text.slice(m.start, m.end)}: ${m.evidence ?? 'unambiguous'}`);

describe('evidence of its own', () => {
  it('counts a name written as a name inside a sentence, not after an article', () => {
    expect(marked('She had a long battle with Amazon over the terms')).toEqual([expect.stringMatching(/^Amazon: it is written as a name/)]);
    expect(marked('Boats sail up the Amazon every spring')).toEqual([]);
    expect(marked('People have lived in Ecuador’s Amazon forests for ages')).toEqual([]);
  });
  it('does not count a name a capitalised word before it makes into another name', () => {
    expect(marked('We booked a trip with Nordic Shell Tours last year')).toEqual([]);
    expect(marked('Analysts at Harbour Intel Group wrote it')).toEqual([]);
    // A role before it is apposition, not another name.
    expect(marked('The chipmaker Intel cut its forecast')).toHaveLength(1);
  });
  it('counts an item of a list of names, a possessive and Latin letters in Japanese text', () => {
    expect(marked('Adidas, Nike, Shell and Puma sponsor it')).toEqual([expect.stringMatching(/^Shell: it is one of a list of names/)]);
    expect(marked('They read about it. Amazon’s agreements with publishers changed')).toHaveLength(0);
    expect(marked('we saw that Amazon’s agreements with publishers changed')).toEqual([expect.stringMatching(/^Amazon: it is written as a possessive/)]);
    expect(marked('ソニーの新型テレビ、Amazonにて早速タイムセール')).toEqual([expect.stringMatching(/^Amazon: it is written in Latin letters/)]);
  });
  it('counts the company’s web shop, never a web address', () => {
    expect(marked('Einkaufen bei Amazon.de lohnt sich')).toEqual([expect.stringMatching(/^Amazon: it is written as the company’s web shop/)]);
    expect(marked('see http://www.amazon.com/dp/123 for details')).toEqual([]);
    expect(marked('a link to amazon.com.au/Shell/page here')).toEqual([]);
  });
  it('keeps a headline’s capitals and a sentence’s first word from vouching', () => {
    expect(marked('Amazon Shaped Dispenser For Notes And Cards')).toEqual([]);
    expect(marked('Total Dodge sales were down')).toEqual([]);
  });
});

describe('evidence of the page', () => {
  it('lets one mention with evidence vouch for the others (one sense per page)', () => {
    expect(marked('Shares of Amazon fell. We liked the Amazon Shaped Dispenser')).toHaveLength(2);
    expect(marked('We liked the Amazon Shaped Dispenser')).toHaveLength(0);
  });
  it('reads an abbreviation in parentheses as the name before it', () => {
    expect(marked('Pacific Vantage Holdings (PVH) said it would buy the plant')).toEqual([]);
    expect(marked('Semiconductor Manufacturing International Corporation (SMIC) said so')).toEqual([
      'Semiconductor Manufacturing International Corporation: unambiguous',
      'SMIC: the company is named unambiguously elsewhere on this page',
    ]);
  });
});

describe('signs and common words', () => {
  it('needs the sign that ends a name', () => {
    expect(marked('En+ Group said; en cas de question')).toEqual(['En+: unambiguous']);
  });
  it('treats an ambiguous alias that is a very common word like an abbreviation', () => {
    const dataset: Dataset = {
      asOf: '2026-01-01', lists: [],
      entities: [{ id: 'totalenergies', kind: 'company', name: 'TotalEnergies', country: 'FR', measures: [], claims: [], related: [],
        aliases: [{ text: 'TotalEnergies', kind: 'primary' }, { text: 'Total', kind: 'former', ambiguous: true }, { text: 'Shell', kind: 'short', ambiguous: true }] }],
    };
    const flags = new Map(compileNameIndex(dataset, isCommonWord).names.map(([, , f, t]) => [t, f]));
    expect(isCommonWord('total')).toBe(true);
    expect(flags.get('Total')! & NAME_SHORT).toBe(NAME_SHORT);
    expect(flags.get('Shell')! & NAME_SHORT).toBe(0);
    expect(flags.get('TotalEnergies')).toBe(0);
  });
  it('marks a one-word official name only when it is no word of any language and no place', () => {
    const keys = new Set<string>();
    expect(isWord('progress')).toBe(true);
    expect(officialNameFlags('Progress', keys, isAnyWord)).toBeNull();
    // Beyond the 10,000 most frequent words: the spelling dictionaries, with their affixes.
    expect(isWord('potassium')).toBe(false);
    expect(officialNameFlags('POTASSIUM', keys, isAnyWord)).toBeNull();
    expect(officialNameFlags('Bulwarks', keys, isAnyWord)).toBeNull();
    expect(officialNameFlags('Feodosiya', keys, isAnyWord)).toBeNull(); // a town
    expect(officialNameFlags('SOVCOMBANK', keys, isAnyWord)).toBe(NAME_AMBIGUOUS);
    expect(officialNameFlags('Rosoboronexport', keys, isAnyWord)).toBe(NAME_AMBIGUOUS);
    // Shorter than six letters: an acronym more often than a name.
    expect(officialNameFlags('APEX', keys, isAnyWord)).toBeNull();
  }, 60_000); // reads eight dictionaries and a gazetteer
});

describe('the spelling dictionaries', () => {
  // A made-up dictionary: "walk" takes -s, -ed and re-; "kiss" takes -es only after s.
  const d = parseDictionary('SET UTF-8\nSFX A Y 2\nSFX A 0 s .\nSFX A 0 ed .\nSFX B Y 1\nSFX B 0 es s\nPFX R Y 1\nPFX R 0 re .\n', '2\nwalk/ABR\nkiss/B\ncafé\n');
  it('finds a word as written, with one suffix or one prefix its stem allows, folded', () => {
    for (const w of ['walk', 'walks', 'walked', 'rewalk', 'kisses', 'cafe']) expect(inDictionary(d, w), w).toBe(true);
  });
  it('does not take an affix the stem does not carry, nor one whose condition fails', () => {
    for (const w of ['kissed', 'rekiss', 'walkes', 'walkeds', 'talks']) expect(inDictionary(d, w), w).toBe(false);
  });
  it('reads every language of the pages from its registry package', () => {
    for (const w of ['bulwark', 'sécurité', 'maschinen', 'construcciones', 'прогресс']) expect(isDictionaryWord(foldToken(w)), w).toBe(true);
    expect(isDictionaryWord('sovcombank')).toBe(false);
  });
});
