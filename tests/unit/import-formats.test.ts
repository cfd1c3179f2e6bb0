// The official-list importers on small fixtures written for each format (tests/fixtures/official/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/lib/csv.ts';
import { importOfficialLists, reportTable, type ImportResult } from '../../scripts/import/run.ts';
import type { FileImport } from '../../scripts/import/file-import.ts';
import type { Entity } from '../../src/core/dataset.ts';

const FIX = 'tests/fixtures/official';

function entity(id: string, name: string, ref?: string, listedAs = name): Entity {
  return {
    id, kind: 'company', name, country: 'XX', aliases: [{ text: name, kind: 'primary' }], claims: [], related: [],
    measures: [{ list: 'l', program: 'p', listedAs, since: '2020', sinceMeaning: 'listed', citation: { publisher: 'P', title: 'T', ...(ref ? { ref } : {}) }, verification: 'v' }],
  };
}
const CURATED = [entity('acme-bank', 'Acme Bank', 'OFAC UID 9001'), entity('example-curated', 'Example Curated Corp.'), entity('example-telecom', 'Example Telecom Corporation', 'OFAC UID 30882'), entity('volga-dnepr', 'Volga Dnepr')];

const run = (sub: string, entities: Entity[] = CURATED): ImportResult => importOfficialLists(join(FIX, sub), entities);
const file = (r: ImportResult, name: string): FileImport => {
  const f = r.files.find((x) => x.file.endsWith(name));
  if (!f) throw new Error(`${name} not imported; got ${r.files.map((x) => x.file).join(', ')}`);
  return f;
};
const skipped = (f: FileImport) => Object.fromEntries(f.skipped);
const named = (f: FileImport, name: string) => f.kept.find((r) => r.name === name);

/** Every record formed is kept or skipped; the table shows each file. */
function accountsForEverything(r: ImportResult): void {
  for (const f of r.files) expect(f.kept.length + [...f.skipped.values()].reduce((a, b) => a + b, 0)).toBe(f.records);
  const table = reportTable(r);
  for (const f of r.files) expect(table).toContain(`| ${f.file} |`);
}

