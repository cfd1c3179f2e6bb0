// `npm run check:locales` (part of `npm test` and `npm run build`): every message id the code uses
// (t('…'), fill('…'), plural('…') → id_one/_few/_many/_other, getMessage('…'), __MSG_…__ in the
// manifest) is in every locale under public/_locales; no locale has an id English lacks, and English
// none that nothing uses; each
// message uses exactly its declared placeholders, and they are the same in every locale.
// A call whose id is not a string literal is an error too: this check could not see it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const PLURAL_FORMS = ['one', 'few', 'many', 'other'];
/** Where ids are built at run time from literal ids, on purpose (plural() and the helper itself). */
const HELPER = join('src', 'ui', 'i18n.ts');

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, Message>;

export interface Sources {
  /** path → file text, for every source file that may use messages. */
  files: Map<string, string>;
  /** locale folder name ("en", "zh_CN") → its parsed messages.json. */
  locales: Map<string, Messages>;
  defaultLocale: string;
}

/** The ids used by one source file, or problems where an id is not a literal. */
export function usedIds(path: string, text: string): { ids: Set<string>; problems: string[] } {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const m of text.matchAll(/__MSG_(\w+)__/g)) ids.add(m[1]!);
  const calls = [...text.matchAll(/(?<![\w.$])(t|fill|plural)\(\s*([^,)\s]*)/g), ...text.matchAll(/(?<![\w$])(getMessage)\(\s*([^,)\s]*)/g)];
  for (const m of calls) {
    const [, fn, arg] = m as unknown as [string, string, string];
    const lit = /^(['"])(@@)?(\w+)\1$/.exec(arg);
    if (!lit) {
      // The helper builds ids from literal ones checked here; anywhere else a dynamic id is invisible.
      if (path !== HELPER) problems.push(`${path}: ${fn}(${arg}…): message id is not a string literal`);
      continue;
    }
    if (lit[2]) continue; // @@ids are the browser's own
    if (fn === 'plural') for (const f of PLURAL_FORMS) ids.add(`${lit[3]}_${f}`);
    else ids.add(lit[3]!);
  }
  return { ids, problems };
}

/** The placeholders a message uses ($NAME$), lower-cased as the browser matches them. */
function usedPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();
}

/** Manifest texts the stores cut or refuse past a length (Chrome Web Store: description ≤ 132). */
const STORE_LIMITS: Record<string, number> = { ext_description: 132, ext_name: 75 };

function declared(m: Message): string {
  return JSON.stringify(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]).sort());
}

export function checkLocales({ files, locales, defaultLocale }: Sources): string[] {
  const problems: string[] = [];
  const used = new Map<string, string>(); // id → first file using it
  for (const [path, text] of files) {
    const r = usedIds(path, text);
    problems.push(...r.problems);
    for (const id of r.ids) if (!used.has(id)) used.set(id, path);
  }
  const base = locales.get(defaultLocale);
  if (!base) return [...problems, `default locale "${defaultLocale}" has no messages.json`];
  for (const id of Object.keys(base)) if (!used.has(id)) problems.push(`${defaultLocale}: message "${id}" is used nowhere`);
  for (const [locale, messages] of locales) {
    for (const [id, where] of used) if (!(id in messages)) problems.push(`${locale}: missing message "${id}" (used in ${where})`);
    for (const [id, m] of Object.entries(messages)) {
      if (!/^\w+$/.test(id)) problems.push(`${locale}: message id "${id}" may use only letters, digits and _`);
      if (locale !== defaultLocale && !(id in base)) problems.push(`${locale}: message "${id}" is not in ${defaultLocale}`);
      if (typeof m?.message !== 'string') {
        problems.push(`${locale}: message "${id}" has no "message" text`);
        continue;
      }
      const limit = STORE_LIMITS[id];
      if (limit !== undefined && m.message.length > limit) problems.push(`${locale}: message "${id}" is ${m.message.length} characters; the stores take at most ${limit}`);
      const names = Object.keys(m.placeholders ?? {}).map((k) => k.toLowerCase()).sort();
      const inText = usedPlaceholders(m.message);
      if (JSON.stringify(names) !== JSON.stringify(inText)) {
        problems.push(`${locale}: message "${id}" uses placeholders [${inText.join(', ')}] but declares [${names.join(', ')}]`);
      }
      const en = base[id];
      if (locale !== defaultLocale && en && declared(en) !== declared(m)) {
        problems.push(`${locale}: message "${id}" placeholders ${declared(m)} differ from ${defaultLocale} ${declared(en)}`);
      }
    }
  }
  return problems;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

export function readSources(root: string): Sources {
  const files = new Map<string, string>();
  for (const p of walk(join(root, 'src'))) if (/\.(ts|tsx|html)$/.test(p)) files.set(relative(root, p), readFileSync(p, 'utf8'));
  const manifestText = readFileSync(join(root, 'manifest.json'), 'utf8');
  files.set('manifest.json', manifestText);
  const localesDir = join(root, 'public', '_locales');
  const locales = new Map<string, Messages>();
  for (const name of readdirSync(localesDir).sort()) locales.set(name, JSON.parse(readFileSync(join(localesDir, name, 'messages.json'), 'utf8')) as Messages);
  const defaultLocale = (JSON.parse(manifestText) as { default_locale?: string }).default_locale ?? '';
  return { files, locales, defaultLocale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sources = readSources(process.cwd());
  const problems = checkLocales(sources);
  for (const p of problems) console.error(p);
  console.log(`check-locales: ${[...sources.locales.keys()].join(', ')}: ${problems.length} problem(s)`);
  process.exit(problems.length > 0 ? 1 : 0);
}
