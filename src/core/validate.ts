// Validates dataset source files. Every problem names the file, the record and the field, and all
// problems are collected, so a broken dataset fails the build with one complete report.
import {
  ALIAS_KINDS, DATE_MEANINGS, ENTITY_KINDS, MEASURE_KINDS, RELATION_TYPES,
  type Alias, type Citation, type Claim, type CounterClaim, type Dataset, type Entity, type ListDef,
  type Measure, type Relation,
} from './dataset.ts';
import { nameKey } from './normalize.ts';

export interface DatasetProblem {
  file: string;
  record: string;
  field: string;
  message: string;
}

export function formatProblem(p: DatasetProblem): string {
  return `${p.file}: ${p.record}: ${p.field}: ${p.message}`;
}

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(`dataset has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  }
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date. */
export function isPartialDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  if (Number(mo) < 1 || Number(mo) > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCDate() === Number(d);
}

/** Compares partial dates by their earliest possible day. */
export function compareDates(a: string, b: string): number {
  return a.padEnd(10, '-00').localeCompare(b.padEnd(10, '-00'));
}

/** Reads fields of one record and records what is wrong with them. */
class Reader {
  constructor(
    private readonly problems: DatasetProblem[],
    readonly file: string,
    readonly record: string,
  ) {}

  fail(field: string, message: string): void {
    this.problems.push({ file: this.file, record: this.record, field, message });
  }

  obj(v: unknown, field: string): Record<string, unknown> | null {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    this.fail(field, 'must be an object');
    return null;
  }

  known(o: Record<string, unknown>, field: string, keys: readonly string[]): void {
    for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(join(field, k), 'unknown field');
  }

  str(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(join(field, key), optional ? 'must be a non-empty string when present' : 'required non-empty string');
      return undefined;
    }
    if (v !== v.trim()) this.fail(join(field, key), 'has leading or trailing white space');
    // Bidi overrides and control characters could reorder or hide text on the card.
    if (/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(v)) this.fail(join(field, key), 'contains control or bidi-override characters');
    return v;
  }

  oneOf<T extends string>(o: Record<string, unknown>, field: string, key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(o, field, key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(join(field, key), `must be one of ${allowed.join(', ')}; got "${v}"`);
      return undefined;
    }
    return v as T;
  }

  date(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = this.str(o, field, key, optional);
    if (v !== undefined && !isPartialDate(v)) this.fail(join(field, key), `"${v}" is not a valid YYYY, YYYY-MM or YYYY-MM-DD date`);
    return v;
  }

  url(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = this.str(o, field, key, optional);
    if (v !== undefined && !/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(v)) this.fail(join(field, key), `"${v}" must be an https: URL`);
    return v;
  }

  arr(o: Record<string, unknown>, field: string, key: string): unknown[] {
    const v = o[key];
    if (Array.isArray(v)) return v;
    this.fail(join(field, key), 'must be an array');
    return [];
  }
}

function join(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

function citation(r: Reader, v: unknown, field: string): Citation | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.known(o, field, ['publisher', 'title', 'date', 'ref', 'url']);
  const c: Citation = { publisher: r.str(o, field, 'publisher') ?? '', title: r.str(o, field, 'title') ?? '' };
  const date = r.date(o, field, 'date', true);
  const ref = r.str(o, field, 'ref', true);
  const url = r.url(o, field, 'url', true);
  if (date) c.date = date;
  if (ref) c.ref = ref;
  if (url) c.url = url;
  return c;
}

export function validateLists(file: string, json: unknown, problems: DatasetProblem[]): ListDef[] {
  const top = new Reader(problems, file, '(file)');
  if (!Array.isArray(json)) {
    top.fail('', 'must be a JSON array of lists');
    return [];
  }
  const out: ListDef[] = [];
  json.forEach((v, i) => {
    const id = typeof (v as { id?: unknown })?.id === 'string' ? (v as { id: string }).id : `#${i}`;
    const r = new Reader(problems, file, `list ${id}`);
    const o = r.obj(v, '');
    if (!o) return;
    r.known(o, '', ['id', 'name', 'authority', 'jurisdiction', 'kind', 'url', 'dateNote', 'asOf']);
    const list: ListDef = {
      id: r.str(o, '', 'id') ?? '',
      name: r.str(o, '', 'name') ?? '',
      authority: r.str(o, '', 'authority') ?? '',
      jurisdiction: r.str(o, '', 'jurisdiction') ?? '',
      kind: r.oneOf(o, '', 'kind', MEASURE_KINDS) ?? 'sanctions',
      url: r.url(o, '', 'url') ?? '',
      dateNote: r.str(o, '', 'dateNote') ?? '',
      asOf: r.date(o, '', 'asOf') ?? '',
    };
    if (list.id && !ID.test(list.id)) r.fail('id', 'must be kebab-case ([a-z0-9-])');
    if (list.jurisdiction && !/^([A-Z]{2})$/.test(list.jurisdiction)) r.fail('jurisdiction', 'must be an ISO 3166 alpha-2 code, "EU" or "UN"');
    if (list.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(list.asOf)) r.fail('asOf', 'must be a full YYYY-MM-DD date');
    out.push(list);
  });
  return out;
}