describe('trade.gov Consolidated Screening List', () => {
  const r = run('csl');
  const csv = file(r, 'consolidated.csv');
  const json = file(r, 'consolidated.json');

  it('keeps organisations and counts persons, vessels, aircraft and untyped rows that look like persons', () => {
    expect(csv.rows).toBe(parseCsv(readFileSync(join(FIX, 'csl/consolidated.csv'), 'utf8')).length - 1);
    expect(csv.kept.map((x) => x.name).sort()).toEqual(['ACME BANK PUBLIC JOINT STOCK COMPANY', 'Example Curated Corp.', 'KRASNY OKTYABR', 'Krasny Oktyabr', 'Rosoboronexport', 'Volga Dnepr', 'Widget Electronics Co., Ltd.']);
    expect(skipped(csv)).toEqual({ person: 1, vessel: 1, aircraft: 1, 'likely person (untyped row)': 1 });
    accountsForEverything(r);
  });
  it('keeps an untyped row named like a typed Entity row or a curated entity, whatever its words', () => {
    // "Krasny Oktyabr" is an SDN Entity in the same file; "Volga Dnepr" only a curated entity.
    const alone = file(run('csl', CURATED.filter((e) => e.id !== 'volga-dnepr')), 'consolidated.csv');
    expect(named(alone, 'Krasny Oktyabr')).toBeDefined();
    expect(named(alone, 'Volga Dnepr')).toBeUndefined();
    expect(alone.skipped.get('likely person (untyped row)')).toBe(2);
    expect(named(csv, 'Volga Dnepr')).toMatchObject({ entity: 'volga-dnepr', attachedBy: 'name' });
  });
  it('reports the malformed row by line and the unreadable date as a warning', () => {
    expect(csv.errors).toEqual([{ at: 'consolidated.csv:13', message: expect.stringContaining('fields') }]);
    expect(csv.warnings[0]!.message).toContain('"soon"');
    expect(named(csv, 'Rosoboronexport')!.dates).toEqual([]);
  });
  it('keeps list, programs, dates with their meaning, the source id and the OFAC UID', () => {
    const acme = named(csv, 'ACME BANK PUBLIC JOINT STOCK COMPANY')!;
    expect(acme).toMatchObject({ listId: 'us-ofac-sdn', programs: ['RUSSIA-EO14024', 'UKRAINE-EO13662'], aliases: ['ACME BANK', 'ACMEBANK PJSC'], ref: 'CSL _id 9001', otherRefs: ['OFAC UID 9001'] });
    expect(acme.dates).toEqual([{ date: '2022-02-24', meaning: 'listed', label: 'start_date' }]);
    expect(named(csv, 'Widget Electronics Co., Ltd.')).toMatchObject({ listId: 'us-bis-entity-list', notice: '85 FR 29849', asOf: '2022-04-07', asOfBasis: 'latest date in file' });
  });
  it('attaches records to curated entities by identifier, else by exact name', () => {
    expect(named(csv, 'ACME BANK PUBLIC JOINT STOCK COMPANY')).toMatchObject({ entity: 'acme-bank', attachedBy: 'identifier' });
    expect(named(csv, 'Example Curated Corp.')).toMatchObject({ entity: 'example-curated', attachedBy: 'name' });
    expect(named(csv, 'Widget Electronics Co., Ltd.')!.entity).toBeUndefined();
  });
  it('reads the JSON form to the same records, with the date its sources were updated', () => {
    const strip = (f: FileImport) => f.kept.map(({ file: _f, at: _a, asOf: _o, asOfBasis: _b, ...rest }) => rest);
    expect(strip(json)).toEqual(strip(csv));
    expect(json.asOf).toBe('2024-03-01');
    expect(json.asOfBasis).toBe('stated');
    expect(json.errors).toEqual([{ at: 'consolidated.json:results[11]', message: 'not an object' }]);
  });
});

describe('OFAC legacy CSV', () => {
  const sdn = run('ofac-sdn');
  const f = file(sdn, 'sdn.csv');
  it('reads headerless Latin-1 rows with "-0-" nulls, "] [" programs and a Ctrl-Z end', () => {
    expect(f.rows).toBe(6);
    const bnc = named(f, 'BANCO NACIONAL DE CRÉDITO')!;
    expect(bnc).toMatchObject({ ref: 'OFAC UID 101', programs: ['CUBA', 'SDGT'], aliases: ['BNC'], countries: ['Cuba'], listId: 'us-ofac-sdn' });
    expect(skipped(f)).toEqual({ person: 1, vessel: 1, aircraft: 1 });
    expect(f.errors).toEqual([{ at: 'sdn.csv:6', message: expect.stringContaining('got 3') }]);
  });
  it('joins the remarks overflow of sdn_comments.csv before reading dates from remarks', () => {
    expect(named(f, 'NORTHWIND TRADING LLC')!.dates).toEqual([
      { date: '2022-02-24', meaning: 'listed', label: 'Listing Date (EO 14024 Directive 2)' },
      { date: '2022-03-26', meaning: 'effective', label: 'Effective Date (EO 14024 Directive 2)' },
    ]);
  });
  it('reads add, alt and comments with their own rows and errors', () => {
    expect(file(sdn, 'alt.csv')).toMatchObject({ rows: 3, errors: [{ at: 'alt.csv:3', message: expect.stringContaining('expected 5 fields') }] });
    expect(file(sdn, 'add.csv')).toMatchObject({ rows: 3, warnings: [{ at: 'add.csv:3', message: 'entry 999 is not in sdn.csv' }] });
    expect(file(sdn, 'sdn_comments.csv').rows).toBe(1);
    expect(named(f, 'NORTHWIND TRADING LLC')!.aliases).toEqual(['NORD VETER OOO']);
    accountsForEverything(sdn);
  });
  it('reads cons_prim.csv with cons_alt.csv, and the NS-CMIC dates in its remarks', () => {
    const cons = run('ofac-cons');
    const c = file(cons, 'cons_prim.csv');
    const t = named(c, 'EXAMPLE TELECOM CORPORATION LIMITED')!;
    expect(t).toMatchObject({ listId: 'us-ofac-ns-cmic', aliases: ['EXAMPLE TELECOM'], entity: 'example-telecom', attachedBy: 'identifier' });
    expect(t.dates.map((d) => [d.meaning, d.date])).toEqual([['listed', '2021-06-03'], ['effective', '2021-08-02'], ['divestment', '2022-06-03']]);
    expect(skipped(c)).toEqual({ person: 1 });
  });
});

