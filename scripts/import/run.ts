// Imports every official list file under a folder: recognises each file by its content, reads it
// with its reader (one file at a time, so only one file's text is held), attaches records to the
// curated entities, and accounts for every row in a per-file table.
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Entity } from '../../src/core/dataset.ts';
import { attachCurated, curatedIndex, type AttachReview, type OfficialRecord } from '../../src/core/official.ts';
import { csvRecords, readUtf8, type CsvRecord } from '../lib/csv.ts';
import { FileImport } from './file-import.ts';
import { cslCsv, cslRows, dfat, ofacCompanions, ofacLegacy, ofsi, type Row } from './tabular.ts';
import { eu, fcdo, ofacEnhanced, sema, un } from './xml-lists.ts';
import { xlsxRows } from './xlsx.ts';

export interface ImportResult {
  files: FileImport[];
  /** Files that are not list files (PROVENANCE.txt, ...), named so nothing goes unmentioned. */
  ignored: Array<{ file: string; why: string }>;
  records: OfficialRecord[];
  /** Records not attached although a name points to a curated entity. */
  review: AttachReview[];
}

type Table = (rows: Iterable<CsvRecord>, f: FileImport, header: string[], exact: boolean) => void;

/** Tabular formats by their header (OFSI's sits under a "Last Updated" line). */
function tableFormat(first: string[], second: string[] | undefined): { format: string; read: Table; headerRow: 0 | 1 } | null {
  if (first[0] === '_id' && first.includes('entity_number') && first.includes('alt_names')) return { format: 'trade.gov Consolidated Screening List', read: cslCsv, headerRow: 0 };
  if (first[0] === 'Reference' && first[1] === 'Name of Individual or Entity') return { format: 'DFAT consolidated list', read: dfat, headerRow: 0 };
  if (/^Last Updated$/i.test(first[0] ?? '') && second?.includes('Group ID')) return { format: 'OFSI ConList', read: ofsi, headerRow: 1 };
  if (first.includes('Group ID') && first.includes('Name 6')) return { format: 'OFSI ConList', read: ofsi, headerRow: 0 };
  return null;
}

/** Reads rows whose header decides the format; the OFSI "Last Updated" line gives its date. */
function readTable(rows: Iterator<CsvRecord>, file: string, kind: string, exact: boolean, known: (key: string) => boolean): FileImport | string {
  const first = rows.next();
  if (first.done) return `empty ${kind}`;
  const second = first.value.fields[0] === 'Last Updated' ? rows.next() : undefined;
  const t = tableFormat(first.value.fields.map((x) => x.trim()), second && !second.done ? second.value.fields.map((x) => x.trim()) : undefined);
  if (!t) return `${kind} with an unknown header (${first.value.fields.slice(0, 3).join(',')}...)`;
  const f = new FileImport(file, `${t.format} (${kind})`, known);
  if (t.headerRow === 1) f.statedAsOf(first.value.fields[1] ?? '', String(first.value.line));
  const header = t.headerRow === 1 ? second!.value!.fields : first.value.fields;
  t.read({ [Symbol.iterator]: () => rows }, f, header, exact);
  return f;
}

const XML_ROOTS: Array<[RegExp, string, (s: string, f: FileImport) => void]> = [
  [/<sanctionsData\b/, 'OFAC Enhanced XML', ofacEnhanced],
  [/<CONSOLIDATED_LIST\b/, 'UN Security Council consolidated list XML', un],
  [/<data-set\b[\s\S]*?<record>/, 'Canada SEMA XML', sema],
  [/<Designations\b/, 'FCDO UK Sanctions List XML', fcdo],
  [/<(?:[\w.-]+:)?export\b[^>]*fsd/, 'EU Financial Sanctions Files XML', eu],
];

/** The CSL's JSON form: `{ results: [...] }` (or a bare array), arrays joined as the CSV writes them. */
function cslJson(doc: unknown, results: unknown[], f: FileImport): void {
  const updated = ((doc as { sources_used?: Array<{ source_last_updated?: string }> }).sources_used ?? []).map((s) => s.source_last_updated ?? '').sort().at(-1);
  if (updated) f.statedAsOf(updated, 'sources_used');
  const rows = results.flatMap((raw, i) => {
    f.rows++;
    if (typeof raw !== 'object' || raw === null) {
      f.error(`results[${i}]`, 'not an object');
      return [];
    }
    const row: Row = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) row[k] = Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('; ') : typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    return [{ at: `results[${i}]`, row }];
  });
  cslRows(rows, f);
}

