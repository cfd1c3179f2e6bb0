// The prebuilt trie must find exactly what Matcher's own trie finds: every field of every match,
// on the eval pages, on the official-list names themselves, and on random text built from alias pieces.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { compileNameIndex } from '../../src/core/name-index.ts';
import { buildCompactIndex, loadCompactIndex } from '../../src/core/compact-index.ts';
import { Matcher, NAME_AMBIGUOUS, NAME_CUE, NAME_EXCLUDED, type NameIndex } from '../../src/core/matcher.ts';
import { OFFICIAL_ID_PREFIX, withOfficial } from '../../src/core/official-card.ts';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { loadOfficial } from '../../scripts/load-official.ts';

const { dataset } = loadDataset('data');
const curated = compileNameIndex(dataset);
const pages = readdirSync('tests/eval/articles').map((f) => new JSDOM(readFileSync(join('tests/eval/articles', f), 'utf8')).window.document.body.textContent ?? '');
const OFFICIAL = 'data/generated/official.json';

function pair(index: NameIndex) {
  const compact = buildCompactIndex(index, OFFICIAL_ID_PREFIX);
  // Through JSON, as the bundle carries it.
  return { old: new Matcher(index), fast: new Matcher(loadCompactIndex(JSON.parse(JSON.stringify(compact)))), compact };
}

function alike(index: NameIndex, texts: string[]) {
  const { old, fast } = pair(index);
  expect(fast.entities).toEqual(old.entities);
  let n = 0;
  for (const text of texts) {
    const want = old.find(text);
    n += want.length;
    expect(fast.find(text)).toEqual(want);
  }
  return n;
}

/** Text made of alias words in all cases, with the gaps names allow and some they do not. */
const textFrom = (index: NameIndex) => {
  const words = [...new Set(index.names.flatMap((e) => e[3].split(/\s+/)))].slice(0, 3000);
  const word = fc.constantFrom(...words).chain((w) => fc.constantFrom(w, w.toUpperCase(), w.toLowerCase()));
  const gap = fc.constantFrom(' ', ' ', ', ', '. ', '-', '\n', ' (', ') ', ' said ', ' Co., Ltd. ', ' plc ', '®', ' the ', '');
  return fc.array(fc.tuple(word, gap), { maxLength: 40 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
};

describe('compact index', () => {
  it('finds the same matches as the Map trie on the eval pages (curated)', () => {
    expect(alike(curated, pages)).toBeGreaterThan(50);
  });

  it('finds the same matches on random text from alias words, with every flag kind in play', () => {
    const flags = curated.names.reduce((m, e) => m | e[2], 0);
    expect(flags & (NAME_AMBIGUOUS | NAME_CUE | NAME_EXCLUDED)).toBe(NAME_AMBIGUOUS | NAME_CUE | NAME_EXCLUDED);
    const { old, fast } = pair(curated);
    fc.assert(fc.property(fc.oneof(textFrom(curated), fc.string({ unit: 'grapheme', maxLength: 60 })), (text) => {
      expect(fast.find(text)).toEqual(old.find(text));
    }), { numRuns: 2000 });
  }, 30_000);

  it('keeps a small index small: 16-bit sections when they fit', () => {
    const { compact } = pair(curated);
    const json = JSON.stringify(curated).length;
    expect(JSON.stringify(compact).length).toBeLessThan(json * 1.6);
  });

  it('reads an empty index', () => {
    const m = new Matcher(loadCompactIndex(buildCompactIndex({ entities: [], names: [] })));
    expect(m.find('Huawei Technologies Co., Ltd.')).toEqual([]);
  });

  it.skipIf(!existsSync(OFFICIAL))(`finds the same matches with the official names (${OFFICIAL}; run npm run data:import first)`, () => {
    const { index } = withOfficial(dataset, curated, loadOfficial(OFFICIAL, dataset));
    expect(index.entities.length).toBeGreaterThan(5000);
    // The official names themselves, joined into sentences, and the eval pages.
    const names = index.names.map((e) => e[3]);
    const texts = [...pages];
    for (let i = 0; i < names.length; i += 50) texts.push(names.slice(i, i + 50).join(' said. Then '));
    expect(alike(index, texts)).toBeGreaterThan(1000);
    const { old, fast } = pair(index);
    fc.assert(fc.property(textFrom(index), (text) => {
      expect(fast.find(text)).toEqual(old.find(text));
    }), { numRuns: 500 });
  }, 60_000); // 19,000 names and two tries: seconds on a busy machine
});
