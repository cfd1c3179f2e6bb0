// Name normalisation shared by the build (aliases) and the content script (page text), so both
// sides fold text the same way. Matching is on whole tokens, never on substrings or edit distance.

/** Characters that sites put inside words for line breaking; they are not part of a name. */
const IGNORABLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A token is a run of letters, digits and marks (\p{L}\p{N}\p{M}; ignorable characters inside it,
 * never at its ends), a single Han or kana character (those scripts write names without spaces),
 * or "&" (folded to "and"). `tokenList` reads them; its unit test holds the same definition as one
 * regular expression, the one it replaced, and checks the two agree.
 */

export interface Token {
  /** Folded form used for lookup. */
  key: string;
  /** Offsets into the source string: [start, end). */
  start: number;
  end: number;
}

/**
 * Russian declines names ("Сбербанк", "Сбербанка", "Сбербанком"; "Роснефть", "Роснефти"): a
 * Cyrillic word of five letters or more loses one case ending, on the page and in the dataset
 * alike, so that every form of the name meets the same key.
 */
const RU_ENDINGS = ['ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ой', 'ей', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ы', 'и', 'а', 'я', 'у', 'ю', 'е', 'ь', 'о'];
function ruStem(word: string): string {
  if (word.length < 5 || !/^[\p{sc=Cyrillic}]+$/u.test(word)) return word;
  const end = RU_ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 4);
  return end ? word.slice(0, -end.length) : word;
}

/** Folds one token: width (NFKC), case, diacritics (not й/ё), ignorable characters, "&", Russian case endings. */
export function foldToken(raw: string): string {
  if (raw === '&') return 'and';
  const folded = raw
    .replace(IGNORABLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е');
  // Diacritics are dropped for Latin (Société = Societe) but are letters in Cyrillic (й).
  const plain = /\p{sc=Cyrillic}/u.test(folded) ? folded : folded.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  return ruStem(plain);
}

// The scanner below reads the text by character codes, classifying each once (a table for the
// Basic Multilingual Plane, filled on first sight by the Unicode property tests that define a
// token), and writes offsets into typed arrays: a page holds hundreds of thousands of words and
// the matcher needs an object for none of them. Keys are folded only when asked for: most words
// are never looked up (src/core/openers.ts).
const CJK_CHAR = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const IGNORABLE_CHAR = new RegExp(`^${IGNORABLE.source}$`);
const SEP = 1;
const WORD = 2;
const CJK_ONE = 3;
const IGN = 4;
const AMP = 5;
/** Class of each BMP code unit, 0 until first seen. */
const CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, number>();

function classify(ch: string): number {
  if (ch === '&') return AMP;
  if (CJK_CHAR.test(ch)) return CJK_ONE;
  if (WORD_CHAR.test(ch)) return WORD;
  return IGNORABLE_CHAR.test(ch) ? IGN : SEP;
}

/** The class of the character at `i` and its length in code units (2 for a surrogate pair). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let k = ASTRAL_CLASS.get(cp);
      if (k === undefined) ASTRAL_CLASS.set(cp, (k = classify(String.fromCodePoint(cp))));
      return k | 8; // 8: two code units
    }
  }
  let k = CLASS[c]!;
  if (k === 0) CLASS[c] = k = classify(String.fromCharCode(c));
  return k;
}

/** Folds of non-ASCII words seen recently: a page repeats its words, and folding is the costly part. */
const FOLDED = new Map<string, string>();

function fold(raw: string, ascii: boolean): string {
  if (ascii) return raw.toLowerCase();
  let key = FOLDED.get(raw);
  if (key === undefined) {
    if (FOLDED.size >= 20_000) FOLDED.clear();
    FOLDED.set(raw, (key = foldToken(raw)));
  }
  return key;
}

/** The tokens of one text (defined above `Token`): offsets in typed arrays, keys folded on first use. */
export class Tokens {
  private readonly keys: Array<string | undefined>;

  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    /** 1 where the token is ASCII letters and digits only: its key is its lower case. */
    readonly ascii: Uint8Array,
    readonly length: number,
  ) {
    this.keys = new Array<string | undefined>(length);
  }

  key(k: number): string {
    return (this.keys[k] ??= fold(this.text.slice(this.starts[k], this.ends[k]), this.ascii[k] === 1));
  }

  /** The token as written. */
  raw(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }
}

export function tokenList(text: string): Tokens {
  let size = Math.min(text.length + 1, 1024);
  let starts = new Int32Array(size);
  let ends = new Int32Array(size);
  let ascii = new Uint8Array(size);
  let n = 0;
  const push = (s: number, e: number, a: boolean) => {
    if (n === size) {
      size *= 2;
      const grow = <T extends Int32Array | Uint8Array>(from: T, to: T) => (to.set(from), to);
      starts = grow(starts, new Int32Array(size));
      ends = grow(ends, new Int32Array(size));
      ascii = grow(ascii, new Uint8Array(size));
    }
    starts[n] = s;
    ends[n] = e;
    ascii[n++] = a ? 1 : 0;
  };
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    // ASCII letters and digits: the common case, without the table.
    const asciiWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    const k = asciiWord ? WORD : classAt(text, i);
    const cls = k & 7;
    const w = k & 8 ? 2 : 1;
    if (cls === CJK_ONE) {
      push(i, i + w, false);
      i += w;
    } else if (cls === AMP) {
      push(i, i + 1, false); // folds to "and": not its own lower case
      i++;
    } else if (cls === WORD) {
      const start = i;
      let allAscii = true;
      let end = i;
      for (;;) {
        // Letters, digits and marks...
        while (i < len) {
          const d = text.charCodeAt(i);
          if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57)) {
            i++;
            continue;
          }
          if (d < 128) break;
          const kd = classAt(text, i);
          if ((kd & 7) !== WORD) break;
          allAscii = false;
          i += kd & 8 ? 2 : 1;
        }
        end = i;
        // ...and ignorable characters only between two of them.
        let j = i;
        while (j < len && (classAt(text, j) & 7) === IGN) j++;
        if (j === i || j >= len || (classAt(text, j) & 7) !== WORD) break;
        allAscii = false;
        i = j;
      }
      push(start, end, allAscii);
      i = end;
    } else i += w;
  }
  return new Tokens(text, starts, ends, ascii, n);
}

export function tokenize(text: string): Token[] {
  const t = tokenList(text);
  const out: Token[] = [];
  for (let k = 0; k < t.length; k++) out.push({ key: t.key(k), start: t.starts[k]!, end: t.ends[k]! });
  return out;
}

export function isCjkToken(raw: string): boolean {
  return CJK_CHAR.test(raw);
}

/** The lookup key of a whole name: its folded tokens joined by single spaces. */
export function nameKey(name: string): string {
  return tokenize(name)
    .map((t) => t.key)
    .join(' ');
}

/**
 * Legal-form words that may follow a name on a page ("Hikvision Digital Technology Co., Ltd.").
 * They extend a mention but never make one. Words that are also common English words ("as",
 * "ab", "sa") are left out, so "Hikvision as a company" does not extend.
 */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'plc',
  'gmbh', 'ag', 'nv', 'bv', 'spa', 'jsc', 'pjsc', 'ojsc', 'cjsc', 'pao', 'oao', 'ooo',
]);
