// `npm run build`: for Chrome and Firefox, builds the extension pages and background (vite +
// crxjs, vite.config.ts), then each content script (early.js at document_start, content.js at
// document_idle: src/content/input-bridge.ts) as one self-contained IIFE with no
// web_accessible_resources, adds them to the built manifest, and writes a store-ready zip.
// Env: COMPANY_CONTEXT_DATA=<dir> builds from another data folder; COMPANY_CONTEXT_OUT=<dir>
// writes somewhere other than dist/ (tests use both).
// `--with-official` (or COMPANY_CONTEXT_OFFICIAL=<file>) merges data/generated/official.json
// (npm run data:import) into the bundle: imported-only organisations become names and cards.
// The whole dataset is validated before vite runs: a data error stops the build with one clean
// report before any output folder is touched, not with a stack trace from inside a plugin at
// whatever point vite had reached.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import base from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };
import { DatasetError } from '../src/core/problems.ts';
import { loadDataset } from './load-dataset.ts';
import { loadOfficial, OFFICIAL_DEFAULT, OFFICIAL_ENV } from './load-official.ts';
import { datasetPlugin, preactNoHtmlSink } from './vite-plugins.ts';

const TARGETS = ['chrome', 'firefox'] as const;
/** Each content script's source (as manifest.json names it) and its built file. */
const CONTENT_FILES: Record<string, string> = { 'src/content/early.ts': 'early.js', 'src/content/index.ts': 'content.js' };
const CONTENT_FILE = CONTENT_FILES['src/content/index.ts']!;
const dataDir = process.env.COMPANY_CONTEXT_DATA ?? 'data';
const outRoot = resolve(process.env.COMPANY_CONTEXT_OUT ?? 'dist');

async function buildTarget(target: (typeof TARGETS)[number]): Promise<string> {
  const outDir = join(outRoot, target);
  process.env.TARGET = target;
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir } });
  for (const [entry, file] of Object.entries(CONTENT_FILES)) {
    await build({
      configFile: false,
      logLevel: 'warn',
      plugins: [preactNoHtmlSink(), datasetPlugin(dataDir), preact({ devToolsEnabled: false, prefreshEnabled: false })],
      // `npm run bench` builds with COMPANY_CONTEXT_BENCH=1: the content script then leaves
      // performance marks (src/content/page.ts); in every other build the marks are compiled out.
      define: { __CC_BENCH__: JSON.stringify(process.env.COMPANY_CONTEXT_BENCH === '1') },
      build: {
        outDir,
        emptyOutDir: false,
        rolldownOptions: process.env.COMPANY_CONTEXT_BENCH === '1' && file === CONTENT_FILE ? { output: { banner: "performance.mark('cc-start');" } } : {},
        minify: false,
        target: 'es2022',
        lib: { entry: resolve(entry), formats: ['iife'], name: 'companyContext', fileName: () => file },
      },
    });
  }
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.content_scripts = base.content_scripts.map((cs) => ({ ...cs, js: cs.js.map((src) => CONTENT_FILES[src] ?? src) }));
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return outDir;
}

/** Reproducible zip: sorted entries, fixed timestamps. */
function zipDir(dir: string, out: string): void {
  const files: Zippable = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = [readFileSync(p), { mtime: new Date('2026-01-01T00:00:00Z') }];
    }
  };
  walk(dir);
  writeFileSync(out, zipSync(files, { level: 9 }));
}

const args = process.argv.slice(2);
if (args.includes('--with-official')) process.env[OFFICIAL_ENV] ??= OFFICIAL_DEFAULT;
try {
  const { dataset } = loadDataset(dataDir);
  const official = process.env[OFFICIAL_ENV];
  if (official) loadOfficial(resolve(official), dataset);
} catch (e) {
  if (!(e instanceof DatasetError)) throw e;
  console.error(`build stopped before writing anything: ${e.message}`);
  process.exit(1);
}

const only = args.find((a) => !a.startsWith('--'));
for (const target of TARGETS) {
  if (only && only !== target) continue;
  const dir = await buildTarget(target);
  const zip = join(outRoot, `company-context-${pkg.version}-${target}.zip`);
  zipDir(dir, zip);
  const kib = (f: string) => (statSync(join(dir, f)).size / 1024).toFixed(1);
  console.log(`built ${relative(process.cwd(), dir)}/ and ${relative(process.cwd(), zip)} (${CONTENT_FILE} ${kib(CONTENT_FILE)} KiB, early.js ${kib('early.js')} KiB${process.env[OFFICIAL_ENV] ? ', with official lists' : ''})`);
}
