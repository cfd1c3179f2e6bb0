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
