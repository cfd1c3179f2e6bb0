// Finds mentions of dataset names in a run of text. Exact token matching over a trie of folded
// name tokens: leftmost-longest, word-bounded, never fuzzy. DOM-free so that it is unit-tested
// in Node and shared with the build.
import { cueNear, opensSentence, ownEvidence, signalsOf, type Signals } from './evidence.ts';
import { Openers } from './openers.ts';
import { LEGAL_SUFFIXES, isCjkToken, tokenList, tokenize, type Tokens } from './normalize.ts';

/** Compiled form of every alias, as bundled into the content script. */
export interface NameIndex {
  /** Entity ids; names refer to them by position. */
  entities: string[];
  names: NameEntry[];
}

/** [folded key, entity position, flags, alias as written] */
export type NameEntry = [key: string, entity: number, flags: number, text: string];
export const NAME_AMBIGUOUS = 1;
/** An abbreviation or ticker ("SMIC", "MTS"): shared with other bodies more often than words are. */
export const NAME_SHORT = 2;
/** Not a name of the entity: a longer name that contains its alias but means something else. */
export const NAME_EXCLUDED = 4;
/** Not a name: a word that shows the page is about the entity ("iPhone" for Apple). */
export const NAME_CUE = 8;

export interface Match {
  start: number;
  end: number;
  /** Candidate entity positions; more than one when several entities share the name. */
  entities: number[];
  /** The alias as written in the dataset that produced the match. */
  alias: string;
  /** Every name that matched is marked ambiguous: the match needs evidence to count. */
  ambiguous: boolean;
  /** A legal form follows the name ("Shell plc"): evidence that a company is meant. */
  suffixed: boolean;
  /** A company-context word near the name ("Shell said", "shares of Apple"), if any. */
  cue?: string;
  /** The alias has no letter case (大华): neither case nor nearby words can vouch for it. */
  caseless: boolean;
  /** Every name that matched is an abbreviation or ticker. */
  short: boolean;
  /** The name opens a sentence, a headline or a quotation, where capitals prove nothing. */
  sentenceStart: boolean;
  /** Not a mention: one of the entity's own cue words, evidence for its ambiguous names on the page. */
  pageCue?: true;
  /** Structural signals around the name (src/core/evidence.ts); set only when true. */
  signals?: Signals;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  ends: NameEntry[];
  /** Some name reaching this node has "." or "," before its last word ("Co., Ltd."). */
  punctuated: boolean;
}

