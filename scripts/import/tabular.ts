// Readers for the lists published as tables (CSV, or xlsx read into the same rows): trade.gov's
// Consolidated Screening List (also its JSON form), OFSI's ConList, DFAT's consolidated list, and
// OFAC's legacy CSV files. Each reader turns rows into records on a FileImport.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { csvRecords, readLatin1, splitList, type CsvRecord } from '../lib/csv.ts';
import { LEGAL_SUFFIXES, nameKey, tokenize } from '../../src/core/normalize.ts';
import type { OfficialDate } from '../../src/core/official.ts';
import type { FileImport, RecordDraft } from './file-import.ts';
import { listIdOf } from './lists.ts';

export type Row = Record<string, string>;

/**
 * Rows as objects keyed by the header row. A row with more (non-empty) fields than the header is
 * malformed, and so, when `exact` (CSV), is a shorter one; xlsx rows drop empty trailing cells.
 */
export function* rowsByHeader(records: Iterable<CsvRecord>, f: FileImport, header: string[], exact: boolean): Generator<{ at: string; row: Row }> {
  const names = header.map((h) => h.trim());
  const least = names.at(-1) === '' ? names.length - 1 : names.length; // DFAT's header ends with an empty column
  for (const r of records) {
    f.rows++;
    if (r.fields.slice(names.length).some((x) => x.trim() !== '') || (exact && r.fields.length < least)) {
      f.error(String(r.line), `${r.fields.length} fields where the header has ${least}`);
      continue;
    }
    yield { at: String(r.line), row: Object.fromEntries(names.map((h, i) => [h, (r.fields[i] ?? '').trim()])) };
  }
}

/** Words that only organisations carry; used where a list does not say what a row is. */
const ORG_WORDS = new Set([
  ...LEGAL_SUFFIXES, 'sa', 'srl', 'sarl', 'as', 'ab', 'oy', 'pte', 'pvt', 'sdn', 'bhd', 'fze', 'fzco', 'fzc', 'lp', 'llp', 'kg', 'ao', 'zao', 'tov', 'ooo',
  'academy', 'administration', 'associates', 'agency', 'airlines', 'airways', 'association', 'aviation', 'bank', 'bureau', 'center', 'centre', 'commodities',
  'committee', 'communications', 'consulting', 'cooperative', 'council', 'department', 'design', 'development', 'directorate', 'electronics',
  'energy', 'engineering', 'enterprise', 'enterprises', 'establishment', 'export', 'exports', 'factory', 'forces', 'foundation', 'front', 'fund',
  'group', 'holding', 'holdings', 'imports', 'industrial', 'industries', 'industry', 'institute', 'international', 'investment', 'laboratory',
  'lab', 'logistics', 'machinery', 'manufacturing', 'metals', 'ministry', 'network', 'office', 'organization', 'organisation', 'partners', 'party',
  'plant', 'research', 'resources', 'school', 'science', 'sciences', 'service', 'services', 'shipping', 'solutions', 'supply', 'systems',
  'technologies', 'technology', 'tech', 'trade', 'trading', 'transport', 'university', 'works', 'army', 'brigade', 'movement', 'society',
  'air', 'concern', 'corps',
  // Russian legal forms, transliterated ("Aktsionernoe Obshchestvo ...").
  'aktsionernoe', 'obshchestvo', 'tovarishchestvo', 'kompaniya', 'zavod', 'kontsern', 'obedinenie', 'predpriyatie', 'otvetstvennostyu',
]);

/** A row of a list that does not type its rows (BIS and State rows of the CSL): is it an organisation? */
export function looksLikeOrganisation(name: string): boolean {
  const words = tokenize(name).map((t) => t.key);
  if (words.includes('individual')) return false; // "Ri Sung Chol (DPRK individual)"
  if (words.length <= 1 || /\d|&/.test(name)) return true;
  return words.some((w) => ORG_WORDS.has(w));
}

/* ---------- trade.gov Consolidated Screening List ---------- */

/**
 * Reads CSL rows (CSV columns, or JSON results flattened to them). The BIS and State rows have no
 * type; one is an organisation when its name is the name or an alias of a typed Entity row in the
 * same file (the CSL repeats OFAC's entries), or of a curated entity (`f.known`), or has an
 * organisation's words; a typed Individual's name, or a plain personal name, is counted as a likely person.
 */
