// The Chrome manifest is `manifest.json`; Firefox's is derived from it here.
import { defineManifest } from '@crxjs/vite-plugin';
import base from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

export const GECKO_ID = 'company-context@company-context.org';

export function manifestFor(target: 'chrome' | 'firefox') {
  return defineManifest(() => {
    const m = { ...structuredClone(base), version: pkg.version } as Record<string, unknown>;
    // The content script is built apart as one self-contained file (scripts/build.ts adds it back):
    // crxjs' loader would list its chunks in web_accessible_resources, which pages can probe.
    delete m.content_scripts;
    if (target === 'firefox') {
      delete m.minimum_chrome_version;
      m.background = { scripts: ['src/background/index.ts'], type: 'module' };
      m.browser_specific_settings = {
        // 142 is the first version that knows data_collection_permissions, which AMO requires.
        gecko: { id: GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
      };
    }
    return m as unknown as ReturnType<Parameters<typeof defineManifest>[0] extends () => infer R ? () => R : never>;
  });
}