export function validateEntity(file: string, json: unknown, problems: DatasetProblem[]): Entity | null {
  const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : '(no id)';
  const r = new Reader(problems, file, `entity ${id}`);
  const o = r.obj(json, '');
  if (!o) return null;
  r.known(o, '', ['id', 'kind', 'name', 'country', 'aliases', 'notNames', 'cues', 'measures', 'claims', 'related']);
  const e: Entity = {
    id: r.str(o, '', 'id') ?? '',
    kind: r.oneOf(o, '', 'kind', ENTITY_KINDS) ?? 'company',
    name: r.str(o, '', 'name') ?? '',
    country: r.str(o, '', 'country') ?? '',
    aliases: r.arr(o, '', 'aliases').map((v, i) => alias(r, v, `aliases[${i}]`)).filter((a): a is Alias => a !== undefined),
    measures: r.arr(o, '', 'measures').map((v, i) => measure(r, v, `measures[${i}]`)).filter((m): m is Measure => m !== undefined),
    claims: r.arr(o, '', 'claims').map((v, i) => claim(r, v, `claims[${i}]`)).filter((c): c is Claim => c !== undefined),
    related: r.arr(o, '', 'related').map((v, i) => relation(r, v, `related[${i}]`)).filter((x): x is Relation => x !== undefined),
  };
  for (const key of ['notNames', 'cues'] as const) {
    if (o[key] === undefined) continue;
    const list = r.arr(o, '', key).flatMap((v, i) => {
      const t = r.str({ v }, `${key}[${i}]`, 'v');
      return t === undefined ? [] : [t];
    });
    list.forEach((n, i) => {
      if (e.aliases.some((a) => nameKey(a.text) === nameKey(n))) r.fail(`${key}[${i}]`, `"${n}" is also an alias of this entity`);
    });
    e[key] = list;
  }
  if (e.id && !ID.test(e.id)) r.fail('id', 'must be kebab-case ([a-z0-9-])');
  const base = file.split('/').pop()?.replace(/\.json$/, '');
  if (e.id && base !== e.id) r.fail('id', `must equal the file name ("${base}")`);
  if (e.country && !/^[A-Z]{2}$/.test(e.country)) r.fail('country', 'must be an ISO 3166 alpha-2 code');
  if (e.aliases.length === 0) r.fail('aliases', 'needs at least one alias');
  const seen = new Set<string>();
  e.aliases.forEach((a, i) => {
    const key = nameKey(a.text);
    if (key === '') r.fail(`aliases[${i}].text`, 'has no letters or digits to match');
    if (seen.has(key)) r.fail(`aliases[${i}].text`, `repeats another alias of this entity ("${a.text}")`);
    seen.add(key);
  });
  if (!e.aliases.some((a) => a.text === e.name)) r.fail('name', 'must also be listed as an alias');
  const claimIds = new Set<string>();
  e.claims.forEach((c, i) => {
    if (claimIds.has(c.id)) r.fail(`claims[${i}].id`, `duplicate claim id "${c.id}"`);
    claimIds.add(c.id);
  });
  return e;
}

