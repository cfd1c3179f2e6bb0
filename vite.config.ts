import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor } from './manifest.config.ts';
import { datasetPlugin, preactNoHtmlSink } from './scripts/vite-plugins.ts';

// Extension pages and background, for TARGET=chrome|firefox. `npm run build` (scripts/build.ts)
// runs this for both targets and builds the content script apart.
const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  plugins: [
    preactNoHtmlSink(),
    datasetPlugin(process.env.COMPANY_CONTEXT_DATA),
    preact({ devToolsEnabled: false, prefreshEnabled: false }),
    crx({ manifest: manifestFor(target), browser: target }),
  ],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'es2022',
    // Vite's modulepreload polyfill uses fetch(); extension pages need no preloading help.
    modulePreload: { polyfill: false },
    // Pages no manifest key names (crxjs finds the popup itself).
    rolldownOptions: { input: { entity: 'src/entity/index.html', welcome: 'src/welcome/index.html' } },
  },
  legacy: { skipWebSocketTokenCheck: true },
});
