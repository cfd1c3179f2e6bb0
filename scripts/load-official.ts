// Reads data/generated/official.json (npm run data:import) for a `--with-official` build and checks
// every record field the build uses. A missing file or a bad record is a DatasetError naming the
// file, the record (index and ref) and the field: the build stops before writing anything.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Dataset } from '../src/core/dataset.ts';
import { OFFICIAL_DATE_MEANINGS, type OfficialRecord } from '../src/core/official.ts';
import { DatasetError, printable, type DatasetProblem } from '../src/core/problems.ts';

const BASES = ['stated', 'latest date in file', 'file name', 'unknown'];
const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrs = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);

export function loadOfficial(path: string, dataset: Dataset, cwd = process.cwd()): OfficialRecord[] {
  const file = printable(relative(cwd, path) || path);
  const problems: DatasetProblem[] = [];
  const fail = (record: string, field: string, message: string) => problems.push({ file, record, field, message });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail('(file)', '(json)', code === 'ENOENT' ? 'does not exist: run `npm run data:import -- <folder>` first' : printable(String((e as Error).message).slice(0, 300)));
    throw new DatasetError(problems);
  }
  const records = (json as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) {
    fail('(file)', 'records', 'is not an array');
    throw new DatasetError(problems);
  }
  const curated = new Set(dataset.entities.map((e) => e.id));
  records.forEach((raw: unknown, i) => {
    const r = raw as Record<string, unknown> | null;
    const id = `records[${i}]${r && isStr(r.ref) ? ` (${printable(r.ref)})` : ''}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return void fail(id, '(record)', 'is not an object');
    for (const f of ['list', 'name', 'ref', 'file']) if (!isStr(r[f]) || r[f] === '') fail(id, f, 'must be a non-empty string');
    for (const f of ['programs', 'aliases']) if (!isStrs(r[f])) fail(id, f, 'must be an array of strings');
    if (!(r.asOf === null || isStr(r.asOf))) fail(id, 'asOf', 'must be a date string or null');
    if (!BASES.includes(r.asOfBasis as string)) fail(id, 'asOfBasis', `must be one of ${BASES.join(', ')}`);
    if (r.otherRefs !== undefined && !isStrs(r.otherRefs)) fail(id, 'otherRefs', 'must be an array of strings');
    if (r.entity !== undefined && !(isStr(r.entity) && curated.has(r.entity))) fail(id, 'entity', `is not a curated entity id: ${printable(String(r.entity))}`);
    if (!Array.isArray(r.dates)) fail(id, 'dates', 'must be an array');
    else
      r.dates.forEach((d: unknown, k) => {
        const o = d as Record<string, unknown> | null;
        if (!o || !isStr(o.date) || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(o.date)) fail(id, `dates[${k}].date`, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
        if (!o || !(OFFICIAL_DATE_MEANINGS as readonly unknown[]).includes(o.meaning)) fail(id, `dates[${k}].meaning`, `must be one of ${OFFICIAL_DATE_MEANINGS.join(', ')}`);
        if (!o || !isStr(o.label)) fail(id, `dates[${k}].label`, 'must be a string');
      });
  });
  if (problems.length > 0) throw new DatasetError(problems);
  return records as OfficialRecord[];
}

/** `--with-official` sets this (scripts/build.ts); vite.config.ts and the content build read it. */
export const OFFICIAL_ENV = 'COMPANY_CONTEXT_OFFICIAL';
export const OFFICIAL_DEFAULT = 'data/generated/official.json';
