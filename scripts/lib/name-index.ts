// The name index as the build makes it, for every script that must match exactly as the
// extension does (build, eval:matching, bench): curated names with the word-frequency rule, and
// the official names when asked.
import { compileNameIndex } from '../../src/core/name-index.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import type { NameIndex } from '../../src/core/matcher.ts';
import { withOfficial } from '../../src/core/official-card.ts';
import type { OfficialRecord } from '../../src/core/official.ts';
import { isCommonWord, isWord } from './common-words.ts';
import { isDictionaryWord, isPlaceName } from './dictionaries.ts';

export const curatedNames = (dataset: Dataset): NameIndex => compileNameIndex(dataset, isCommonWord);

// A one-word official name counts as a name when it is no word of any language the pages use (not
// among the most frequent words of any language, not spelled by any Hunspell dictionary of those
// languages) and no town's or region's name ("Feodosiya"). Off in the build: on the held-out pages
// it added false marks and no correct one (docs/matching.md, "Official lists");
// `eval:matching -- --with-official --one-word-names` measures it.
export const isAnyWord = (key: string): boolean => isWord(key) || isDictionaryWord(key) || isPlaceName(key);

export const withOfficialNames = (dataset: Dataset, index: NameIndex, records: readonly OfficialRecord[], oneWordNames = false) =>
  withOfficial(dataset, index, records, oneWordNames ? isAnyWord : undefined);
