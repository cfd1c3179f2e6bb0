// Every message parser fed arbitrary and hostile values (fast-check): none throws, and each
// returns a message only for input that is well-formed by the table below, a restatement of the
// message types written apart from the parsers. Then every field of every well-formed message is
// broken in turn (wrong type, huge, hostile, missing, extra key): all rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MENTIONED, parseContentToBackground, parseHelloReply, parsePageToBackground, parseToContent } from '../../src/core/messages.ts';

const SEED = 5;
type Check = (v: unknown) => boolean;
type Direction = 'content' | 'page' | 'toContent';

const own = (o: object, keys: string[]) => Object.keys(o).length === keys.length && keys.every((k) => Object.hasOwn(o, k));
/** Every index, holes included (a structured-cloned array keeps its holes; `every` skips them). */
const all = (v: unknown[], check: Check) => Array.from(v).every(check);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id: Check = (v) => typeof v === 'string' && v.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v);
const alias: Check = (v) => typeof v === 'string' && v.length >= 1 && v.length <= 200 && !/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]/.test(v);
const FIELDS: Record<string, Check> = {
  id, alias,
  tab: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  bool: (v) => typeof v === 'boolean',
  site: (v) => typeof v === 'string' && v.length <= 253 && /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(v),
  ids: (v) => Array.isArray(v) && v.length <= MAX_MENTIONED && all(v, id),
  rejected: (v) => Array.isArray(v) && v.length <= 5000 && all(v, (r) => isObj(r) && own(r, ['entity', 'alias']) && id(r.entity) && alias(r.alias)),
};

/** Each message type: its direction and the kind of each field besides `type`. */
const TYPES: Record<string, { dir: Direction; fields: Record<string, keyof typeof FIELDS> }> = {
  hello: { dir: 'content', fields: {} },
  mentions: { dir: 'content', fields: { entities: 'ids' } },
  card: { dir: 'content', fields: { entity: 'id' } },
  openEntity: { dir: 'content', fields: { entity: 'id' } },
  reject: { dir: 'content', fields: { entity: 'id', alias: 'alias' } },
  tabState: { dir: 'page', fields: { tabId: 'tab' } },
  setPaused: { dir: 'page', fields: { tabId: 'tab', paused: 'bool' } },
  entity: { dir: 'page', fields: { entity: 'id' } },
  rejections: { dir: 'page', fields: {} },
  unreject: { dir: 'page', fields: { site: 'site', entity: 'id', alias: 'alias' } },
  paused: { dir: 'toContent', fields: { paused: 'bool' } },
  reveal: { dir: 'toContent', fields: { entity: 'id' } },
  rejected: { dir: 'toContent', fields: { rejected: 'rejected' } },
  companyList: { dir: 'toContent', fields: {} },
};
const PARSERS: Record<Direction, (x: unknown) => unknown> = { content: parseContentToBackground, page: parsePageToBackground, toContent: parseToContent };

function wellFormed(dir: Direction, x: unknown): boolean {
  if (!isObj(x) || typeof x.type !== 'string' || !Object.hasOwn(TYPES, x.type)) return false;
  const t = TYPES[x.type]!;
  return t.dir === dir && own(x, ['type', ...Object.keys(t.fields)]) && Object.entries(t.fields).every(([k, kind]) => FIELDS[kind]!(x[k]));
}

// Values a hostile sender could post (after structured cloning: data properties only).
const HUGE = 'a'.repeat(1 << 20);
let deep: unknown = 'hikvision';
for (let i = 0; i < 100_000; i++) deep = [deep];
let deepObj: unknown = { type: 'hello' };
for (let i = 0; i < 100_000; i++) deepObj = { type: 'card', entity: deepObj };
const SPECIAL: unknown[] = [
  HUGE, `${HUGE}-x`, deep, deepObj, Array(100_000).fill('a'), Array.from({ length: 100_000 }, (_, i) => `a${i}`), Array(100_000),
  JSON.parse('{"type":"card","__proto__":{"polluted":1}}'), JSON.parse('{"type":"hello","constructor":{"prototype":{"polluted":1}}}'),
  JSON.parse('{"__proto__":{"type":"hello"}}'), Object.create({ type: 'hello' }), Object.assign(Object.create(null), { type: 'hello', x: 1 }),
  // Holes survive structured cloning (Firefox's messaging); `every` would skip them.
  { type: 'mentions', entities: Array(3) }, { type: 'mentions', entities: ['a', , 'b'] }, { type: 'rejected', rejected: Array(2) },
  { type: 'constructor' }, { type: '__proto__' }, { type: 'toString' }, { type: 'hasOwnProperty' }, { type: ['hello'] }, { type: { toString: () => 'hello' } },
  'hikvision', 'Hikvision', '../x', '<img src=x onerror=alert(1)>', 'a\u202Eb', 'a\u0000b', '', ' ', '__proto__', 'constructor', 'javascript:alert(1)',
  -1, 1.5, NaN, Infinity, -0, 2 ** 53, '1', 'true', 0n, null, undefined, true, false, [], {}, [null], new Date(0), new Map([['type', 'hello']]), new Uint8Array(4),
];
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

