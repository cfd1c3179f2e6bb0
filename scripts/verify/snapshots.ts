// Readers for the official-list snapshots and reference transcriptions in ../shared, reduced to
// what verification needs: the names a row lists, the list or program it is on, its dates.
import { join } from 'node:path';
import { csvObjects, isoDate, readUtf8, splitList } from '../lib/csv.ts';
import { FileImport } from '../import/file-import.ts';
import { importFile } from '../import/run.ts';

export interface SnapshotRow {
  /** Where the row is in its file, for messages. */
  at: string;
  names: string[];
  /** Free text that names the entity inside it (the FCC Covered List has no name column). */
  text?: string;
  /** The list, program or regime the row is on. */
  on: string;
  /** Dates the row gives for the listing (any one may be the measure's date), and its end. */
  listed: string[];
  ended?: string;
  ref?: string;
}

type Reader = (path: string, shown: string) => SnapshotRow[];

const utf8 = readUtf8;
const dates = (...xs: Array<string | undefined>) => xs.map((x) => (x ? isoDate(x) : null)).filter((x): x is string => x !== null);
const split = splitList;

/**
 * The official-list snapshots are read by the importers (scripts/import/), reduced to what
 * verification needs. Only organisations come back; `ended` is not taken from them (the CSL's
 * end_date is a Denied Persons order's expiry, not a removal).
 */
const imported: Reader = (path, shown) => {
  // Verification looks for curated names only, and an untyped CSL row may be any of them: none is
  // set aside as a likely person here.
  const f = importFile(path, shown, (p, format) => new FileImport(p, format), () => true);
  if (typeof f === 'string') throw new Error(`${shown}: ${f}`);
  return f.kept.map((r) => ({
    at: `${shown}:${r.at}`,
    names: [r.name, ...r.aliases],
    on: [r.list, ...r.programs].join(' '),
    listed: r.dates.filter((d) => d.meaning === 'listed' || d.meaning === 'designated' || d.meaning === 'effective').map((d) => d.date),
    ref: r.ref,
  }));
};

const dod: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [row.Name ?? '', row['Clean Name'] ?? '', ...split(row.Alias), ...split(row['Previous Name'])],
    on: '1260H',
    listed: dates(row['Start date']),
    ...(row['End date'] ? { ended: isoDate(row['End date']) ?? row['End date'] } : {}),
  }));

const statute: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [row.name ?? '', ...split(row.aliases)],
    on: row.program ?? '',
    listed: dates(row['start-date'], row['report-date']),
  }));

const mieu: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({ at: `${shown}:${line}`, names: [row.Name ?? '', ...split(row.Alias)], on: row.Program ?? '', listed: dates(row.Date), ...(row['End date'] ? { ended: isoDate(row['End date']) ?? '' } : {}) }));

const cn: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [row.Name ?? '', ...split(row.Alias), row['Chinese name'] ?? ''].filter(Boolean),
    on: `${row.Body ?? ''} ${row.List ?? ''}`,
    listed: dates(row.Date),
    ...(row['End date'] ? { ended: isoDate(row['End date']) ?? '' } : {}),
  }));

const fcc: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [],
    text: row.covered_equipment_or_services ?? '',
    on: 'FCC Covered List',
    listed: dates(...(row.date_of_inclusion_on_covered_list ?? '').split(/;|\n|Updated:/)),
  }));

const eu: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [row.name ?? '', ...split(row.alias), ...split(row.weakAlias), ...split(row.previousName)],
    on: `${row.celex ?? row.amendedCelex ?? ''} ${row.programKey ?? ''} Annex ${row.annex ?? ''} ${row.measure ?? ''}`,
    listed: dates(row.startDate),
  }));

/** Which reader reads which snapshot, by path under ../shared. */
const READERS: Array<[RegExp, Reader]> = [
  [/^official-lists\//, imported],
  [/^reference-nc\/us_dod_chinese_milcorps\/.*\.csv$/, dod],
  [/^reference-nc\/us_special_leg\/section_\d+\.csv$/, statute],
  [/^reference-nc\/us_bis_mieu\/.*\.csv$/, mieu],
  [/^reference-nc\/cn_sanctions\/.*\.csv$/, cn],
  [/^reference-nc\/us_fcc_covered_list\/.*\.csv$/, fcc],
  [/^reference-nc\/eu_journal_sanctions\/.*\.csv$/, eu],
];

export function readerFor(file: string): Reader | null {
  return READERS.find(([re]) => re.test(file))?.[1] ?? null;
}

/** Reads a snapshot once per run. */
export class Snapshots {
  private readonly cache = new Map<string, SnapshotRow[]>();
  constructor(readonly root: string) {}

  rows(file: string): SnapshotRow[] {
    let rows = this.cache.get(file);
    if (!rows) {
      const read = readerFor(file);
      if (!read) throw new Error(`no reader for snapshot "${file}"`);
      rows = read(join(this.root, file), file);
      this.cache.set(file, rows);
    }
    return rows;
  }
}
