import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoDate, parseCsv } from '../../scripts/lib/csv.ts';
import { Snapshots, type SnapshotRow } from '../../scripts/verify/snapshots.ts';
import { nameVariants, verifyDataset } from '../../scripts/verify/verify.ts';
import type { Dataset, Entity, Measure } from '../../src/core/dataset.ts';

describe('CSV and dates', () => {
  it('reads quoted fields, doubled quotes, newlines in quotes, CRLF, and keeps start lines', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,"two\nlines",3\n\n4,,\n')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'd "e"'] },
      { line: 2, fields: ['1', 'two\nlines', '3'] },
      { line: 5, fields: ['4', '', ''] },
    ]);
  });
  it('reads the date forms official lists use', () => {
    expect(['2019-10-09', '10/04/2025', '8.4.2022', '02.12.19', 'March 12, 2021', '14 June 2022', '03 Jun 2021', 'soon'].map(isoDate)).toEqual([
      '2019-10-09', '2025-04-10', '2022-04-08', '2019-12-02', '2021-03-12', '2022-06-14', '2021-06-03', null,
    ]);
  });
  it('compares names without parentheses and trailing legal forms', () => {
    expect(nameVariants('Huawei Technologies Co., Ltd. (Huawei)')).toContain('huawei technologies');
    expect(nameVariants('Hangzhou Hikvision Digital Technology Company')).toContain('hangzhou hikvision digital technology');
  });
});

const FILE = 'official-lists/test/list.csv';
function dataset(measure: Partial<Measure>): Dataset {
  const m: Measure = {
    list: 'test-list', program: 'P', listedAs: 'Acme Widgets Corp.', since: '2020-01-02', sinceMeaning: 'effective',
    citation: { publisher: 'Register', title: 'Rule', date: '2020-01-05' }, verification: `snapshot:${FILE}@2022-04`, ...measure,
  };
  const e: Entity = { id: 'acme', kind: 'company', name: 'Acme', country: 'US', aliases: [{ text: 'Acme', kind: 'primary' }], measures: [m], claims: [], related: [] };
  return { asOf: '2026-01-01', lists: [], entities: [e] };
}
const snap = (rows: Array<Partial<SnapshotRow>>) => ({
  rows: (f: string) => (f === FILE ? rows.map((r, i) => ({ at: `${FILE}:${i + 2}`, names: [], on: '', listed: [], ...r })) : []),
});

describe('verifyDataset', () => {
  it('verifies a listing by name and date, or the citation date', () => {
    expect(verifyDataset(dataset({}), snap([{ names: ['ACME WIDGETS CORPORATION'], listed: ['2020-01-02'] }])).verified).toHaveLength(1);
    expect(verifyDataset(dataset({}), snap([{ names: ['Acme Widgets Corp (Acme)'], listed: ['2020-01-05'] }])).verified).toHaveLength(1);
  });
  it('reports a missing entity and a date that contradicts', () => {
    expect(verifyDataset(dataset({}), snap([{ names: ['Acme Gadgets'] }])).errors[0]!.message).toContain('is not on this list');
    expect(verifyDataset(dataset({}), snap([{ names: ['Acme Widgets'], listed: ['2021-03-04'] }])).errors[0]!.message).toContain('snapshot dates 2021-03-04');
  });
  it('expects a removed listing to be gone from later snapshots, and dated ends to agree', () => {
    expect(verifyDataset(dataset({ removed: '2021-01-01' }), snap([])).verified).toHaveLength(1);
    expect(verifyDataset(dataset({ removed: '2021-01-01' }), snap([{ names: ['Acme'] }])).errors[0]!.message).toContain('still listed');
    expect(verifyDataset(dataset({ removed: '2021-01' }), snap([{ names: ['Acme'], ended: '2021-01-31' }])).verified).toHaveLength(1);
    expect(verifyDataset(dataset({}), snap([{ names: ['Acme'], ended: '2021-01-31' }])).errors[0]!.message).toContain('has no removal date');
  });
  it('checks a measure that cites the snapshot\'s own edition for presence only (a listing re-applied under its first date)', () => {
    const reapplied = dataset({ since: '2025-09', citation: { publisher: 'UN', title: 'List', date: '2022-04' } });
    expect(verifyDataset(reapplied, snap([{ names: ['Acme'], listed: ['2010-06-09'] }])).verified).toHaveLength(1);
    expect(verifyDataset(reapplied, snap([])).errors[0]!.message).toContain('is not on this list');
    expect(verifyDataset(dataset({ since: '2025-09' }), snap([{ names: ['Acme'], listed: ['2010-06-09'] }])).errors[0]!.message).toContain('snapshot dates 2010-06-09');
  });
  it('counts facts it cannot check, and notes those a snapshot could have checked', () => {
    const r = verifyDataset(dataset({ verification: 'primary source, not checkable offline', list: 'us-bis-entity-list' }), snap([]));
    expect(r.notCheckable).toHaveLength(1);
    expect(r.couldCheck[0]!.snapshot).toContain('us-trade-csl');
  });
});

const shared = '../shared';
describe.skipIf(!existsSync(`${shared}/official-lists`))('snapshot readers on the real files in ../shared', () => {
  const s = new Snapshots(shared);
  const find = (file: string, re: RegExp) => s.rows(file).filter((r) => r.names.some((n) => re.test(n)) || re.test(r.text ?? ''));
  it('reads each format', () => {
    expect(find('official-lists/us-trade-csl/consolidated_csl_2022-04.csv', /^Hangzhou Hikvision/)[0]!.listed).toEqual(['2019-10-09']);
    expect(find('official-lists/us-ofac-cons/CONS_ENHANCED_2025-01-10.xml', /HIKVISION/)[0]!.listed).toContain('2021-06-03');
    expect(find('official-lists/uk-ofsi-conlist/ofsi_conlist_2025-04-10.csv', /SBERBANK/i)[0]!.listed).toContain('2022-04-06');
    expect(find('official-lists/us-ofac-sdn/sdn_2026-04_excerpt.csv', /SBERBANK/)).toHaveLength(1);
    expect(find('official-lists/us-ofac-sdn/sdn_2021.csv', /NATIONAL IRANIAN OIL COMPANY/).length).toBeGreaterThan(0);
    expect(find('official-lists/ca-sema/sema-lmes_2020-04.xml', /^Sberbank$/)).toHaveLength(1);
    expect(find('official-lists/un-sc-consolidated/UN_consolidated_2026-02-27.xml', /KOREA KWANGSON/i)[0]!.ref).toBe('UN ref KPe.025');
    expect(find('official-lists/au-dfat-consolidated/dfat_consolidated_2024-11.csv', /Korea Kwangson/i).length).toBeGreaterThan(0);
    expect(find('reference-nc/us_fcc_covered_list/table.csv', /Hikvision/)[0]!.listed).toEqual(['2021-03-12']);
    expect(find('reference-nc/us_dod_chinese_milcorps/sanctions.csv', /^SMIC Hong Kong/i).some((r) => r.ended === '2024-01-31')).toBe(true);
  }, 60_000);
});