/** A well-formed value for each field kind. */
const VALID: Record<keyof typeof FIELDS, fc.Arbitrary<unknown>> = {
  id: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/),
  alias: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter(alias),
  tab: fc.nat(),
  bool: fc.boolean(),
  site: fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z0-9-]{1,20}){0,3}$/),
  ids: fc.array(fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,5})?$/), { maxLength: 30 }),
  rejected: fc.array(fc.record({ entity: fc.stringMatching(/^[a-z]{1,8}$/), alias: fc.string({ minLength: 1, maxLength: 30 }).filter(alias) }), { maxLength: 10 }),
};
const message: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...Object.keys(TYPES)).chain((type) =>
  fc.record(Object.fromEntries(Object.entries(TYPES[type]!.fields).map(([k, kind]) => [k, VALID[kind]!]))).map((f) => ({ type, ...f })),
);

function show(x: unknown): string {
  try {
    return String(JSON.stringify(x)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

describe('message parsers under arbitrary input (fast-check)', () => {
  it('never throw, and return a message only for well-formed input, in every direction', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, message, fc.record({ type: fc.constantFrom(...Object.keys(TYPES)), entity: hostile }, { requiredKeys: ['type'] })), (x) => {
        for (const [dir, parse] of Object.entries(PARSERS) as Array<[Direction, (x: unknown) => unknown]>) {
          const got = parse(x);
          expect(got !== null, `${dir} ${show(x)}`).toBe(wellFormed(dir, x));
          // What a parser returns is a fresh plain object, never the sender's.
          if (got !== null) {
            expect(got).not.toBe(x);
            expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
          }
        }
        expect(parseHelloReply(x)).toBeNull();
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('accept every well-formed message as it is, only in its own direction', () => {
    fc.assert(
      fc.property(message, (m) => {
        const dir = TYPES[m.type as string]!.dir;
        const want = m.type === 'mentions' ? { ...m, entities: [...new Set(m.entities as string[])] } : m;
        for (const [d, parse] of Object.entries(PARSERS)) expect(parse(m)).toEqual(d === dir ? want : null);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('reject a well-formed message with any one field wrong, missing or added', () => {
    const broken = fc.tuple(message, fc.nat(), hostile, fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'x', 'Type', 'type '), fc.string())).map(([m, n, v, extra]) => {
      const keys = Object.keys(m);
      const key = keys[n % keys.length]!;
      const kind = key === 'type' ? null : TYPES[m.type as string]!.fields[key]!;
      const how = n % 3;
      const out: Record<string, unknown> = { ...m };
      if (how === 0 && (kind === null ? typeof v !== 'string' || !Object.hasOwn(TYPES, v) : !FIELDS[kind]!(v))) out[key] = v;
      else if (how === 1) delete out[key];
      // An own key, also for "__proto__" (as JSON.parse or structured cloning make it).
      else if (!Object.hasOwn(m, extra)) Object.defineProperty(out, extra, { value: v, enumerable: true, writable: true, configurable: true });
      else delete out[key];
      return { out, label: `${String(m.type)} ${['replace', 'delete', 'add'][how]} ${how === 2 ? extra : key}` };
    });
    fc.assert(
      fc.property(broken, ({ out, label }) => {
        for (const [dir, parse] of Object.entries(PARSERS)) expect(parse(out), `${dir}: ${label}`).toBeNull();
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('reject the largest lists a sender could post, without walking them for long', () => {
    const t0 = performance.now();
    expect(parseContentToBackground({ type: 'mentions', entities: Array(1e6).fill('a') })).toBeNull();
    expect(parseToContent({ type: 'rejected', rejected: Array(1e6).fill({ entity: 'a', alias: 'A' }) })).toBeNull();
    expect(parseHelloReply({ paused: false, rejected: Array(1e6).fill({ entity: 'a', alias: 'A' }) })).toBeNull();
    // Not a speed test: the length check comes first, so this is printed, not asserted.
    console.log(`parsers on 1e6-item lists: ${(performance.now() - t0).toFixed(1)} ms`);
  });
});
