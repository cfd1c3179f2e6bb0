// A small RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes, CRLF.
// Each record keeps the line it started on, so a malformed row can be reported by line.

import { readFileSync } from 'node:fs';

/** A UTF-8 list file without its byte-order mark. */
export const readUtf8 = (path: string): string => readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
/** OFAC's legacy CSV: Windows-1252/Latin-1, ending with a Ctrl-Z (0x1A) end-of-file byte. */
export const readLatin1 = (path: string): string => readFileSync(path, 'latin1').replace(/\u001a/g, '');

export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  return [...csvRecords(text)];
}

/** The same records, one at a time: a large file's rows are never all held as arrays at once. */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (any || field !== '') yield { line: start, fields: [...fields, field] };
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== '') yield { line: start, fields: [...fields, field] };
}

/** A field holding several values ("a; b; c"), as a list without blanks. */
export const splitList = (s: string | undefined, sep: RegExp = /;\s*/): string[] => (s ? s.split(sep).map((x) => x.trim()).filter(Boolean) : []);

/** Records as objects keyed by the header row (the first record, or the one at `headerIndex`). */
export function csvObjects(text: string, headerIndex = 0): Array<{ line: number; row: Record<string, string> }> {
  const records = parseCsv(text);
  const header = records[headerIndex]?.fields ?? [];
  return records.slice(headerIndex + 1).map((r) => ({
    line: r.line,
    row: Object.fromEntries(header.map((h, i) => [h.trim(), r.fields[i] ?? ''])),
  }));
}

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug included); DFAT's Control Date is one. */
export function excelDate(serial: string): string | null {
  if (!/^\d{4,5}(\.\d+)?$/.test(serial.trim())) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(serial)) * 86_400_000).toISOString().slice(0, 10);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads the date forms official lists use: ISO, dd/mm/yyyy, dd.mm.yyyy, dd.mm.yy, "March 12, 2021",
 * "14 June 2022", "03 Jun 2021". Returns YYYY-MM-DD, or null when it is not a date.
 */
export function isoDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    return `${y}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  m = /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    if (mo >= 0) return `${m[3]}-${String(mo + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  }
  m = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})$/.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (mo >= 0) return `${m[3]}-${String(mo + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return null;
}