function alias(r: Reader, v: unknown, f: string): Alias | undefined {
  const o = r.obj(v, f);
  if (!o) return undefined;
  r.known(o, f, ['text', 'kind', 'lang', 'ambiguous']);
  const a: Alias = { text: r.str(o, f, 'text') ?? '', kind: r.oneOf(o, f, 'kind', ALIAS_KINDS) ?? 'short' };
  const lang = r.str(o, f, 'lang', true);
  if (lang) a.lang = lang;
  if (o.ambiguous !== undefined) {
    if (typeof o.ambiguous !== 'boolean') r.fail(`${f}.ambiguous`, 'must be true or false');
    else a.ambiguous = o.ambiguous;
  }
  return a;
}

function measure(r: Reader, v: unknown, f: string): Measure | undefined {
  const o = r.obj(v, f);
  if (!o) return undefined;
  r.known(o, f, ['list', 'program', 'listedAs', 'since', 'sinceMeaning', 'removed', 'scope', 'citation', 'verification']);
  const m: Measure = {
    list: r.str(o, f, 'list') ?? '',
    program: r.str(o, f, 'program') ?? '',
    listedAs: r.str(o, f, 'listedAs') ?? '',
    since: r.date(o, f, 'since') ?? '',
    sinceMeaning: r.oneOf(o, f, 'sinceMeaning', DATE_MEANINGS) ?? 'listed',
    citation: citation(r, o.citation, `${f}.citation`) ?? { publisher: '', title: '' },
    verification: r.str(o, f, 'verification') ?? '',
  };
  const removed = r.date(o, f, 'removed', true);
  const scope = r.str(o, f, 'scope', true);
  if (removed) m.removed = removed;
  if (scope) m.scope = scope;
  if (m.removed && m.since && compareDates(m.removed, m.since) < 0) r.fail(`${f}.removed`, `${m.removed} is before since ${m.since}`);
  if (m.verification && !/^snapshot:\S+@\d{4}(-\d{2}){0,2}$/.test(m.verification) && m.verification !== 'primary source, not checkable offline') {
    r.fail(`${f}.verification`, 'must be "snapshot:<file>@<date>" or "primary source, not checkable offline"');
  }
  return m;
}

function counterClaim(r: Reader, v: unknown, f: string): CounterClaim | undefined {
  const o = r.obj(v, f);
  if (!o) return undefined;
  r.known(o, f, ['by', 'byEntity', 'text', 'date', 'source']);
  const c: CounterClaim = {
    by: r.str(o, f, 'by') ?? '',
    text: r.str(o, f, 'text') ?? '',
    date: r.date(o, f, 'date') ?? '',
    source: citation(r, o.source, `${f}.source`) ?? { publisher: '', title: '' },
  };
  const byEntity = r.str(o, f, 'byEntity', true);
  if (byEntity) c.byEntity = byEntity;
  return c;
}

function claim(r: Reader, v: unknown, f: string): Claim | undefined {
  const o = r.obj(v, f);
  if (!o) return undefined;
  r.known(o, f, ['id', 'by', 'byEntity', 'text', 'date', 'source', 'counterClaims']);
  const c: Claim = {
    id: r.str(o, f, 'id') ?? '',
    by: r.str(o, f, 'by') ?? '',
    text: r.str(o, f, 'text') ?? '',
    date: r.date(o, f, 'date') ?? '',
    source: citation(r, o.source, `${f}.source`) ?? { publisher: '', title: '' },
    counterClaims: r.arr(o, f, 'counterClaims').map((x, i) => counterClaim(r, x, `${f}.counterClaims[${i}]`)).filter((x): x is CounterClaim => x !== undefined),
  };
  const byEntity = r.str(o, f, 'byEntity', true);
  if (byEntity) c.byEntity = byEntity;
  c.counterClaims.forEach((cc, i) => {
    if (cc.date && c.date && compareDates(cc.date.slice(0, c.date.length), c.date.slice(0, cc.date.length)) < 0) {
      r.fail(`${f}.counterClaims[${i}].date`, `${cc.date} is before the claim it answers (${c.date})`);
    }
  });
  return c;
}

