// The dataset loader, validator and compiler fed broken files generated from a valid dataset:
// each run either loads a dataset that really is valid (checked here by rules of our own, not by
// asking the validator again) or throws DatasetError whose every line names the file, the record
// and the field, printable and short. Never another exception, never a polluted Object.prototype.
// The last test runs the real build script on a broken folder: it fails before writing anything.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { cardData } from '../../src/core/card-data.ts';
import { compileNameIndex } from '../../src/core/name-index.ts';
import type { Dataset } from '../../src/core/dataset.ts';
import { isAliasText, isEntityId } from '../../src/core/ids.ts';
import { DatasetError, MAX_TEXT, formatProblem, type DatasetProblem } from '../../src/core/problems.ts';

const FIXTURE = 'tests/fixtures/dataset';
const SEED = 20260;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Seg = string | number;
type Files = Record<string, Json>;
type Texts = Record<string, Uint8Array | string>;

const read = (p: string) => JSON.parse(readFileSync(join(FIXTURE, p), 'utf8')) as Json;
/** A second entity that uses every optional field and every cross-file reference. */
const BETA: Json = {
  id: 'beta-corp', kind: 'organisation', name: 'Beta Corp', country: 'GB',
  aliases: [{ text: 'Beta Corp', kind: 'primary' }, { text: '贝塔', kind: 'native', lang: 'zh' }, { text: 'Beta', kind: 'short', ambiguous: true }],
  notNames: ['Beta Corp Park'], cues: ['Beta phone'],
  measures: [{
    list: 'test-list', program: 'P 1', listedAs: 'BETA CORP', since: '2021', sinceMeaning: 'listed', removed: '2022-03', scope: 'Only X.',
    citation: { publisher: 'Reg', title: 'T', date: '2021-05', ref: '1 R 2', url: 'https://example.org/a' }, verification: 'snapshot:beta.html@2021-05-01',
  }],
  claims: [{
    id: 'c1', by: 'Someone', byEntity: 'acme', text: 'Said\tthis.', date: '2022-01-01', source: { publisher: 'P', title: 'T' },
    counterClaims: [{ by: 'Beta', byEntity: 'beta-corp', text: 'No.', date: '2022-02', source: { publisher: 'P', title: 'T2' } }],
  }],
  related: [{ type: 'affiliate', entity: 'acme', note: 'n', source: { publisher: 'P', title: 'T' } }],
};
const BASE: Record<string, Json> = { 'lists.json': read('lists.json'), 'entities/acme.json': read('entities/acme.json'), 'entities/beta-corp.json': BETA };
const FILES = Object.keys(BASE);

/** Every value in a file with its path. */
function paths(v: Json, at: Seg[] = []): Array<{ path: Seg[]; value: Json }> {
  const here = [{ path: at, value: v }];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}