describe('XML lists', () => {
  const r = run('xml');
  it('OFAC Enhanced XML: the NS-CMIC listing, effective and divestment dates, names in every script', () => {
    const f = file(r, 'ofac-enhanced.xml');
    expect(f).toMatchObject({ rows: 4, asOf: '2025-01-10', asOfBasis: 'stated' });
    const t = f.kept[0]!;
    expect(t).toMatchObject({ name: 'EXAMPLE TELECOM CORPORATION LIMITED', aliases: ['EXAMPLE TELECOM', '示例电信股份有限公司'], ref: 'OFAC UID 30882', listId: 'us-ofac-ns-cmic', programs: ['CMIC-EO13959'], countries: ['China'] });
    expect(t.dates).toEqual([
      { date: '2021-06-03', meaning: 'listed', label: 'datePublished (Non-SDN CMIC List)' },
      { date: '2021-06-03', meaning: 'listed', label: 'Listing Date (CMIC)' },
      { date: '2021-08-02', meaning: 'effective', label: 'Effective Date (CMIC)' },
      { date: '2022-06-03', meaning: 'divestment', label: 'Purchase/Sales For Divestment Date (CMIC)' },
    ]);
    expect(skipped(f)).toEqual({ person: 1, vessel: 1 });
    // The last entity has an unclosed <name>: reported with the line where the problem is.
    const line = readFileSync(join(FIX, 'xml/ofac-enhanced.xml'), 'utf8').split('\n').findIndex((l) => l.includes('<entity id="9800">')) + 1;
    expect(f.errors).toHaveLength(1);
    expect(Number(f.errors[0]!.at.split(':')[1])).toBeGreaterThanOrEqual(line);
  });
  it('UN consolidated list: entities kept with reference, listing and last update; individuals counted', () => {
    const f = file(r, 'un-consolidated.xml');
    expect(f).toMatchObject({ rows: 3, asOf: '2026-02-27' });
    expect(skipped(f)).toEqual({ person: 1 });
    expect(f.kept[0]).toMatchObject({ name: 'KOREA EXAMPLE TRADING CORPORATION', aliases: ['KETC', 'Choson Yesi Muyok'], ref: 'UN ref KPe.099', programs: ['DPRK'] });
    const line = readFileSync(join(FIX, 'xml/un-consolidated.xml'), 'utf8').split('\n').findIndex((l) => l.includes('<ENTITY>')) + 1;
    expect(f.kept[0]!.at).toBe(String(line));
    expect(f.kept[0]!.dates).toEqual([{ date: '2016-03-02', meaning: 'listed', label: 'LISTED_ON' }, { date: '2017-08-05', meaning: 'changed', label: 'LAST_DAY_UPDATED' }]);
    expect(f.kept[1]!.aliases).toEqual([]);
  });
  it('Canada SEMA: entities with their comma-joined aliases, persons and ships counted', () => {
    const f = file(r, 'sema.xml');
    expect(f.kept.map((x) => [x.name, x.aliases, x.ref])).toEqual([
      ['Example Air', ['Example Air Holdings Pte. Ltd.', 'Example Air Limited'], 'SEMA Burma / Birmanie Schedule 1 Item 1'],
      ['Example Curated Corp.', [], 'SEMA Russia / Russie Schedule 1, Part 2 Item 4'],
    ]);
    expect(f.kept[1]).toMatchObject({ entity: 'example-curated', dates: [{ date: '2022-03-15', meaning: 'listed', label: 'DateOfListing' }] });
    expect(skipped(f)).toEqual({ person: 1, vessel: 1 });
  });
  it('FCDO UK Sanctions List XML (fixture written from its schema)', () => {
    const f = file(r, 'fcdo-uk-sanctions-list.xml');
    expect(f).toMatchObject({ rows: 4, asOf: '2026-01-28', asOfBasis: 'stated' });
    expect(f.kept[0]).toMatchObject({ name: 'PUBLIC JOINT STOCK COMPANY ACME BANK', aliases: ['ACME BANK', 'ПАО АКМЕ БАНК'], ref: 'UK Group ID 99001', otherRefs: ['UK Sanctions List Ref RUS9001'], programs: ['Russia'], countries: ['Russia'] });
    expect(f.kept[0]!.dates.map((d) => [d.meaning, d.date])).toEqual([['designated', '2022-04-06'], ['changed', '2024-05-09']]);
    // Designations made after OFSI's list closed have no Group ID: the UK reference identifies them.
    expect(f.kept[1]!.ref).toBe('UK Sanctions List Ref RUS9004');
    expect(skipped(f)).toEqual({ person: 1, vessel: 1 });
  });
  it('EU Financial Sanctions Files XML (fixture written from its schema)', () => {
    const f = file(r, 'eu-fsf.xml');
    expect(f).toMatchObject({ rows: 3, asOf: '2026-07-17', asOfBasis: 'stated' });
    expect(f.kept).toHaveLength(1);
    expect(f.kept[0]).toMatchObject({ name: 'Public Joint Stock Company Acme Bank', aliases: ['ПАО Акме Банк'], ref: 'EU logical id 9001', otherRefs: ['EU ref EU.9001.01'], programs: ['UKR', 'RUS'], countries: ['RUSSIAN FEDERATION'] });
    expect(f.kept[0]!.dates.map((d) => [d.meaning, d.date])).toEqual([['listed', '2022-02-23'], ['effective', '2022-02-23']]);
    expect(skipped(f)).toEqual({ person: 1 });
    expect(f.errors).toEqual([{ at: expect.stringMatching(/eu-fsf\.xml:\d+$/), message: 'sanctionEntity without a nameAlias' }]);
  });
  it('puts the review of near-misses aside instead of attaching them', () => {
    // The FCDO Acme record's own name is not curated; only its alias "ACME BANK" is.
    expect(r.review.map((x) => [x.record.ref, x.why, x.entities])).toContainEqual(['UK Group ID 99001', 'alias only', ['acme-bank']]);
    const twins = run('xml', [...CURATED, entity('example-air-a', 'Example Air A', undefined, 'Example Air'), entity('example-air-b', 'Example Air B', undefined, 'Example Air')]);
    expect(twins.review.find((x) => x.record.name === 'Example Air')).toMatchObject({ why: 'several', entities: ['example-air-a', 'example-air-b'] });
    accountsForEverything(r);
  });
});