function relation(r: Reader, v: unknown, f: string): Relation | undefined {
  const o = r.obj(v, f);
  if (!o) return undefined;
  r.known(o, f, ['type', 'entity', 'note', 'source']);
  const rel: Relation = {
    type: r.oneOf(o, f, 'type', RELATION_TYPES) ?? 'affiliate',
    entity: r.str(o, f, 'entity') ?? '',
    source: citation(r, o.source, `${f}.source`) ?? { publisher: '', title: '' },
  };
  const note = r.str(o, f, 'note', true);
  if (note) rel.note = note;
  return rel;
}

/**
 * Checks what spans files: duplicate ids, unknown list ids, dangling entity references, and an
 * unambiguous alias claimed by two entities (the matcher could not tell them apart).
 */
export function checkDataset(lists: Array<{ file: string; list: ListDef }>, entities: Array<{ file: string; entity: Entity }>, problems: DatasetProblem[]): Dataset {
  const listIds = new Map<string, string>();
  for (const { file, list } of lists) {
    if (listIds.has(list.id)) problems.push({ file, record: `list ${list.id}`, field: 'id', message: `duplicate list id (also in ${listIds.get(list.id)})` });
    listIds.set(list.id, file);
  }
  const entityIds = new Map<string, string>();
  for (const { file, entity } of entities) {
    if (entityIds.has(entity.id)) problems.push({ file, record: `entity ${entity.id}`, field: 'id', message: `duplicate entity id (also in ${entityIds.get(entity.id)})` });
    entityIds.set(entity.id, file);
  }
  const aliasOwner = new Map<string, { id: string; ambiguous: boolean }>();
  for (const { file, entity } of entities) {
    const fail = (field: string, message: string) => problems.push({ file, record: `entity ${entity.id}`, field, message });
    entity.measures.forEach((m, i) => {
      if (m.list && !listIds.has(m.list)) fail(`measures[${i}].list`, `unknown list id "${m.list}" (declare it in data/lists.json)`);
    });
    const refs: Array<[string, string | undefined]> = [
      ...entity.related.map((x, i): [string, string] => [`related[${i}].entity`, x.entity]),
      ...entity.claims.flatMap((c, i): Array<[string, string | undefined]> => [
        [`claims[${i}].byEntity`, c.byEntity],
        ...c.counterClaims.map((cc, j): [string, string | undefined] => [`claims[${i}].counterClaims[${j}].byEntity`, cc.byEntity]),
      ]),
    ];
    for (const [field, ref] of refs) {
      if (ref !== undefined && !entityIds.has(ref)) fail(field, `refers to unknown entity "${ref}"`);
    }
    entity.related.forEach((x, i) => {
      if (x.entity === entity.id) fail(`related[${i}].entity`, 'an entity cannot be related to itself');
    });
    entity.aliases.forEach((a, i) => {
      const key = nameKey(a.text);
      const prev = aliasOwner.get(key);
      if (prev && prev.id !== entity.id && !(prev.ambiguous && a.ambiguous)) {
        fail(`aliases[${i}].text`, `"${a.text}" is also an alias of "${prev.id}"; mark it ambiguous in both or keep it in one`);
      }
      if (!prev) aliasOwner.set(key, { id: entity.id, ambiguous: a.ambiguous === true });
    });
  }
  const listDefs = lists.map((l) => l.list);
  const asOf = listDefs.map((l) => l.asOf).filter(Boolean).sort().pop() ?? '';
  return { asOf, lists: listDefs, entities: entities.map((e) => e.entity).sort((a, b) => a.id.localeCompare(b.id)) };
}
