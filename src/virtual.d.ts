// Modules the build generates from `data/` (scripts/vite-plugins.ts).
declare module 'virtual:company-context/names' {
  const index: import('./core/matcher.ts').NameIndex;
  export default index;
}
declare module 'virtual:company-context/dataset' {
  const dataset: import('./core/dataset.ts').Dataset;
  export default dataset;
}