/** Reads one file, or says why it is not a list file. `known`: whether a name key is a curated entity's. */
export function importFile(path: string, file: string, companion: (p: string, format: string) => FileImport, known: (key: string) => boolean = () => false): FileImport | string {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.xlsx')) return readTable(xlsxRows(readFileSync(path))[Symbol.iterator](), file, 'xlsx', false, known);
  if (name.endsWith('.json')) {
    const doc = JSON.parse(readUtf8(path)) as unknown;
    const results = Array.isArray(doc) ? doc : (doc as { results?: unknown }).results;
    if (!Array.isArray(results)) return 'JSON without a "results" array (not the CSL)';
    const f = new FileImport(file, 'trade.gov Consolidated Screening List (JSON)', known);
    cslJson(doc, results as unknown[], f);
    return f;
  }
  if (name.endsWith('.xml')) {
    const source = readUtf8(path);
    const head = source.slice(0, 4000);
    const root = XML_ROOTS.find(([re]) => re.test(head));
    if (!root) return 'XML of an unknown list';
    const f = new FileImport(file, root[1]);
    root[2](source, f);
    return f;
  }
  if (name.endsWith('.csv')) {
    // OFAC's legacy files have no header: the primary file starts with an entry number and has 12 fields.
    const head = firstBytes(path, 2000).toString('latin1');
    const firstLine = [...csvRecords(head.split(/\r?\n/)[0] ?? '')][0]?.fields ?? [];
    if ((/^\d+$/.test(firstLine[0] ?? '') && firstLine.length === 12) || firstLine.join(',').startsWith('ent_num,name,type,programs')) {
      const f = new FileImport(file, 'OFAC legacy CSV');
      ofacLegacy(path, f, companion);
      return f;
    }
    return readTable(csvRecords(readUtf8(path))[Symbol.iterator](), file, 'CSV', true, known);
  }
  return 'not a list file';
}

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export function importOfficialLists(dir: string, entities: readonly Entity[]): ImportResult {
  const files: FileImport[] = [];
  const ignored: ImportResult['ignored'] = [];
  const companions = new Set<string>();
  const names = curatedIndex(entities).byName;
  const known = (key: string) => names.has(key);
  const paths = walk(dir);
  // Companion files of OFAC primaries are read with their primary, not alone.
  for (const p of paths) if (/^(sdn|.*prim)/i.test(basename(p)) && p.endsWith('.csv')) for (const c of Object.values(ofacCompanions(p))) companions.add(c);
  const companion = (p: string, format: string) => {
    const f = new FileImport(relative(dir, p), format);
    files.push(f);
    return f;
  };
  for (const p of paths) {
    if (companions.has(p)) continue;
    const file = relative(dir, p);
    const got = importFile(p, file, companion, known);
    if (typeof got === 'string') ignored.push({ file, why: got });
    else {
      got.finish();
      files.push(got);
    }
  }
  const records = files.flatMap((f) => f.kept);
  const review = attachCurated(records, entities);
  return { files, ignored, records, review };
}

/** The per-file table, in Markdown so docs/data.md can hold it as printed. */
export function reportTable(result: ImportResult): string {
  const reasons = [...new Set(result.files.flatMap((f) => [...f.skipped.keys()]))].sort();
  const head = ['file', 'format', 'as of', 'rows read', 'records', 'organisations kept', 'attached to curated', ...reasons.map((r) => `skipped: ${r}`), 'errors', 'warnings'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`];
  for (const f of result.files) {
    const cells = [f.file, f.format, f.asOf ? `${f.asOf} (${f.asOfBasis})` : '—', f.rows, f.records, f.kept.length, f.kept.filter((r) => r.entity).length, ...reasons.map((r) => f.skipped.get(r) ?? 0), f.errors.length, f.warnings.length];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