describe('OFSI ConList', () => {
  const r = run('ofsi');
  const f = file(r, 'conlist.csv');
  it('groups name variations by Group ID, names the record by its primary name, dates from the file', () => {
    expect(f).toMatchObject({ rows: 7, asOf: '2025-02-01', asOfBasis: 'stated' });
    expect(f.kept[0]).toMatchObject({ name: 'PUBLIC JOINT STOCK COMPANY ACME BANK', aliases: ['ACME BANK', 'ПАО АКМЕ БАНК'], ref: 'UK Group ID 99001', otherRefs: ['UK Sanctions List Ref RUS9001'] });
    expect(f.kept[0]!.dates.map((d) => [d.meaning, d.date, d.label])).toEqual([
      ['listed', '2022-02-24', 'Listed On'], ['designated', '2022-02-24', 'UK Sanctions List Date Designated'], ['changed', '2024-05-09', 'Last Updated'],
    ]);
    expect(skipped(f)).toEqual({ person: 1, vessel: 1 });
  });
  it('reports the row without a Group ID by line, and a date it cannot read', () => {
    expect(f.errors).toEqual([{ at: 'conlist.csv:8', message: 'Group ID "n/a" is not a number' }]);
    expect(f.warnings).toEqual([{ at: 'conlist.csv:9', message: 'Listed On: "sometime" is not a date' }]);
    expect(named(f, 'EXAMPLE CURATED CORP')).toMatchObject({ entity: 'example-curated', attachedBy: 'name' });
  });
});

