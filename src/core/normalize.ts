// Name normalisation shared by the build (aliases) and the content script (page text), so both
// sides fold text the same way. Matching is on whole tokens, never on substrings or edit distance.

/** Characters that sites put inside words for line breaking; they are not part of a name. */
const IGNORABLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A token is a run of letters, digits and marks (with ignorable characters inside it), a single
 * Han or kana character (those scripts write names without spaces), or "&" (folded to "and").
 */
const TOKEN =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+(?:[\u00AD\u200B-\u200D\u2060\uFEFF]+(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+)*|&/gu;

const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;

export interface Token {
  /** Folded form used for lookup. */
  key: string;
  /** Offsets into the source string: [start, end). */
  start: number;
  end: number;
}

/** Folds one token: width (NFKC), case, diacritics, ignorable characters, "&". */
export function foldToken(raw: string): string {
  if (raw === '&') return 'and';
  return raw
    .replace(IGNORABLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC');
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    out.push({ key: foldToken(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function isCjkToken(raw: string): boolean {
  return CJK.test(raw);
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
