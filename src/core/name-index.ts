// The name index the content script matches with, compiled from the validated dataset at build
// time (scripts/lib/name-index.ts adds the build's word rule and the official names).
import type { Dataset } from './dataset.ts';
import { NAME_AMBIGUOUS, NAME_CUE, NAME_EXCLUDED, NAME_SHORT, type NameIndex } from './matcher.ts';
import { nameKey } from './normalize.ts';

/**
 * `isCommon`: whether a folded word is among the most frequent words of some language (the
 * build passes scripts/lib/common-words.ts). An ambiguous one-word alias that is ("Total")
 * needs what an abbreviation needs: the company named in full on the page, or a legal form.
 */
export function compileNameIndex(dataset: Dataset, isCommon: (key: string) => boolean = () => false): NameIndex {
  const entities = dataset.entities.map((e) => e.id);
  const names: NameIndex['names'] = [];
  dataset.entities.forEach((e, i) => {
    // A ticker is a short code that also appears in URLs and tables: it needs evidence like any ambiguous name.
    for (const a of e.aliases) {
      const key = nameKey(a.text);
      const common = a.ambiguous === true && !key.includes(' ') && isCommon(key);
      const short = a.kind === 'ticker' || a.kind === 'abbreviation' || /^[A-Z0-9&.+-]{2,5}$/.test(a.text) || common;
      names.push([key, i, (a.ambiguous || a.kind === 'ticker' ? NAME_AMBIGUOUS : 0) | (short ? NAME_SHORT : 0), a.text]);
    }
    for (const n of e.notNames ?? []) names.push([nameKey(n), i, NAME_EXCLUDED, n]);
    for (const c of e.cues ?? []) names.push([nameKey(c), i, NAME_CUE, c]);
  });
  return { entities, names };
}