/** A minimal workbook holding `rows`: shared strings for text, numbers as numeric cells. */
function workbook(rows: string[][]): Uint8Array {
  const strings: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetRows = rows.map((r, y) => `<row r="${y + 1}">${r.map((v, x) => {
    if (v === '') return '';
    if (/^\d+$/.test(v) && x > 2) return `<c r="${col(x)}${y + 1}"><v>${v}</v></c>`;
    if (x === 1 && y % 2 === 0) return `<c r="${col(x)}${y + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    strings.push(v);
    return `<c r="${col(x)}${y + 1}" t="s"><v>${strings.length - 1}</v></c>`;
  }).join('')}</row>`);
  return zipSync({
    'xl/workbook.xml': strToU8('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Consolidated List" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<sst>${strings.map((s, i) => (i % 3 === 0 ? `<si><r><t>${esc(s.slice(0, 2))}</t></r><r><t>${esc(s.slice(2))}</t></r></si>` : `<si><t>${esc(s)}</t></si>`)).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetRows.join('')}</sheetData></worksheet>`),
  });
}

describe('DFAT consolidated list', () => {
  const r = run('dfat');
  const f = file(r, 'consolidated.csv');
  it('groups "10", "10a", "10b1" into one listing; Control Date is an Excel serial meaning the last change', () => {
    expect(f.kept[0]).toMatchObject({ name: 'Korea Example Trading Corporation', aliases: ['KETC', '조선예시무역회사', 'Choson Yesi Muyok'], ref: 'DFAT reference 10', programs: ['1718 (DPRK)'] });
    expect(f.kept[0]!.dates).toEqual([{ date: '2016-03-02', meaning: 'listed', label: 'Listing Information' }, { date: '2024-01-01', meaning: 'changed', label: 'Control Date' }]);
    expect(skipped(f)).toEqual({ person: 1, 'empty row': 1 });
    expect(f.errors).toEqual([{ at: 'consolidated.csv:9', message: 'Reference "X1" is not a DFAT reference' }]);
    expect(named(f, 'Example Curated Corp')).toMatchObject({ entity: 'example-curated', attachedBy: 'name' });
  });
  it('reads the same list from an xlsx workbook', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'dfat-'));
    const rows = parseCsv(readFileSync(join(FIX, 'dfat/consolidated.csv'), 'utf8')).map((x) => x.fields);
    writeFileSync(join(dir, 'consolidated.xlsx'), workbook(rows));
    const x = file(importOfficialLists(dir, CURATED), 'consolidated.xlsx');
    const strip = (g: FileImport) => g.kept.map(({ file: _f, ...rest }) => rest);
    expect(strip(x)).toEqual(strip(f));
    expect(x.format).toContain('xlsx');
    expect(skipped(x)).toEqual({ person: 1 }); // xlsx keeps no empty rows
    expect(x.errors).toEqual([{ at: 'consolidated.xlsx:9', message: 'Reference "X1" is not a DFAT reference' }]);
  });
});
