// Validates dataset source files. Every problem names the file, the record and the field, and all
// problems are collected, so a broken dataset fails the build with one complete report.
import {
  ALIAS_KINDS, AUTHORITY_SHORT_MAX, DATE_MEANINGS, ENTITY_KINDS, MEASURE_KINDS, RELATION_TYPES, SHORT_NAME_LANGS, SHORT_NAME_MAX,
  type Alias, type Citation, type Claim, type CounterClaim, type Entity, type ListDef,
  type Measure, type Relation,
} from './dataset.ts';
import { isAliasText, isEntityId } from './ids.ts';
import { nameKey } from './normalize.ts';
import { HIDDEN, MAX_ITEMS, MAX_TEXT, compareDates, isPartialDate, recordName, shown, type DatasetProblem } from './problems.ts';

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
    for (const k of Object.keys(o)) {
      if (!keys.includes(k)) this.fail(/^[A-Za-z_$][\w$]{0,59}$/.test(k) ? join(field, k) : `${field}[${shown(k)}]`, 'unknown field');
    }
  }

  str(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(join(field, key), optional ? 'must be a non-empty string when present' : 'required non-empty string');
      return undefined;
    }
    if (v.length > MAX_TEXT) {
      this.fail(join(field, key), `is ${v.length} characters long; at most ${MAX_TEXT}`);
      return undefined;
    }
    if (v !== v.trim()) this.fail(join(field, key), 'has leading or trailing white space');
    // Control, bidi and invisible characters could reorder, hide or split text on the card.
    if (HIDDEN.test(v)) this.fail(join(field, key), 'contains control, bidi or invisible characters');
    return v;
  }

  oneOf<T extends string>(o: Record<string, unknown>, field: string, key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(o, field, key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(join(field, key), `must be one of ${allowed.join(', ')}; got ${shown(v)}`);
      return undefined;
    }
    return v as T;
  }

  date(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = this.str(o, field, key, optional);
    if (v !== undefined && !isPartialDate(v)) this.fail(join(field, key), `${shown(v)} is not a valid YYYY, YYYY-MM or YYYY-MM-DD date`);
    return v;
  }

  url(o: Record<string, unknown>, field: string, key: string, optional = false): string | undefined {
    const v = this.str(o, field, key, optional);
    // Host labels split on dots, so the pattern cannot backtrack (the old one took seconds on 40 kB).
    if (v !== undefined && !/^https:\/\/[^\s/.]+(?:\.[^\s/.]+)+(?:\/\S*)?$/.test(v)) this.fail(join(field, key), `${shown(v)} must be an https: URL`);
    return v;
  }

  arr(o: Record<string, unknown>, field: string, key: string): unknown[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(join(field, key), 'must be an array');
    else if (v.length > MAX_ITEMS) this.fail(join(field, key), `has ${v.length} items; at most ${MAX_ITEMS}`);
    else return v;
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
    top.fail('(root)', 'must be a JSON array of lists');
    return [];
  }
  const out: ListDef[] = [];
  json.forEach((v, i) => {
    const r = new Reader(problems, file, recordName('list', (v as { id?: unknown } | null)?.id, `#${i}`));
    const o = r.obj(v, '(record)');
    if (!o) return;
    r.known(o, '', ['id', 'name', 'shortName', 'shortNames', 'authority', 'authorityShort', 'jurisdiction', 'kind', 'url', 'dateNote', 'asOf']);
    const list: ListDef = {
      id: r.str(o, '', 'id') ?? '',
      name: r.str(o, '', 'name') ?? '',
      shortName: short(r, o, '', 'shortName', SHORT_NAME_MAX) ?? '',
      authority: r.str(o, '', 'authority') ?? '',
      jurisdiction: r.str(o, '', 'jurisdiction') ?? '',
      kind: r.oneOf(o, '', 'kind', MEASURE_KINDS) ?? 'sanctions',
      url: r.url(o, '', 'url') ?? '',
      dateNote: r.str(o, '', 'dateNote') ?? '',
      asOf: r.date(o, '', 'asOf') ?? '',
    };
    const authorityShort = short(r, o, '', 'authorityShort', AUTHORITY_SHORT_MAX, true);
    if (authorityShort) list.authorityShort = authorityShort;
    if (o.shortNames !== undefined) {
      const names = r.obj(o.shortNames, 'shortNames');
      if (names) {
        r.known(names, 'shortNames', SHORT_NAME_LANGS);
        const kept: NonNullable<ListDef['shortNames']> = {};
        for (const lang of SHORT_NAME_LANGS) {
          const v = short(r, names, 'shortNames', lang, SHORT_NAME_MAX, true);
          if (v) kept[lang] = v;
        }
        list.shortNames = kept;
      }
    }
    if (list.id && !isEntityId(list.id)) r.fail('id', 'must be kebab-case ([a-z0-9-]), at most 80 characters');
    if (list.jurisdiction && !/^([A-Z]{2})$/.test(list.jurisdiction)) r.fail('jurisdiction', 'must be an ISO 3166 alpha-2 code, "EU" or "UN"');
    if (list.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(list.asOf)) r.fail('asOf', 'must be a full YYYY-MM-DD date');
    out.push(list);
  });
  return out;
}

