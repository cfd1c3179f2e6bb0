// Readers for the official-list snapshots and reference transcriptions in ../shared, reduced to
// what verification needs: the names a row lists, the list or program it is on, its dates.
import { join } from 'node:path';
import { csvObjects, isoDate, parseCsv, readLatin1, readUtf8, splitList } from '../lib/csv.ts';
import { arr, text, xml } from '../lib/xml.ts';

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

const latin1 = readLatin1;
const utf8 = readUtf8;
const dates = (...xs: Array<string | undefined>) => xs.map((x) => (x ? isoDate(x) : null)).filter((x): x is string => x !== null);
const split = splitList;

const csl: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({
    at: `${shown}:${line}`,
    names: [row.name ?? '', ...split(row.alt_names)],
    on: `${row.source} ${row.programs}`,
    listed: dates(row.start_date),
    ref: row.entity_number || row._id,
  }));

/** OFAC legacy CSV (no header, Latin-1, "-0-" for null), with its alias file beside it. */
function ofacLegacy(altFile: string | null): Reader {
  return (path, shown) => {
    const alts = new Map<string, string[]>();
    if (altFile) {
      for (const r of parseCsv(latin1(join(path, '..', altFile)))) {
        const [ent, , , name] = r.fields;
        if (ent && name) alts.set(ent, [...(alts.get(ent) ?? []), name]);
      }
    }
    return parseCsv(latin1(path)).filter((r) => /^\d+$/.test(r.fields[0] ?? '')).map((r) => ({
      at: `${shown}:${r.line}`,
      names: [r.fields[1] ?? '', ...(alts.get(r.fields[0]!) ?? [])],
      on: r.fields[3] ?? '',
      listed: [],
      ref: `OFAC UID ${r.fields[0]}`,
    }));
  };
}

/** The 2026 SDN excerpt has a header: ent_num,name,type,programs,remarks. */
const ofacExcerpt: Reader = (path, shown) =>
  csvObjects(utf8(path)).map(({ line, row }) => ({ at: `${shown}:${line}`, names: [row.name ?? ''], on: row.programs ?? '', listed: [], ref: `OFAC UID ${row.ent_num}` }));


const ofacEnhanced: Reader = (path, shown) => {
  const doc = xml.parse(utf8(path)) as { sanctionsData: { entities: { entity: unknown[] } } };
  return arr(doc.sanctionsData.entities.entity).map((raw) => {
    const e = raw as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed XML
    const names = arr(e.names?.name).flatMap((n: any) => arr(n.translations?.translation).map((t: any) => text(t.formattedFullName))); // eslint-disable-line @typescript-eslint/no-explicit-any
    const lists = arr(e.sanctionsLists?.sanctionsList);
    const features = arr(e.features?.feature);
    const featureDates = features.filter((f: any) => /Listing Date|Effective Date/.test(text(f.type))).map((f: any) => String(f.valueDate?.fromDateBegin ?? '')); // eslint-disable-line @typescript-eslint/no-explicit-any
    return {
      at: `${shown}: entity ${e['@id']}`,
      names,
      on: [...lists.map(text), ...arr(e.sanctionsPrograms?.sanctionsProgram).map(text)].join(' '),
      listed: dates(...featureDates, ...lists.filter((l: any) => text(l) !== 'Consolidated List').map((l: any) => l['@datePublished'])), // eslint-disable-line @typescript-eslint/no-explicit-any
      ref: `OFAC UID ${e['@id']}`,
    };
  });
};

/** OFSI ConList: one row per name variation; a designation is a Group ID. */
const ofsi: Reader = (path, shown) => {
  const groups = new Map<string, SnapshotRow>();
  for (const { line, row } of csvObjects(utf8(path), 1)) {
    const id = row['Group ID'] ?? '';
    const name = row['Group Type'] === 'Entity' ? row['Name 6'] ?? '' : [row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5'], row['Name 6']].filter(Boolean).join(' ');
    const g = groups.get(id) ?? { at: `${shown}:${line}`, names: [], on: row.Regime ?? '', listed: dates(row['Listed On'], row['UK Sanctions List Date Designated']), ref: `UK Group ID ${id}` };
    g.names.push(name, ...(row['Name Non-Latin Script'] ? [row['Name Non-Latin Script']] : []));
    groups.set(id, g);
  }
  return [...groups.values()];
};

/** DFAT: rows "101", "101a", "101b" are one listing. No listing date (Control Date is the last change). */
const dfat: Reader = (path, shown) => {
  const groups = new Map<string, SnapshotRow>();
  for (const { line, row } of csvObjects(utf8(path))) {
    const id = /^\d+/.exec(row.Reference ?? '')?.[0] ?? '';
    const g = groups.get(id) ?? { at: `${shown}:${line}`, names: [], on: `${row.Committees ?? ''} ${row['Listing Information'] ?? ''}`, listed: [], ref: `DFAT reference ${id}` };
    g.names.push(row['Name of Individual or Entity'] ?? '');
    groups.set(id, g);
  }
  return [...groups.values()];
};

const sema: Reader = (path, shown) => {
  const doc = xml.parse(utf8(path)) as { 'data-set': { record: Array<Record<string, unknown>> } };
  return arr(doc['data-set'].record).map((r, i) => {
    const aliases = text(r.Aliases);
    return { at: `${shown}: record ${i + 1}`, names: [text(r.Entity), aliases, ...split(aliases, /,\s*/)].filter(Boolean), on: `${text(r.Country)} Schedule ${text(r.Schedule)} Item ${text(r.Item)}`, listed: [] };
  });
};

const un: Reader = (path, shown) => {
  const doc = xml.parse(utf8(path)) as { CONSOLIDATED_LIST: { ENTITIES: { ENTITY: Array<Record<string, unknown>> } } };
  return arr(doc.CONSOLIDATED_LIST.ENTITIES.ENTITY).map((e) => ({
    at: `${shown}: ${text(e.REFERENCE_NUMBER)}`,
    names: [text(e.FIRST_NAME), ...arr(e.ENTITY_ALIAS as Array<Record<string, unknown>>).map((a) => text(a.ALIAS_NAME))].filter(Boolean),
    on: text(e.UN_LIST_TYPE),
    listed: dates(text(e.LISTED_ON)),
    ref: text(e.REFERENCE_NUMBER),
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
  [/^official-lists\/us-trade-csl\/.*\.csv$/, csl],
  [/^official-lists\/us-ofac-sdn\/sdn_\d{4}\.csv$/, (p, s) => ofacLegacy(p.replace(/.*sdn_(\d{4})\.csv$/, 'alt_$1.csv'))(p, s)],
  [/^official-lists\/us-ofac-sdn\/sdn_.*excerpt\.csv$/, ofacExcerpt],
  [/^official-lists\/us-ofac-cons\/cons_prim\.csv$/, ofacLegacy('cons_alt.csv')],
  [/^official-lists\/us-ofac-cons\/.*\.xml$/, ofacEnhanced],
  [/^official-lists\/uk-ofsi-conlist\/.*\.csv$/, ofsi],
  [/^official-lists\/au-dfat-consolidated\/.*\.csv$/, dfat],
  [/^official-lists\/ca-sema\/.*\.xml$/, sema],
  [/^official-lists\/un-sc-consolidated\/.*\.xml$/, un],
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