const ALL = FILES.flatMap((file) => paths(BASE[file]!).map((p) => ({ file, ...p })));
const STRINGS = ALL.filter((p) => typeof p.value === 'string');
const OBJECTS = ALL.filter((p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value));
const KEYS = ALL.filter((p) => typeof p.path.at(-1) === 'string');
const DATES = KEYS.filter((p) => ['date', 'since', 'removed', 'asOf'].includes(p.path.at(-1) as string));
const KNOWN_KEYS = new Set(KEYS.map((p) => p.path.at(-1) as string));
/** Keys a record may leave out, by the kind of object that holds them. */
function optional(file: string, path: Seg[]): boolean {
  const key = path.at(-1);
  const parent = path.at(-2);
  if (file === 'lists.json') return key === 'authorityShort' || key === 'shortNames' || parent === 'shortNames';
  if (parent === 'citation' || parent === 'source') return ['date', 'ref', 'url'].includes(key as string);
  if (path.length === 1) return key === 'notNames' || key === 'cues';
  return ['lang', 'ambiguous', 'removed', 'scope', 'byEntity', 'note'].includes(key as string);
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const fieldOf = (path: Seg[]) => path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');

/** What a mutation must produce: which file, and (when it can be pinned) which field. */
interface Expect {
  file: string;
  /** Exact field, or a prefix when the key is shown quoted. */
  field?: string;
  prefix?: boolean;
}

interface Mutation {
  name: string;
  /** False when the result may still be a valid dataset (then the invariants must hold). */
  mustFail: boolean;
  expect?: Expect;
  apply(files: Files, text: Texts): void;
}

/** The problem's record and field for a path in a file. */
function expected(file: string, path: Seg[]): Expect {
  if (file !== 'lists.json') return { file, field: path.length === 0 ? '(record)' : fieldOf(path) };
  if (path.length === 0) return { file, field: '(root)' };
  return { file, field: path.length === 1 ? '(record)' : fieldOf(path.slice(1)) };
}

function setAt(root: Record<string, Json>, file: string, path: Seg[], value: Json | undefined): void {
  if (path.length === 0) {
    root[file] = value as Json;
    return;
  }
  let o = root[file] as Record<Seg, Json>;
  for (const s of path.slice(0, -1)) {
    // An earlier mutation (several at once) may have replaced the parent: nothing to change then.
    if (o === null || typeof o !== 'object' || !Object.hasOwn(o, s)) return;
    o = o[s] as Record<Seg, Json>;
  }
  if (o === null || typeof o !== 'object') return;
  const last = path.at(-1)!;
  if (value === undefined) delete o[last];
  // An own key even for "__proto__", as JSON.parse makes it.
  else Object.defineProperty(o, last, { value, enumerable: true, writable: true, configurable: true });
}

const DEEP = '\u0000deep\u0000';
const BANNED = [...'\u0000\u0001\u0007\u0008\u000B\u000C\u000D\u001B\u001F\u007F\u0085\u061C\u200B\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF'];
const BAD_DATES = ['2019-02-30', '2019-02-29', '2019-13-01', '2019-00', '2019-1-1', '19', '2019/01/01', '2019-01-01T00:00', '+2019', '20190101', '2019-01-32', 'yesterday', '2019-01-'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'polluted'];
const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Wrong type anywhere, including arrays for objects and objects for arrays.
  fc.tuple(pick(ALL), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>).filter(([p, v]) => kindOf(p.value) !== kindOf(v)).map(([p, v]) => ({
    name: `${p.file} ${fieldOf(p.path)} := ${JSON.stringify(v)?.slice(0, 80)}`, mustFail: true, expect: expected(p.file, p.path),
    apply: (f: Files) => setAt(f, p.file, p.path, v),
  })),
  // A huge string (the file stays under the size cap, so the field is reported, not the file).
  fc.tuple(pick(STRINGS), fc.integer({ min: MAX_TEXT + 1, max: 60_000 }), pick(['x', 'é', '中', '😀', ' ', 'a-'])).map(([p, n, c]) => ({
    name: `${p.file} ${fieldOf(p.path)} := ${n} × ${JSON.stringify(c)}`, mustFail: true, expect: expected(p.file, p.path),
    apply: (f: Files) => setAt(f, p.file, p.path, c.repeat(Math.ceil(n / c.length))),
  })),
  // Control, bidi and invisible characters.
  fc.tuple(pick(STRINGS), pick(BANNED), fc.nat()).map(([p, c, at]) => ({
    name: `${p.file} ${fieldOf(p.path)} gets U+${c.charCodeAt(0).toString(16)}`, mustFail: true, expect: expected(p.file, p.path),
    apply: (f: Files) => {
      const s = p.value as string;
      const i = at % (s.length + 1);
      setAt(f, p.file, p.path, s.slice(0, i) + c + s.slice(i));
    },
  })),
  // Missing fields.
  pick(KEYS).map((p) => ({
    name: `${p.file} delete ${fieldOf(p.path)}`, mustFail: !optional(p.file, p.path), expect: optional(p.file, p.path) ? undefined : expected(p.file, p.path),
    apply: (f: Files) => setAt(f, p.file, p.path, undefined),
  })),
  // Extra fields, prototype-pollution keys among them (own keys in the JSON text).
  fc.tuple(pick(OBJECTS), fc.oneof(pick(HOSTILE_KEYS), fc.string({ maxLength: 70, unit: 'binary' })), fc.oneof(fc.constant<Json>({ polluted: 1 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>))
    .filter(([p, k]) => !KNOWN_KEYS.has(k) && !Object.hasOwn(p.value as object, k))
    .map(([p, k, v]) => {
      // A key that is not a plain name is shown quoted in brackets after its object's path.
      const parent = fieldOf(p.file === 'lists.json' ? p.path.slice(1) : p.path);
      const plain = /^[A-Za-z_$][\w$]{0,59}$/.test(k);
      return {
        name: `${p.file} ${fieldOf(p.path)} + ${JSON.stringify(k)}`, mustFail: true,
        expect: plain ? expected(p.file, [...p.path, k]) : { file: p.file, field: `${parent}[`, prefix: true },
        apply: (f: Files) => setAt(f, p.file, [...p.path, k], v),
      };
    }),
  // Impossible or malformed dates.
  fc.tuple(pick(DATES), pick(BAD_DATES)).map(([p, d]) => ({
    name: `${p.file} ${fieldOf(p.path)} := ${d}`, mustFail: true, expect: expected(p.file, p.path),
    apply: (f: Files) => setAt(f, p.file, p.path, d),
  })),
  // References to lists and entities that are not declared.
  fc.tuple(pick(ALL.filter((p) => ['list', 'entity', 'byEntity'].includes(p.path.at(-1) as string))), fc.stringMatching(/^[a-z]{1,8}(-[a-z0-9]{1,5})?$/))
    .filter(([, id]) => !['test-list', 'acme', 'beta-corp'].includes(id))
    .map(([p, id]) => ({
      name: `${p.file} ${fieldOf(p.path)} := ${id}`, mustFail: true, expect: expected(p.file, p.path),
      apply: (f: Files) => setAt(f, p.file, p.path, id),
    })),
  // The same entity under another file name, or the same list twice.
  fc.tuple(pick(['entities/acme.json', 'entities/beta-corp.json']), fc.stringMatching(/^[a-z]{1,10}$/)).map(([file, name]) => ({
    name: `${file} copied to ${name}.json`, mustFail: true, expect: { file: `entities/${name}-copy.json`, field: 'id' },
    apply: (f: Files) => (f[`entities/${name}-copy.json`] = structuredClone(f[file]!)),
  })),
  fc.constant<Mutation>({
    name: 'list declared twice', mustFail: true, expect: { file: 'lists.json', field: 'id' },
    apply: (f: Files) => (f['lists.json'] as Json[]).push(structuredClone((f['lists.json'] as Json[])[0]!)),
  }),
  // Deep nesting where a value belongs (parsed without recursion limits, never walked).
  fc.tuple(pick(ALL), fc.integer({ min: 1000, max: 40_000 })).map(([p, depth]) => ({
    name: `${p.file} ${fieldOf(p.path)} := ${depth} nested arrays`, mustFail: true,
    expect: expected(p.file, Array.isArray(p.value) ? [...p.path, 0] : p.path),
    apply: (f: Files, t: Texts) => {
      setAt(f, p.file, p.path, DEEP);
      t[p.file] = JSON.stringify(f[p.file]).replace(JSON.stringify(DEEP), '['.repeat(depth) + ']'.repeat(depth));
    },
  })),
  // Truncated files: any strict prefix of a JSON object or array is invalid JSON.
  fc.tuple(pick(FILES), fc.nat()).map(([file, at]) => ({
    name: `${file} truncated`, mustFail: true, expect: { file, field: '(json)' },
    apply: (f: Files, t: Texts) => {
      const s = JSON.stringify(f[file], null, 2);
      t[file] = s.slice(0, at % s.length);
    },
  })),
  // Bytes that are not UTF-8.
  fc.tuple(pick(FILES), fc.nat(), pick([[0xff], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf]])).map(([file, at, bad]) => ({
    name: `${file} gets bytes ${bad.join(',')}`, mustFail: true, expect: { file, field: '(json)' },
    apply: (f: Files, t: Texts) => {
      const s = Buffer.from(JSON.stringify(f[file]));
      const i = at % (s.length + 1);
      t[file] = Buffer.concat([s.subarray(0, i), Buffer.from(bad), s.subarray(i)]);
    },
  })),
  // Random bytes spliced in: often still valid JSON, sometimes still a valid dataset.
  fc.tuple(pick(FILES), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([file, at, bytes]) => ({
    name: `${file} gets bytes ${[...bytes].join(',')} at ${at}`, mustFail: false,
    apply: (f: Files, t: Texts) => {
      const s = Buffer.from(JSON.stringify(f[file], null, 1));
      const i = at % (s.length + 1);
      t[file] = Buffer.concat([s.subarray(0, i), Buffer.from(bytes), s.subarray(i)]);
    },
  })),
);

const work = mkdtempSync(join(tmpdir(), 'cc-datafuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let run = 0;

/** Writes one dataset folder from the mutated files. */
function write(files: Record<string, Json>, text: Record<string, Uint8Array | string>): string {
  const dir = join(work, String(run++));
  mkdirSync(join(dir, 'entities'), { recursive: true });
  for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, name), text[name] ?? JSON.stringify(json, null, 2));
  return dir;
}

/** What a dataset text may not hold: the validator's rule, restated (joiners U+200C/D are allowed). */
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
/** What a report line may not hold: nothing invisible at all. */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** Rules a dataset that loads must keep, checked apart from the validator. */
function checkValid(d: Dataset): void {
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') {
      expect(v.length, at).toBeLessThanOrEqual(MAX_TEXT);
      expect(v, at).not.toMatch(HIDDEN);
      expect(v, at).toBe(v.trim());
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v !== null && typeof v === 'object') {
      expect(Object.getPrototypeOf(v), at).toBe(Array.isArray(v) ? Array.prototype : Object.prototype);
      for (const k of Object.keys(v)) {
        expect(['__proto__', 'constructor', 'prototype', 'polluted'], at).not.toContain(k);
        walk((v as Record<string, unknown>)[k], `${at}.${k}`);
      }
    }
  };
  walk(d, 'dataset');
  const lists = new Set(d.lists.map((l) => l.id));
  const ids = new Set(d.entities.map((e) => e.id));
  expect(ids.size).toBe(d.entities.length);
  expect(lists.size).toBe(d.lists.length);
  for (const e of d.entities) {
    expect(isEntityId(e.id), e.id).toBe(true);
    expect(e.aliases.length).toBeGreaterThan(0);
    for (const a of e.aliases) expect(isAliasText(a.text), a.text).toBe(true);
    for (const m of e.measures) expect(lists.has(m.list)).toBe(true);
    for (const r of e.related) expect(ids.has(r.entity)).toBe(true);
    const card = cardData(d, e.id, '2026-02-01');
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  }
  expect(compileNameIndex(d).entities).toEqual(d.entities.map((e) => e.id));
}

