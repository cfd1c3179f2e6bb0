// Build-time plugins: the dataset as virtual modules, and a guard on Preact's one HTML sink.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildCompactIndex, compactIndexBytes } from '../src/core/compact-index.ts';
import type { NameIndex } from '../src/core/matcher.ts';
import { OFFICIAL_ID_PREFIX, type OfficialBundle } from '../src/core/official-card.ts';
import { curatedNames, withOfficialNames } from './lib/name-index.ts';
import { loadDataset } from './load-dataset.ts';
import { loadOfficial, OFFICIAL_ENV } from './load-official.ts';

const NAMES = 'virtual:company-context/names';
const DATASET = 'virtual:company-context/dataset';
const OFFICIAL = 'virtual:company-context/official';
const COMPACT_LOADER = resolve('src/core/compact-index.ts');
const IDS = [NAMES, DATASET, OFFICIAL];

/** The name index (with the official names when `COMPANY_CONTEXT_OFFICIAL` names a file) and its bundle. */
export function compileAll(dataDir: string): { files: string[]; index: NameIndex; bundle: OfficialBundle } {
  const { dataset, files } = loadDataset(dataDir);
  const index = curatedNames(dataset);
  const officialPath = process.env[OFFICIAL_ENV];
  if (!officialPath) return { files, index, bundle: { entities: [], records: {} } };
  const out = withOfficialNames(dataset, index, loadOfficial(resolve(officialPath), dataset));
  return { files: [...files, resolve(officialPath)], ...out };
}

/**
 * Validates `data/` and serves it compiled: the name index (content script) and the full
 * dataset (background). A dataset problem fails the build with file, record and field.
 */
export function datasetPlugin(dataDir = 'data'): Plugin {
  dataDir = resolve(dataDir);
  return {
    name: 'company-context-dataset',
    resolveId(id) {
      return IDS.includes(id) ? `\0${id}` : null;
    },
    load(id) {
      if (!IDS.some((x) => id === `\0${x}`)) return null;
      if (id === `\0${NAMES}`) {
        // The trie, built here once, in typed arrays the content script reads as they are.
        const { files, index } = compileAll(dataDir);
        for (const f of files) this.addWatchFile(f);
        const compact = buildCompactIndex(index, OFFICIAL_ID_PREFIX);
        console.log(`name index: ${index.names.length} names of ${index.entities.length} entities, ${(compactIndexBytes(compact) / 1024).toFixed(1)} KiB compact`);
        return `import { loadCompactIndex } from ${JSON.stringify(COMPACT_LOADER)};\nexport default loadCompactIndex(${JSON.stringify(compact)});`;
      }
      if (id === `\0${OFFICIAL}`) {
        const { bundle } = compileAll(dataDir);
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(bundle))});`;
      }
      const { dataset, files } = loadDataset(dataDir);
      for (const f of files) this.addWatchFile(f);
      const value = dataset;
      // JSON.parse of a string literal: smaller and faster to start than an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
    },
  };
}

/**
 * Preact renders `dangerouslySetInnerHTML` through `innerHTML`. We never use that prop (lint bans
 * it), and this rewrites the sink to `textContent` so no HTML sink ships at all. The pinned
 * Preact version has exactly two occurrences; any other count fails the build.
 */
export function preactNoHtmlSink(): Plugin {
  return {
    name: 'company-context-preact-no-html-sink',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs/.test(id)) return null;
      const count = code.split('.innerHTML').length - 1;
      if (count !== 2) this.error(`expected 2 innerHTML uses in ${id}, found ${count}: check the Preact upgrade`);
      return { code: code.replaceAll('.innerHTML', '.textContent'), map: null };
    },
  };
}