export function cslRows(rows: Iterable<{ at: string; row: Row }>, f: FileImport): void {
  const all = [...rows];
  const typed = new Map<string, string>();
  for (const { row } of all) {
    const type = row.type?.toLowerCase() ?? '';
    if (type === 'entity' || type === 'individual') for (const n of [row.name ?? '', ...splitList(row.alt_names)]) typed.set(nameKey(n), type);
  }
  for (const { at, row } of all) {
    const type = row.type?.toLowerCase() ?? '';
    const name = row.name ?? '';
    if (!name) f.skip('empty row');
    else if (type === 'individual') f.skip('person');
    else if (type === 'vessel' || type === 'aircraft') f.skip(type);
    else if (type === '' && !untypedIsOrganisation(name, typed, f.known)) f.skip('likely person (untyped row)');
    else if (type !== '' && type !== 'entity') f.skip(`other type (${row.type})`);
    else cslKeep(f, at, row);
  }
}

function untypedIsOrganisation(name: string, typed: Map<string, string>, known: (key: string) => boolean): boolean {
  const key = nameKey(name);
  const seen = typed.get(key);
  if (seen) return seen === 'entity';
  return known(key) || looksLikeOrganisation(name);
}

function cslKeep(f: FileImport, at: string, row: Row): void {
  const id = row._id || row.id;
  if (!id) return f.error(at, 'no _id');
  const dates: OfficialDate[] = [];
  f.date(dates, at, row.start_date, 'listed', 'start_date');
  f.date(dates, at, row.end_date, 'ended', 'end_date');
  const treasury = /Treasury/i.test(row.source ?? '');
  const listId = listIdOf(row.source ?? '');
  f.keep({
    list: row.source ?? '',
    ...(listId ? { listId } : {}),
    programs: splitList(row.programs),
    name: row.name ?? '',
    aliases: splitList(row.alt_names),
    dates,
    ref: `CSL _id ${id}`,
    ...(treasury && /^\d+$/.test(row.entity_number ?? '') ? { otherRefs: [`OFAC UID ${row.entity_number}`] } : {}),
    ...(row.federal_register_notice ? { notice: row.federal_register_notice } : {}),
    at,
  });
}

export function cslCsv(records: Iterable<CsvRecord>, f: FileImport, header: string[], exact: boolean): void {
  cslRows(rowsByHeader(records, f, header, exact), f);
}

/* ---------- OFSI ConList: one row per name variation, a designation is a Group ID ---------- */

export function ofsi(records: Iterable<CsvRecord>, f: FileImport, header: string[], exact: boolean): void {
  interface Group { at: string; type: string; draft: RecordDraft; primary: boolean }
  const groups = new Map<string, Group>();
  for (const { at, row } of rowsByHeader(records, f, header, exact)) {
    const id = row['Group ID'] ?? '';
    if (!/^\d+$/.test(id)) {
      f.error(at, `Group ID "${id}" is not a number`);
      continue;
    }
    const type = row['Group Type'] ?? '';
    const name = type === 'Entity' ? row['Name 6'] ?? '' : ['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6'].map((k) => row[k]).filter(Boolean).join(' ');
    const primary = /^primary name$/i.test(row['Alias Type'] ?? '');
    let g = groups.get(id);
    if (!g) {
      const dates: OfficialDate[] = [];
      if (type === 'Entity') {
        f.date(dates, at, row['Listed On'], 'listed', 'Listed On');
        f.date(dates, at, row['UK Sanctions List Date Designated'], 'designated', 'UK Sanctions List Date Designated');
        f.date(dates, at, row['Last Updated'], 'changed', 'Last Updated');
      }
      const ukRef = /\(UK Sanctions List Ref\):\s*([A-Z]+\d+)/.exec(row['Other Information'] ?? '')?.[1];
      g = { at, type, primary, draft: { list: 'UK Sanctions List (OFSI Consolidated List)', listId: 'gb-uk-sanctions-list', programs: row.Regime ? [row.Regime] : [], name, aliases: [], dates, ref: `UK Group ID ${id}`, ...(ukRef ? { otherRefs: [`UK Sanctions List Ref ${ukRef}`] } : {}), ...(row.Country ? { countries: [row.Country] } : {}), at } };
      groups.set(id, g);
    } else if (primary && !g.primary) {
      // The first row seen may be an alias; the primary name variation names the record.
      g.draft.aliases.push(g.draft.name);
      g.draft.name = name;
      g.primary = true;
    } else g.draft.aliases.push(name);
    if (row['Name Non-Latin Script']) g.draft.aliases.push(row['Name Non-Latin Script']);
  }
  for (const g of groups.values()) {
    if (g.type === 'Entity') f.keep(g.draft);
    else if (g.type === 'Individual') f.skip('person');
    else if (g.type === 'Ship') f.skip('vessel');
    else f.skip(`other type (${g.type})`);
  }
}