/** A short text for the card's one line: a string like any other, and at most `max` characters. */
function short(r: Reader, o: Record<string, unknown>, field: string, key: string, max: number, optional = false): string | undefined {
  const v = r.str(o, field, key, optional);
  if (v !== undefined && v.length > max) {
    r.fail(join(field, key), `is ${v.length} characters long; a short name is at most ${max}`);
    return undefined;
  }
  return v;
}

export function validateEntity(file: string, json: unknown, problems: DatasetProblem[]): Entity | null {
  const r = new Reader(problems, file, recordName('entity', (json as { id?: unknown } | null)?.id, '(no id)'));
  const o = r.obj(json, '(record)');
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
      const t = r.str({ [`${key}[${i}]`]: v }, '', `${key}[${i}]`);
      return t === undefined ? [] : [t];
    });
    list.forEach((n, i) => {
      if (e.aliases.some((a) => nameKey(a.text) === nameKey(n))) r.fail(`${key}[${i}]`, `${shown(n)} is also an alias of this entity`);
    });
    e[key] = list;
  }
  // The same rule the messages apply: an id the background would refuse could never be shown.
  if (e.id && !isEntityId(e.id)) r.fail('id', 'must be kebab-case ([a-z0-9-]), at most 80 characters');
  const base = file.split(/[\\/]/).pop()?.replace(/\.json$/, '') ?? '';
  if (e.id && base !== e.id) r.fail('id', `must equal the file name (${shown(base)})`);
  if (e.country && !/^[A-Z]{2}$/.test(e.country)) r.fail('country', 'must be an ISO 3166 alpha-2 code');
  if (e.aliases.length === 0) r.fail('aliases', 'needs at least one alias');
  const seen = new Set<string>();
  e.aliases.forEach((a, i) => {
    const key = nameKey(a.text);
    // "Not this company" sends the alias back to the background, which takes only alias-like text.
    if (a.text && !isAliasText(a.text)) r.fail(`aliases[${i}].text`, 'must be at most 200 characters with no tab or line break');
    if (key === '') r.fail(`aliases[${i}].text`, 'has no letters or digits to match');
    if (seen.has(key)) r.fail(`aliases[${i}].text`, `repeats another alias of this entity (${shown(a.text)})`);
    seen.add(key);
  });
  if (!e.aliases.some((a) => a.text === e.name)) r.fail('name', 'must also be listed as an alias');
  const claimIds = new Set<string>();
  e.claims.forEach((c, i) => {
    if (claimIds.has(c.id)) r.fail(`claims[${i}].id`, `duplicate claim id ${shown(c.id)}`);
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
  r.known(o, f, ['list', 'program', 'listedAs', 'since', 'sinceMeaning', 'removed', 'scope', 'citation', 'reportedBy', 'verification']);
  const m: Measure = {
    list: r.str(o, f, 'list') ?? '',
    program: r.str(o, f, 'program') ?? '',
    since: r.date(o, f, 'since') ?? '',
    sinceMeaning: r.oneOf(o, f, 'sinceMeaning', DATE_MEANINGS) ?? 'listed',
    citation: citation(r, o.citation, `${f}.citation`) ?? { publisher: '', title: '' },
    verification: r.str(o, f, 'verification') ?? '',
  };
  // Whether listedAs is required, and reportedBy, depends on the list's kind: checked in checkDataset.
  const listedAs = r.str(o, f, 'listedAs', true);
  if (listedAs) m.listedAs = listedAs;
  if (o.reportedBy !== undefined) {
    m.reportedBy = r.arr(o, f, 'reportedBy').map((x, i) => citation(r, x, `${f}.reportedBy[${i}]`)).filter((x): x is Citation => x !== undefined);
  }
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
