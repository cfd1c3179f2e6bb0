// What the text around a candidate name says about it: the structural signals that tell a
// company from a word or from somebody else's name (docs/matching.md, "Evidence"). DOM-free.
import { isCjkToken, type Tokens } from './normalize.ts';

/**
 * Words that, within CUE_WINDOW words of an ambiguous name, show that a company is meant: things
 * organisations do, have or are. Lower-case folded tokens.
 */
export const CONTEXT_CUES: ReadonlySet<string> = new Set([
  'said', 'says', 'announced', 'shares', 'stock', 'stocks', 'ceo', 'executive', 'spokesperson', 'spokesman',
  'spokeswoman', 'revenue', 'revenues', 'profit', 'profits', 'earnings', 'investors', 'shareholders',
  'sanctions', 'sanctioned', 'subsidiary', 'subsidiaries', 'headquarters', 'headquartered', 'company',
  'companies', 'firm', 'corporation', 'supplier', 'suppliers', 'contract', 'contractor', 'factory',
  'factories', 'plant', 'listed', 'blacklist', 'blacklisted', 'entity', 'brand', 'ticker', 'nasdaq', 'nyse',
  'ceos', 'executives', 'analyst', 'analysts', 'employees', 'customers', 'users', 'sales', 'announces',
  'launches', 'launched', 'unveiled', 'unveils', 'released', 'releases', 'deal', 'deals', 'buy', 'available', 'store',
  'stores', 'retailer', 'associate', 'affiliate', 'commission', 'pricing', 'price', 'prices', 'discount',
  'discounts', 'lawsuit', 'sued', 'antitrust', 'regulators', 'acquisition', 'acquired',
  // Roles, rivals and what a company makes or runs (apposition: "rival Intel", "Tesla cars").
  'founder', 'cofounder', 'chairman', 'boss', 'rival', 'rivals', 'competitor', 'competitors', 'partner',
  'partnership', 'giant', 'owner', 'owned', 'division', 'chips', 'processors', 'cars', 'vehicles',
  'smartphone', 'smartphones', 'devices', 'platform', 'marketplace', 'sellers', 'vendor', 'vendors',
  'warehouse', 'warehouses', 'layoffs', 'workers', 'startup', 'merger', 'valuation', 'boycott',
  // The same in the other languages of the pages read most (German, French, Spanish, Russian).
  'konzern', 'unternehmen', 'hersteller', 'chef', 'aktie', 'aktien', 'umsatz', 'gewinn', 'konkurrent',
  'händler', 'haendler', 'anbieter', 'mitarbeiter', 'kunden', 'société', 'societe', 'entreprise', 'groupe',
  'géant', 'geant', 'empresa', 'compañía', 'compania', 'gigante', 'компания', 'компании', 'банк', 'акции',
]);
export const CUE_WINDOW = 6;

/** A role written as one word ends like these: "chipmaker", "Versandriese", "Autokonzern". */
const ROLE_ENDING = /(?:maker|makers|konzern|riese|riesen|hersteller|händler|anbieter|gigant)$/u;

export function isCue(key: string): boolean {
  return CONTEXT_CUES.has(key) || (key.length > 6 && ROLE_ENDING.test(key));
}

/** The nearest context cue within CUE_WINDOW tokens of [from, to], not crossing a paragraph. */
export function cueNear(toks: Tokens, text: string, from: number, to: number): { cue?: string } {
  for (let d = 1; d <= CUE_WINDOW; d++) {
    for (const k of [to + d, from - d]) {
      if (k < 0 || k >= toks.length || !isCue(toks.key(k))) continue;
      const between = k > to ? text.slice(toks.ends[to], toks.starts[k]) : text.slice(toks.ends[k], toks.starts[from]);
      if (!/\n/.test(between)) return { cue: toks.raw(k) };
    }
  }
  return {};
}

