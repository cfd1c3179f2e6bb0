// tokenList reads text by character codes; the definition it implements is the regular expression
// it replaced, kept here as the oracle: both must give the same tokens, offsets and keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldToken, tokenList, tokenize } from '../../src/core/normalize.ts';

const TOKEN =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+(?:[\u00AD\u200B-\u200D\u2060\uFEFF]+(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+)*|&/gu;

function oracle(text: string): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) out.push([m.index, m.index + m[0].length, foldToken(m[0])]);
  return out;
}

function scanned(text: string): Array<[number, number, string]> {
  const t = tokenList(text);
  return Array.from({ length: t.length }, (_, k) => [t.starts[k]!, t.ends[k]!, t.key(k)] as [number, number, string]);
}

/** Pieces that meet every branch of the scanner: ASCII, accents, marks, ignorables, CJK, astral letters, lone surrogates. */
const PIECES = [
  'a', 'Z', '7', 'Hikvision', 'ZTE', ' ', '  ', '\n', '.', ',', '-', "'", '’', '&', '+', '(', ')', '/',
  'é', 'É', 'e\u0301', 'Société', 'ß', 'İ', 'Сбербанк', 'Сбербанка', 'ёлка', 'й', 'ＨＵＡＷＥＩ', 'ﬁ',
  '\u00AD', '\u200B', '\u200D', '\u2060', '\uFEFF', '海', '康威视', 'ひらがな', 'カタカナ', '\u3099', '〆', '々',
  '𝐀', '𝟙', '😀', '\uD800', '\uDC00', '٣', 'ا', 'א', '\u0301', '\u00A0', '\u3000', '®', '™',
];

describe('tokenList', () => {
  it('gives the regular expression’s tokens, offsets and keys on text built from tricky pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      expect(scanned(text)).toEqual(oracle(text));
    }), { numRuns: 3000 });
  });

  it('gives the same on arbitrary strings, astral and broken surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      expect(scanned(text)).toEqual(oracle(text));
    }), { numRuns: 3000 });
  });

  it('marks ASCII words, folds the rest and "&", and grows past its first buffer', () => {
    const t = tokenList('Intel & Société ZTE');
    expect([...t.ascii.slice(0, t.length)]).toEqual([1, 0, 0, 1]);
    expect([t.key(0), t.key(1), t.key(2), t.key(3)]).toEqual(['intel', 'and', 'societe', 'zte']);
    const long = 'a '.repeat(5000);
    expect(tokenList(long).length).toBe(5000);
    expect(tokenize(long).at(-1)).toEqual({ key: 'a', start: 9998, end: 9999 });
  });
});