/** Between two words of one name: spaces, hyphens, apostrophes, a middle dot. */
const NAME_GAP = /^[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\-\u2010-\u2015'\u2019\u00B7]{1,3}$/;
/** The same plus "." "," "(" ")" "/", only where the dataset's own name has them. */
const PUNCTUATED_GAP = /^[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\-\u2010-\u2015,.()/'\u2019\u00B7]{1,3}$/;
/** Legal forms written in lower case ("Shell plc"); "co", "company", "limited" in lower case are words. */
const LOWERCASE_SUFFIXES = new Set(['plc', 'llc', 'gmbh', 'ltd', 'inc', 'corp', 'jsc', 'pjsc', 'ojsc', 'cjsc']);
const SUFFIX_GAP = /^[\s\u00A0,.]{0,3}$/;

/** Whether tokens `a` and `b` (= a + 1) may be two words of one name. */
function gapOk(text: string, toks: Tokens, a: number, b: number, punctuated: boolean): boolean {
  const gap = text.slice(toks.ends[a], toks.starts[b]);
  if (gap === '') return true;
  // Characters of space-less scripts belong to one name only when written together.
  if (isCjkToken(toks.raw(a)) && isCjkToken(toks.raw(b))) return false;
  return (punctuated ? PUNCTUATED_GAP : NAME_GAP).test(gap);
}

/** An ambiguous alias counts only when written exactly as in the dataset ("Apple", not "apple"). */
const writtenTokens = new WeakMap<NameEntry, string[]>();
function caseOk(entry: NameEntry, text: string, toks: Tokens, from: number, to: number): boolean {
  // A sign that ends a name is part of it, though no token: "En+" is not the word "en".
  if (entry[3].endsWith('+') && text[toks.ends[to]!] !== '+') return false;
  if ((entry[2] & NAME_AMBIGUOUS) === 0) return true;
  // The alias's words as written, worked out once per alias rather than at every candidate.
  let want = writtenTokens.get(entry);
  if (!want) {
    want = tokenize(entry[3]).map((t) => entry[3].slice(t.start, t.end));
    writtenTokens.set(entry, want);
  }
  for (let k = from; k <= to; k++) if (toks.raw(k) !== want[k - from]) return false;
  return true;
}

/**
 * "Semiconductor Manufacturing International Corporation (SMIC)": a name in parentheses right after
 * a name of the same entity is that entity's abbreviation, not another organisation's.
 */
function abbreviation(text: string, out: Match[]): void {
  const m = out[out.length - 1]!;
  const before = out[out.length - 2];
  if (!m.signals?.defines || !before || !/^\s*\(\s*$/.test(text.slice(before.end, m.start))) return;
  if (!before.entities.some((e) => m.entities.includes(e))) return;
  delete m.signals.defines;
  m.signals.abbreviates = true;
}

export class Matcher {
  private trie: TrieNode | null = null;
  private readonly index: NameIndex | null;
  readonly entities: readonly string[];

  /**
   * From a trie built at build time (src/core/compact-index.ts: what the content script gets), or
   * from a NameIndex, whose trie is built on first use (never inside the page's parsing task).
   */
  constructor(index: NameIndex | { entities: readonly string[]; root: TrieNode }) {
    this.entities = index.entities;
    if ('root' in index) {
      this.trie = index.root;
      this.index = null;
    } else this.index = index;
  }

  private build(): TrieNode {
    const root: TrieNode = { next: new Map(), ends: [], punctuated: false };
    for (const entry of this.index?.names ?? []) {
      let node = root;
      // Only a name with punctuation needs its written words.
      const written = /[.,()/]/.test(entry[3]) ? tokenize(entry[3]) : null;
      entry[0].split(' ').forEach((key, k) => {
        let child = node.next.get(key);
        if (!child) {
          child = { next: new Map(), ends: [], punctuated: false };
          node.next.set(key, child);
        }
        if (written && k > 0 && /[.,()/]/.test(entry[3].slice(written[k - 1]?.end, written[k]?.start))) child.punctuated = true;
        node = child;
      });
      node.ends.push(entry);
    }
    return root;
  }

  /** Names' first words, built with the trie (src/core/openers.ts). */
  private openers: Openers | null = null;

  /** The names in `text`; `toks` are its tokens when already read (the bench times tokenising apart). */
  find(text: string, toks: Tokens = tokenList(text)): Match[] {
    const root = (this.trie ??= this.build());
    const openers = (this.openers ??= new Openers(root.next.keys()));
    const out: Match[] = [];
    const { starts, ends } = toks;
    let i = 0;
    while (i < toks.length) {
      // An ASCII word's key is its lower case: tested as written, without folding it.
      if (toks.ascii[i] === 1 && !openers.mayOpen(text, starts[i]!, ends[i]!)) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = root;
      let best: { last: number; ends: NameEntry[] } | null = null;
      for (let j = i; j < toks.length; j++) {
        node = node.next.get(toks.key(j));
        if (!node || (j > i && !gapOk(text, toks, j - 1, j, node.punctuated))) break;
        const found = node.ends.filter((e) => caseOk(e, text, toks, i, j));
        if (found.length > 0) best = { last: j, ends: found };
      }
      if (!best) {
        i++;
        continue;
      }
      // A longer name that is known to mean something else ("ZTE Parsian") is read and skipped.
      const real = best.ends.filter((e) => (e[2] & NAME_EXCLUDED) === 0);
      if (real.length === 0) {
        i = best.last + 1;
        continue;
      }
      best = { last: best.last, ends: real };
      if (real.every((e) => (e[2] & NAME_CUE) !== 0)) {
        out.push({ start: starts[i]!, end: ends[best.last]!, entities: [...new Set(real.map((e) => e[1]))], alias: real[0]![3], ambiguous: false, suffixed: false, caseless: false, short: false, sentenceStart: false, pageCue: true });
        i = best.last + 1;
        continue;
      }
      best = { last: best.last, ends: real.filter((e) => (e[2] & NAME_CUE) === 0) };
      let last = best.last;
      // A legal form written after the name belongs to the mention ("Dahua Technology Co., Ltd.").
      while (last + 1 < toks.length && LEGAL_SUFFIXES.has(toks.key(last + 1))) {
        const raw = toks.raw(last + 1);
        const wordlike = raw[0] !== raw[0]!.toUpperCase() && !LOWERCASE_SUFFIXES.has(toks.key(last + 1));
        if (wordlike || !SUFFIX_GAP.test(text.slice(ends[last], starts[last + 1]))) break;
        last++;
      }
      let end = ends[last]!;
      if (LEGAL_SUFFIXES.has(toks.key(last)) && text[end] === '.') end++; // "Co., Ltd." keeps its last period
      if (best.ends[0]![3].endsWith('+') && text[end] === '+') end++; // "En+" keeps its sign
      out.push({
        start: starts[i]!,
        end,
        entities: [...new Set(best.ends.map((e) => e[1]))],
        alias: best.ends[0]![3],
        ambiguous: best.ends.every((e) => (e[2] & NAME_AMBIGUOUS) !== 0),
        // A legal form, or a trademark sign ("Intel®"), says a company is meant.
        suffixed: last > best.last || /^[®™]/.test(text.slice(end)),
        caseless: !/[\p{Lu}\p{Ll}]/u.test(best.ends[0]![3]),
        short: best.ends.every((e) => (e[2] & NAME_SHORT) !== 0),
        sentenceStart: opensSentence(text, toks, i),
        ...cueNear(toks, text, i, last),
        ...signalsOf(text, toks, i, last, starts[i]!, end),
      });
      abbreviation(text, out);
      i = last + 1;
    }
    return out;
  }
}

/**
 * Picks one entity for each match, or none. A name shared by several entities resolves to the
 * one also named unambiguously on the page (`named`, or these matches). An ambiguous name
 * ("Shell", "Amazon") counts only with evidence: its own (a legal form, a company-context word, a
 * list of names, a possessive, Latin letters in CJK text, the company's web shop), or the page's:
 * once the page names the company unambiguously, by one of its own words ("iPhone"), or by an
 * ambiguous name with evidence of its own, it means the company wherever it is written exactly
 * ("one sense per page"). What the text says against it wins over all of that: an address, a
 * capitalised word before it that makes another name, an abbreviation defined for another name.
 * A wrong company is worse than none.
 */
export function resolveMatches<T extends Match>(matches: T[], named: ReadonlySet<number> = new Set()): Array<T & Resolved> {
  const sure = new Set(named);
  // The entity's own words on the page ("iPhone" for Apple), first seen of each.
  const cued = new Map<number, string>();
  // Entities an ambiguous name of which has evidence of its own on this page.
  const shown = new Map<number, string>();
  // How firmly the page is about each entity: a sentence start needs the company named twice.
  const support = new Map<number, number>();
  const add = (e: number, n: number) => support.set(e, (support.get(e) ?? 0) + n);
  for (const m of matches) if (m.pageCue) for (const e of m.entities) if (!cued.has(e)) cued.set(e, m.alias);
  for (const m of matches) {
    if (m.pageCue || m.entities.length !== 1 || m.signals?.address) continue;
    const e = m.entities[0]!;
    if (!m.ambiguous) {
      sure.add(e);
      add(e, 1);
    } else if (!m.caseless && !m.short && !m.signals?.extended && !m.signals?.defines && ownEvidence(m) !== null) {
      if (!shown.has(e)) shown.set(e, m.alias);
      add(e, 1);
    }
  }
  for (const e of named) add(e, 2);
  for (const e of cued.keys()) add(e, 2);
  const out: Array<T & Resolved> = [];
  for (const m of matches) {
    if (m.pageCue || m.signals?.address) continue;
    const picks = m.entities.length === 1 ? m.entities : m.entities.filter((e) => sure.has(e));
    if (picks.length !== 1) continue;
    const entity = picks[0]!;
    if (!m.ambiguous) {
      out.push({ ...m, entity });
      continue;
    }
    if (m.signals?.extended || m.signals?.defines) continue;
    // The card shows the reader which evidence made an ambiguous name count. A caseless name
    // (大华, also in 大华银行) or an abbreviation (SMIC is also Belarus' State Military-Industrial
    // Committee) needs the company named in full on the page, or a legal form; nearby words do not
    // tell two organisations apart.
    const named = sure.has(entity) ? 'the company is named unambiguously elsewhere on this page' : cued.has(entity) ? `the page mentions “${cued.get(entity)}”` : null;
    const page = named ?? (shown.has(entity) ? `the page names the company as “${shown.get(entity)}” elsewhere with evidence` : null);
    // At a sentence start, capitals prove nothing: the page must name the company twice or more.
    const firm = m.sentenceStart && (support.get(entity) ?? 0) < 2 ? null : page;
    const evidence = m.caseless ? named : m.short ? (m.suffixed ? 'a legal form follows it' : named) : (ownEvidence(m) ?? firm);
    if (evidence !== null) out.push({ ...m, entity, evidence });
  }
  return out;
}

export interface Resolved {
  entity: number;
  /** Why an ambiguous name was taken to mean this entity. */
  evidence?: string;
}