const UPPER = /^\p{Lu}/u;
const LATIN_WORD = /^[\p{sc=Latin}]{4,}$/u;

/** Around tokens [from, to]: most neighbouring words capitalised, as in a headline or a menu. */
export function titleCase(toks: Tokens, from: number, to: number): boolean {
  let words = 0;
  let caps = 0;
  for (const k of [from - 4, from - 3, from - 2, from - 1, to + 1, to + 2, to + 3, to + 4]) {
    if (k < 0 || k >= toks.length) continue;
    const raw = toks.raw(k);
    if (!LATIN_WORD.test(raw)) continue;
    words++;
    if (UPPER.test(raw)) caps++;
  }
  return words >= 3 && caps / words >= 0.8;
}

/** What the words beside a name look like, worked out once per name. */
export interface Around {
  /** Most neighbouring words capitalised: a headline or a menu (`titleCase`). */
  title: boolean;
  /** A capitalised word right after it (`capitalisedNext`). */
  capNext: boolean;
}

/** Only spaces between two tokens: one name could run across them. */
const JOINED = /^[ \u00A0]{1,2}$/;

/**
 * A capitalised word written right before the name, in running text, makes a longer proper name
 * that is somebody else's ("Nordic Shell Tours", "Harbour Intel Group", "Pimco Total Return").
 * Not a sentence's first word ("Yesterday Apple ..."), not a role ("rival Intel", "Versandriese
 * Amazon"), not in a headline or menu, where every word is capitalised.
 */
export function extendsAnotherName(text: string, toks: Tokens, from: number, around: Around): boolean {
  const prev = from - 1;
  if (prev < 0 || !JOINED.test(text.slice(toks.ends[prev], toks.starts[from]))) return false;
  const raw = toks.raw(prev);
  if (!UPPER.test(raw) || raw === raw.toUpperCase() || isCue(toks.key(prev))) return false;
  if (around.title) return false;
  // A sentence's first word is capitalised anyway: it extends the name only if the word after is
  // capitalised too ("Pimco Total Return ..."). After an opening quote it is a name's first word
  // ("“Nature Shell” jacket").
  if (prev === 0 || SENTENCE_END.test(text.slice(toks.ends[prev - 1], toks.starts[prev]))) return around.capNext;
  return true;
}

/** The next word, right after the name, is capitalised (and not an acronym or a role). */
export function capitalisedNext(text: string, toks: Tokens, to: number): boolean {
  const next = to + 1;
  if (next >= toks.length || !JOINED.test(text.slice(toks.ends[to], toks.starts[next]))) return false;
  const raw = toks.raw(next);
  return UPPER.test(raw) && raw !== raw.toUpperCase() && !isCue(toks.key(next));
}

