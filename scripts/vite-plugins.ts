// Build-time plugins: the dataset as virtual modules, and a guard on Preact's one HTML sink.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { compileNameIndex } from '../src/core/compile.ts';
import { loadDataset } from './load-dataset.ts';

const NAMES = 'virtual:company-context/names';
const DATASET = 'virtual:company-context/dataset';

/**
 * Validates `data/` and serves it compiled: the name index (content script) and the full
 * dataset (background). A dataset problem fails the build with file, record and field.
 */
export function datasetPlugin(dataDir = 'data'): Plugin {
  dataDir = resolve(dataDir);
  return {
    name: 'company-context-dataset',
    resolveId(id) {
      return id === NAMES || id === DATASET ? `\0${id}` : null;
    },
    load(id) {
      if (id !== `\0${NAMES}` && id !== `\0${DATASET}`) return null;
      const { dataset, files } = loadDataset(dataDir);
      for (const f of files) this.addWatchFile(f);
      const value = id === `\0${NAMES}` ? compileNameIndex(dataset) : dataset;
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
