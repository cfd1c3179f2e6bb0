// Modules the build generates from `data/` (scripts/vite-plugins.ts).
declare module 'virtual:company-context/names' {
  // The prebuilt trie (src/core/compact-index.ts), loaded when the script starts.
  const index: { entities: string[]; root: import('./core/matcher.ts').TrieNode };
  export default index;
}
declare module 'virtual:company-context/dataset' {
  const dataset: import('./core/dataset.ts').Dataset;
  export default dataset;
}
declare module 'virtual:company-context/official' {
  const official: import('./core/official-card.ts').OfficialBundle;
  export default official;
}