export const SENTENCE_BREAK = /[.!?。！？:;\n"“«(|•·–—]/;
const SENTENCE_END = /[.!?。！？:;\n|•·–—]/;

/** Inside a web or e-mail address: "http://www.amazon.com/dp", "tencent-backed" in a URL path. */
export function inAddress(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !/\s/.test(text[b]!)) b++;
  const chunk = text.slice(a, b);
  return /^(?:[("'«]?)(?:https?:|ftp:|www\.)|\/\/|@|\/\S*\//.test(chunk) || text[start - 1] === '/' || text[start - 1] === '.' || text[end] === '/';
}

/** The company's own web shop written as its name: "Amazon.de", "Amazon.co.jp" (not in an address). */
export function shopDomain(text: string, end: number): boolean {
  return /^\.(?:com|de|fr|it|es|nl|pl|se|ca|in|cn|jp|co\.uk|co\.jp|com\.au|com\.br|com\.mx)(?![\p{L}\p{N}/.-])/u.test(text.slice(end, end + 8));
}

/** Latin letters inside Chinese or Japanese text, where a Latin word is a name ("、Amazon、Meta"). */
export function amidCjk(text: string, start: number, end: number): boolean {
  const cjk = (c: string | undefined) => c !== undefined && (isCjkToken(c) || /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20「」『』【】（）]/u.test(c));
  let a = start - 1;
  while (a >= 0 && text[a] === ' ') a--;
  let b = end;
  while (b < text.length && text[b] === ' ') b++;
  return cjk(text[a]) || cjk(text[b]);
}

/**
 * The name is one item of a list of names: "Google, Apple, Microsoft and Facebook". At least two
 * other items, each one to three capitalised words, separated by commas or a conjunction.
 */
export function inNameList(text: string, start: number, end: number): boolean {
  const SEP = /^(?:\s*[,;/]\s*|\s+(?:and|or|und|oder|et|ou|y|o|e|i|и|или)\s+|\s*,\s*(?:and|or|und|oder|et|y)\s+)/u;
  const ITEM = /^(?:\p{Lu}[\p{L}\p{N}&'’.-]*)(?:\s\p{Lu}[\p{L}\p{N}&'’.-]*){0,2}/u;
  let items = 0;
  // Forward: separator, item, separator, item...
  let rest = text.slice(end, end + 200);
  for (let n = 0; n < 4; n++) {
    const sep = SEP.exec(rest);
    if (!sep) break;
    const item = ITEM.exec(rest.slice(sep[0].length));
    if (!item) break;
    items++;
    rest = rest.slice(sep[0].length + item[0].length);
  }
  // Backward, on the reversed problem: the text before, item by item.
  let before = text.slice(Math.max(0, start - 200), start);
  for (let n = 0; n < 4; n++) {
    const sep = /(?:\s*[,;/]\s*|\s+(?:and|or|und|oder|et|ou|y|o|e|i|и|или)\s+)$/u.exec(before);
    if (!sep) break;
    before = before.slice(0, before.length - sep[0].length);
    const item = /(?:\p{Lu}[\p{L}\p{N}&'’.-]*)(?:\s\p{Lu}[\p{L}\p{N}&'’.-]*){0,2}$/u.exec(before);
    if (!item) break;
    items++;
    before = before.slice(0, before.length - item[0].length);
  }
  return items >= 2;
}

/** "Amazon's ..." not after "the" (the river's, the Shell's): a possessive is a company's. */
export function possessive(text: string, toks: Tokens, from: number, end: number): boolean {
  if (!/^['’]s\b/u.test(text.slice(end, end + 3))) return false;
  return !(from > 0 && toks.key(from - 1) === 'the');
}

/**
 * In parentheses right after another proper name, the name is that name's abbreviation: "Pacific
 * Vantage Holdings (PVH)" (the matcher then checks whether the name before is the same entity's).
 */
export function parenthesised(text: string, start: number, end: number): boolean {
  return /\(\s*$/.test(text.slice(Math.max(0, start - 2), start)) && /^\s*\)/.test(text.slice(end, end + 2)) && /\p{Lu}[\p{L}.]*\s*\(\s*$/u.test(text.slice(Math.max(0, start - 40), start));
}

/** Articles and determiners: "the Amazon" is the river, "der Total" no company. */
const ARTICLES = new Set([
  'the', 'a', 'an', 'this', 'that', 'der', 'die', 'das', 'dem', 'den', 'des', 'ein', 'eine', 'einem', 'einen', 'le',
  'la', 'les', 'l', 'un', 'une', 'du', 'el', 'los', 'las', 'una', 'del', 'il', 'lo', 'gli', 'della', 'o', 'os', 'as', 'do', 'da',
]);

/**
 * Written as a name: capitalised inside a sentence (not its first word, not in a headline or menu
 * where every word is), with no article before it and no capitalised word beside it. Companies
 * are named so ("a battle with Amazon", "bei Amazon"); rivers and common nouns are not ("the
 * Amazon", "an apple").
 */
export function bareName(text: string, toks: Tokens, from: number, around: Around, extended: boolean): boolean {
  const raw = toks.raw(from);
  if (!UPPER.test(raw) || raw === raw.toUpperCase() || opensSentence(text, toks, from)) return false;
  const prev = from > 0 ? toks.key(from - 1) : null;
  if (prev !== null && ARTICLES.has(prev)) return false;
  // A possessive before it is a determiner too: "Ecuador's Amazon forests".
  if (prev === 's' && /['’]$/.test(text.slice(0, toks.starts[from - 1]))) return false;
  return !around.capNext && !around.title && !extended;
}

/** Whether the letters before index `k` close a sentence, a headline or a quotation. */
export function opensSentence(text: string, toks: Tokens, k: number): boolean {
  return k === 0 || SENTENCE_BREAK.test(text.slice(toks.ends[k - 1], toks.starts[k]));
}

export interface Signals {
  /** Part of a web or e-mail address: never a mention. */
  address?: true;
  /** A capitalised word before it makes somebody else's name ("Nordic Shell Tours"). */
  extended?: true;
  /** In parentheses after another proper name, which it abbreviates. */
  defines?: true;
  /** Written as the company's web shop ("Amazon.de"). */
  shop?: true;
  /** Latin letters in Chinese or Japanese text. */
  cjk?: true;
  /** One item of a list of names. */
  listed?: true;
  /** A possessive ("Amazon's"). */
  possessive?: true;
  /** Written as a name: capitalised inside a sentence, no article, no capitalised neighbour. */
  bare?: true;
  /** In parentheses right after a name of the same entity: its abbreviation, defined on the page. */
  abbreviates?: true;
  /** A capitalised word follows it, so at a sentence start it may open another name ("Total Dodge sales"). */
  capNext?: true;
}

/** What `ownEvidence` reads of a match (src/core/matcher.ts, `Match`). */
export interface Evidential {
  suffixed: boolean;
  caseless: boolean;
  sentenceStart: boolean;
  cue?: string;
  signals?: Signals;
}

/** Every structural signal around tokens [from, to] (text offsets [start, end)); none when nothing is said. */
export function signalsOf(text: string, toks: Tokens, from: number, to: number, start: number, end: number): { signals?: Signals } {
  const s: Signals = {};
  const around = { title: titleCase(toks, from, to), capNext: capitalisedNext(text, toks, to) };
  const extended = extendsAnotherName(text, toks, from, around);
  if (inAddress(text, start, end)) s.address = true;
  if (extended) s.extended = true;
  if (parenthesised(text, start, end)) s.defines = true;
  if (shopDomain(text, end)) s.shop = true;
  if (amidCjk(text, start, end)) s.cjk = true;
  if (inNameList(text, start, end)) s.listed = true;
  if (possessive(text, toks, from, end)) s.possessive = true;
  if (around.capNext) s.capNext = true;
  if (bareName(text, toks, from, around, extended)) s.bare = true;
  return Object.keys(s).length > 0 ? { signals: s } : {};
}

/**
 * The evidence a match carries by itself: what is written in and around it. Null when there is
 * none, or when the text says it is something else (an address, part of another name, another
 * name's abbreviation).
 */
export function ownEvidence(m: Evidential): string | null {
  const s = m.signals ?? {};
  if (m.suffixed) return 'a legal form follows it';
  if (s.shop) return 'it is written as the company’s web shop';
  if (s.cjk && !m.caseless) return 'it is written in Latin letters in Chinese or Japanese text, where such a word is a name';
  // At a sentence start a capital proves nothing, and a capitalised word after it may open another name.
  if (m.cue !== undefined && !(m.sentenceStart && s.capNext)) return `the word “${m.cue}” is near it`;
  if (s.listed) return 'it is one of a list of names';
  if (s.possessive && !m.sentenceStart) return 'it is written as a possessive';
  if (s.bare) return 'it is written as a name (capitalised inside a sentence, without an article)';
  return null;
}
