// The name index as the build makes it, for every script that must match exactly as the
// extension does (build, eval:matching, bench): curated names with the word-frequency rule, and
// the official names when asked.
import { compileNameIndex } from '../../src/core/name-index.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import type { NameIndex } from '../../src/core/matcher.ts';
import { withOfficial } from '../../src/core/official-card.ts';
import type { OfficialRecord } from '../../src/core/official.ts';
import { isCommonWord } from './common-words.ts';

export const curatedNames = (dataset: Dataset): NameIndex => compileNameIndex(dataset, isCommonWord);

// One-word official names stay unmarked: with the 10,000 most frequent words of each language as
// the test, rarer dictionary words ("bulwark", "potassium") passed as names on the dev pages
// (docs/matching.md, "Official lists"). `isWord` is kept for the rule's tests.
export const withOfficialNames = (dataset: Dataset, index: NameIndex, records: readonly OfficialRecord[]) => withOfficial(dataset, index, records);