/* ---------- DFAT consolidated list: "101" is a listing, "101a", "101b" its other names ---------- */

export function dfat(records: Iterable<CsvRecord>, f: FileImport, header: string[], exact: boolean): void {
  interface Group { type: string; draft: RecordDraft }
  const groups = new Map<string, Group>();
  for (const { at, row } of rowsByHeader(records, f, header, exact)) {
    const ref = row.Reference ?? '';
    const name = row['Name of Individual or Entity'] ?? '';
    if (!ref && !name && Object.values(row).every((v) => v === '')) {
      f.skip('empty row');
      continue;
    }
    const id = /^(\d+)(?:[a-z]+\d*)?$/i.exec(ref)?.[1]; // "101", "101a", "3229b1" (an alias in another script)
    if (!id || !name) {
      f.error(at, id ? 'no name' : `Reference "${ref}" is not a DFAT reference`);
      continue;
    }
    const g = groups.get(id);
    if (g) {
      g.draft.aliases.push(name);
      continue;
    }
    const dates: OfficialDate[] = [];
    const info = row['Listing Information'] ?? '';
    // "Listed by UN 1267 Committee on 6 October 2001 (amended ...)" or "Listed on 23 March 2022".
    const listed = /\bon (\d{1,2} [A-Za-z]+\.? \d{4})/.exec(info)?.[1];
    if (listed) f.date(dates, at, listed, 'listed', 'Listing Information');
    f.date(dates, at, row['Control Date'], 'changed', 'Control Date');
    groups.set(id, {
      type: (row.Type ?? '').trim().toLowerCase(),
      draft: { list: 'Australian Consolidated Sanctions List', listId: 'au-dfat-consolidated', programs: row.Committees ? [row.Committees] : [], name, aliases: [], dates, ref: `DFAT reference ${id}`, at },
    });
  }
  for (const g of groups.values()) {
    if (g.type === 'entity') f.keep(g.draft);
    else if (g.type === 'individual') f.skip('person');
    else f.skip(g.type === 'vessel' ? 'vessel' : `other type (${g.type || 'blank'})`);
  }
}

/* ---------- OFAC legacy CSV: sdn.csv / cons_prim.csv with add, alt and comments beside them ---------- */

const nul = (s: string | undefined) => (s === undefined || s.trim() === '-0-' ? '' : s.trim());

/** The companion files of a primary file: sdn_2021.csv -> add_2021.csv ...; cons_prim.csv -> cons_add.csv ... */
export function ofacCompanions(path: string): { add: string; alt: string; comments: string } {
  const base = basename(path);
  // OFAC publishes upper-case names (SDN.CSV, ADD.CSV, CONS_PRIM.CSV): companions follow the primary's case.
  const at = (name: string) => join(dirname(path), base === base.toUpperCase() ? name.toUpperCase() : name);
  const m = /^(.*)prim(.*)$/i.exec(base);
  if (m) return { add: at(`${m[1]}add${m[2]}`), alt: at(`${m[1]}alt${m[2]}`), comments: at(`${m[1]}comments${m[2]}`) };
  const rest = base.replace(/^sdn/i, '');
  return { add: at(`add${rest}`), alt: at(`alt${rest}`), comments: at(`sdn_comments${rest}`) };
}

/** Dates OFAC writes into remarks (and, in the Enhanced XML, as features): "Listing Date (CMIC): 03 Jun 2021; Effective Date (EO 14024 Directive 2): 26 Mar 2022". */
const REMARK_DATE = /(Listing Date|Effective Date|Purchase\/Sales For Divestment Date) \(([^)]*)\):?\s*(\d{1,2} [A-Za-z]{3} \d{4})/g;
export const OFAC_DATE_MEANING = { 'Listing Date': 'listed', 'Effective Date': 'effective', 'Purchase/Sales For Divestment Date': 'divestment' } as const;