/** Loads a folder; returns the problems, or [] after checking what loaded. Any other throw fails. */
function load(dir: string): DatasetProblem[] {
  let problems: DatasetProblem[];
  try {
    const { dataset } = loadDataset(dir, dir);
    checkValid(dataset);
    problems = [];
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    problems = e.problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(e.message).toContain(formatProblem(problems[0]!));
    const entities = existsSync(join(dir, 'entities')) ? readdirSync(join(dir, 'entities')) : [];
    const names = ['lists.json', 'entities', ...entities.map((f) => `entities/${f}`)];
    for (const p of problems) {
      const line = formatProblem(p);
      expect(names, line).toContain(p.file);
      expect(p.record, line).toMatch(/^(\(file\)|\(folder\)|(entity|list) \S.*)$/);
      expect(p.field, line).not.toBe('');
      expect(p.message, line).not.toBe('');
      expect(line, line).not.toMatch(UNPRINTABLE);
      expect(line.length, line.slice(0, 200)).toBeLessThan(500);
    }
  }
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  return problems;
}

function mutate(ms: Mutation[]): string {
  const files = structuredClone(BASE);
  const text: Record<string, Uint8Array | string> = {};
  for (const m of ms) m.apply(files, text);
  return write(files, text);
}

describe('dataset loader under broken files (fast-check)', () => {
  it('accepts the unbroken base dataset', () => {
    expect(load(mutate([]))).toEqual([]);
  });

  it('reports each broken file, record and field, and accepts only a valid dataset', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const problems = load(mutate([m]));
        if (m.mustFail) expect(problems.length, `${m.name}: loaded`).toBeGreaterThan(0);
        const want = m.expect;
        if (!want) return;
        const hit = problems.some((p) => p.file === want.file && (want.prefix ? p.field.startsWith(want.field!) : p.field === want.field));
        expect(hit, `${m.name}: want ${want.file} ${want.field}; got\n${problems.map(formatProblem).join('\n')}`).toBe(true);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('never throws anything but a DatasetError for several mutations at once', () => {
    fc.assert(
      // Mutations can undo each other here, so only the general rules apply: a DatasetError, or a
      // dataset that passes checkValid.
      fc.property(fc.array(mutation, { minLength: 2, maxLength: 5 }), (ms) => void load(mutate(ms))),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throws anything but a DatasetError for arbitrary file contents', () => {
    fc.assert(
      fc.property(pick(FILES), fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v))), (file, content) => {
        const dir = mutate([]);
        writeFileSync(join(dir, file), content);
        load(dir);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reports a file too big, a nesting too deep for a recursive parser, and a missing folder', () => {
    const dir = mutate([]);
    writeFileSync(join(dir, 'entities', 'acme.json'), JSON.stringify({ ...(BASE['entities/acme.json'] as object), name: 'x'.repeat(1_000_000) }));
    writeFileSync(join(dir, 'entities', 'beta-corp.json'), `${'['.repeat(90_000)}${']'.repeat(90_000)}`);
    const got = load(dir).map(formatProblem);
    expect(got).toContainEqual(expect.stringMatching(/^entities\/acme\.json: \(file\): \(json\): is \d+ bytes; at most/));
    expect(got).toContain('entities/beta-corp.json: entity (no id): (record): must be an object');
    rmSync(join(dir, 'entities'), { recursive: true });
    expect(load(dir).map(formatProblem)).toContainEqual(expect.stringMatching(/^entities: \(folder\): \(files\): ENOENT/));
  });
});

describe('npm run build on a broken dataset', () => {
  it('exits non-zero naming file, record and field, before anything in the output folder is replaced', () => {
    // The real build script, with COMPANY_CONTEXT_OUT pointing at a scratch folder holding a
    // previous build. The script checks the dataset before vite runs: one clean report, no stack
    // trace, and nothing written. (Vite alone also fails before emptying its output folder today,
    // but prints a stack trace; the marker guards the folder whatever vite's order becomes.)
    const data = join(work, 'build-data');
    cpSync(FIXTURE, data, { recursive: true });
    const acme = read('entities/acme.json') as { measures: Array<Record<string, Json>> };
    acme.measures[0]!.since = '2020-02-30';
    writeFileSync(join(data, 'entities', 'acme.json'), JSON.stringify(acme));
    const out = join(work, 'build-out');
    mkdirSync(join(out, 'chrome'), { recursive: true });
    writeFileSync(join(out, 'chrome', 'manifest.json'), 'previous build');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
      encoding: 'utf8',
      env: { ...process.env, COMPANY_CONTEXT_DATA: data, COMPANY_CONTEXT_OUT: out },
    });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^build stopped before writing anything: dataset has 1 problem\(s\):\n.*entities\/acme\.json: entity acme: measures\[0\]\.since: "2020-02-30" is not a valid/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(out)).toEqual(['chrome']);
    expect(readdirSync(join(out, 'chrome'))).toEqual(['manifest.json']);
    expect(readFileSync(join(out, 'chrome', 'manifest.json'), 'utf8')).toBe('previous build');
  }, 30_000);
});
