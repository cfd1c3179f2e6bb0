// One linter. Besides correctness rules it enforces two things the project promises:
// - boundaries: each context (content, popup, background, options, entity) may use core and ui
//   but not another context; core uses nothing but core (no DOM, no extension APIs, no preact);
// - no HTML sinks, dynamic code or network APIs anywhere in shipped code.
import tseslint from 'typescript-eslint';

const CONTEXTS = ['content', 'popup', 'background', 'options', 'entity', 'welcome'];

/** Import patterns a folder may not use: the other contexts, plus extras. */
function forbid(folders, extra = []) {
  return [
    ...folders.map((f) => ({ group: [`**/${f}/**`, `../${f}/*`, `./${f}/*`], message: `src/${f} belongs to another context: share code through src/core or src/ui.` })),
    ...extra,
  ];
}

const shippedSafety = {
  'no-restricted-properties': [
    'error',
    { property: 'innerHTML', message: 'HTML sink: build nodes with text instead.' },
    { property: 'outerHTML', message: 'HTML sink.' },
    { property: 'insertAdjacentHTML', message: 'HTML sink.' },
    { property: 'createContextualFragment', message: 'HTML sink.' },
    { object: 'document', property: 'write', message: 'HTML sink.' },
    { property: 'sendBeacon', message: 'No network: the extension never sends anything.' },
    { property: 'onMessageExternal', message: 'No external messaging.' },
    { property: 'onConnectExternal', message: 'No external messaging.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'No network: the extension never sends anything.' },
    { name: 'XMLHttpRequest', message: 'No network.' },
    { name: 'WebSocket', message: 'No network.' },
    { name: 'EventSource', message: 'No network.' },
    { name: 'eval', message: 'No dynamic code.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Function']", message: 'No dynamic code.' },
    { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'HTML sink.' },
    { selector: "CallExpression[callee.property.name='addEventListener'][arguments.0.value='message']", message: 'No window message listeners: pages can post anything.' },
  ],
  'no-eval': 'error',
  'no-implied-eval': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'tests/fixtures/lint/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['src/**/*.{ts,tsx}'], rules: shippedSafety },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: forbid([...CONTEXTS, 'ui'], [
          { group: ['preact', 'preact/*', 'webextension-polyfill'], message: 'src/core is DOM-free and extension-free: the build scripts share it.' },
        ]),
      }],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: forbid(CONTEXTS, [{ group: ['webextension-polyfill'], message: 'src/ui renders data it is given; contexts do the messaging.' }]),
      }],
    },
  },
  {
    // The one exception: interface text. browser.i18n.getMessage looks up bundled text, it sends nothing.
    files: ['src/ui/i18n.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: forbid(CONTEXTS) }] },
  },
  ...CONTEXTS.map((ctx) => ({
    files: [`src/${ctx}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbid(CONTEXTS.filter((c) => c !== ctx)) }] },
  })),
);