/**
 * Reads one primary file. `companion(path, label)` opens the account of a companion file (its rows
 * and errors are its own), called only for files that exist.
 */
export function ofacLegacy(path: string, f: FileImport, companion: (path: string, format: string) => FileImport): void {
  const sdn = /^sdn/i.test(basename(path));
  const files = ofacCompanions(path);
  /** Companion rows by entry number, to report those whose entry the primary file lacks. */
  const pointers: Array<{ c: FileImport; line: number; ent: string }> = [];
  const extra = (file: string, format: string, width: number, each: (fields: string[]) => void) => {
    if (!existsSync(file)) return;
    const c = companion(file, format);
    for (const r of csvRecords(readLatin1(file))) {
      c.rows++;
      if (r.fields.length !== width || !/^\d+$/.test(r.fields[0] ?? '')) c.error(String(r.line), `expected ${width} fields starting with an entry number, got ${r.fields.length}`);
      else {
        pointers.push({ c, line: r.line, ent: r.fields[0]! });
        each(r.fields);
      }
    }
  };
  const aliases = new Map<string, string[]>();
  const countries = new Map<string, string[]>();
  const more = new Map<string, string>();
  const push = (m: Map<string, string[]>, k: string, v: string) => v && m.set(k, [...(m.get(k) ?? []), v]);
  extra(files.alt, `OFAC legacy CSV, aliases (with ${basename(path)})`, 5, (x) => push(aliases, x[0]!, nul(x[3])));
  extra(files.add, `OFAC legacy CSV, addresses (with ${basename(path)})`, 6, (x) => push(countries, x[0]!, nul(x[4])));
  extra(files.comments, `OFAC legacy CSV, remarks overflow (with ${basename(path)})`, 2, (x) => more.set(x[0]!, x[1] ?? ''));

  const records = csvRecords(readLatin1(path));
  const entries = new Set<string>();
  let first = true;
  let header: string[] | null = null;
  for (const r of records) {
    // A transcription may carry a header (ent_num,name,type,programs,remarks); OFAC's files do not.
    if (first && r.fields[0] === 'ent_num') {
      header = r.fields;
      first = false;
      continue;
    }
    first = false;
    f.rows++;
    const get = (k: string, i: number) => nul(header ? r.fields[header.indexOf(k)] : r.fields[i]);
    const ent = get('ent_num', 0);
    if ((!header && r.fields.length !== 12) || !/^\d+$/.test(ent)) {
      f.error(String(r.line), `expected 12 fields starting with an entry number, got ${r.fields.length}`);
      continue;
    }
    entries.add(ent);
    const type = get('type', 2).toLowerCase();
    if (type === 'individual') f.skip('person');
    else if (type === 'vessel' || type === 'aircraft') f.skip(type);
    else if (type !== '' && type !== 'entity') f.skip(`other type (${type})`);
    else if (!get('name', 1)) f.error(String(r.line), 'entry without a name');
    else {
      const at = String(r.line);
      const remarks = get('remarks', 11) + (more.get(ent) ?? '');
      const dates: OfficialDate[] = [];
      for (const m of remarks.matchAll(REMARK_DATE)) f.date(dates, at, m[3], OFAC_DATE_MEANING[m[1] as keyof typeof OFAC_DATE_MEANING], `${m[1]} (${m[2]})`);
      const programs = splitList(get('programs', 3), /\] \[|;\s*/);
      const listId = sdn ? 'us-ofac-sdn' : programs.includes('CMIC-EO13959') ? 'us-ofac-ns-cmic' : undefined;
      f.keep({
        list: sdn ? 'Specially Designated Nationals and Blocked Persons List (SDN)' : 'OFAC Consolidated (non-SDN) List',
        ...(listId ? { listId } : {}),
        programs,
        name: get('name', 1),
        aliases: aliases.get(ent) ?? [],
        dates,
        ref: `OFAC UID ${ent}`,
        ...(countries.has(ent) ? { countries: [...new Set(countries.get(ent))] } : {}),
        at,
      });
    }
  }
  for (const p of pointers) if (!entries.has(p.ent)) p.c.warn(String(p.line), `entry ${p.ent} is not in ${basename(path)}`);
}
