// The official-list importers on the real snapshots in ../shared/official-lists, read in place.
// The counts below come from each snapshot's PROVENANCE.txt, counted when the snapshot was taken.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOfficialLists, type ImportResult } from '../../scripts/import/run.ts';
import type { FileImport } from '../../scripts/import/file-import.ts';
import { loadDataset } from '../../scripts/load-dataset.ts';

const DIR = '../shared/official-lists';
const present = existsSync(DIR);
if (!present) console.warn(`import-real: skipped, ${DIR} is absent (the real official-list snapshots are read in place)`);

describe.skipIf(!present)('importers on the real snapshots', () => {
  let r: ImportResult;
  const file = (name: string): FileImport => r.files.find((f) => f.file === name)!;
  const skipped = (name: string) => Object.fromEntries(file(name).skipped);
  const ref = (name: string, id: string) => file(name).kept.find((x) => x.ref === id);

  beforeAll(() => {
    r = importOfficialLists(DIR, loadDataset('data').dataset.entities);
  }, 30_000);

  it('imports every list file, accounts for every record and names what it ignores', () => {
    expect(r.files.map((f) => f.file)).toEqual(expect.arrayContaining([
      'au-dfat-consolidated/dfat_consolidated_2024-11.csv', 'ca-sema/sema-lmes_2020-04.xml', 'uk-ofsi-conlist/ofsi_conlist_2025-04-10.csv',
      'un-sc-consolidated/UN_consolidated_2026-02-27.xml', 'us-ofac-cons/CONS_ENHANCED_2025-01-10.xml', 'us-ofac-cons/cons_prim.csv',
      'us-ofac-sdn/sdn_2021.csv', 'us-ofac-sdn/sdn_2026-04_excerpt.csv', 'us-trade-csl/consolidated_csl_2022-04.csv',
    ]));
    expect(r.ignored.every((i) => i.file.endsWith('PROVENANCE.txt'))).toBe(true);
    for (const f of r.files) expect(f.kept.length + [...f.skipped.values()].reduce((a, b) => a + b, 0)).toBe(f.records);
  });

  it('trade.gov CSL 2022-04: 14,160 rows; SDN vessels and aircraft left out', () => {
    const f = 'us-trade-csl/consolidated_csl_2022-04.csv';
    expect(file(f).rows).toBe(14_160);
    expect(skipped(f)).toMatchObject({ vessel: 433, aircraft: 283 });
    // SDN 5,206 + PLC 78 + FSE 2 typed individuals.
    expect(skipped(f).person).toBe(5_286);
    const hik = file(f).kept.find((x) => x.name === 'Hangzhou Hikvision Digital Technology Co., Ltd.')!;
    expect(hik).toMatchObject({ listId: 'us-bis-entity-list', entity: 'hikvision' });
    expect(hik.dates).toContainEqual({ date: '2019-10-09', meaning: 'listed', label: 'start_date' });
  });

  it('OFAC SDN 2021 legacy CSV: individual 4,620, entity 3,673, vessel 406, aircraft 277', () => {
    const f = 'us-ofac-sdn/sdn_2021.csv';
    expect(file(f).rows).toBe(8_976);
    expect(file(f).kept).toHaveLength(3_673);
    expect(skipped(f)).toEqual({ person: 4_620, vessel: 406, aircraft: 277 });
    expect(file(f).errors).toEqual([]);
    expect(file('us-ofac-sdn/sdn_2026-04_excerpt.csv').kept.find((x) => x.ref === 'OFAC UID 17018')).toMatchObject({ entity: 'sberbank', attachedBy: 'identifier' });
  });

  it('OFAC consolidated: 363 entities, 68 under CMIC-EO13959, in the legacy CSV and the Enhanced XML', () => {
    const csv = file('us-ofac-cons/cons_prim.csv');
    const xml = file('us-ofac-cons/CONS_ENHANCED_2025-01-10.xml');
    expect([csv.kept.length, csv.skipped.get('person')]).toEqual([363, 79]);
    expect([xml.kept.length, xml.skipped.get('person')]).toEqual([363, 80]);
    expect(csv.kept.filter((x) => x.programs.includes('CMIC-EO13959'))).toHaveLength(68);
    expect(xml).toMatchObject({ asOf: '2025-01-10', asOfBasis: 'stated' });
    expect(xml.kept.filter((x) => x.listId === 'us-ofac-ns-cmic')).toHaveLength(68);
    const telecom = xml.kept.find((x) => x.name === 'CHINA TELECOM CORPORATION LIMITED')!;
    expect(telecom.dates.filter((d) => d.label.endsWith('(CMIC)')).map((d) => [d.meaning, d.date])).toEqual([['listed', '2021-06-03'], ['divestment', '2022-06-03'], ['effective', '2021-08-02']]);
  });

  it('OFSI ConList: 18,796 name variations in 4,686 groups (3,662 individuals, 1,009 entities, 15 ships)', () => {
    const f = 'uk-ofsi-conlist/ofsi_conlist_2025-04-10.csv';
    expect(file(f)).toMatchObject({ rows: 18_796, records: 4_686, asOf: '2025-04-10', asOfBasis: 'stated' });
    expect(file(f).kept).toHaveLength(1_009);
    expect(skipped(f)).toEqual({ person: 3_662, vessel: 15 });
    const sber = ref(f, 'UK Group ID 15076')!;
    expect(sber).toMatchObject({ entity: 'sberbank', attachedBy: 'identifier', programs: ['Russia'] });
    expect(sber.dates).toContainEqual({ date: '2022-04-06', meaning: 'listed', label: 'Listed On' });
  });

  it('UN consolidated: 730 individuals and 273 entities, generated 2026-02-27', () => {
    const f = 'un-sc-consolidated/UN_consolidated_2026-02-27.xml';
    expect(file(f)).toMatchObject({ rows: 1_003, asOf: '2026-02-27', asOfBasis: 'stated' });
    expect(file(f).kept).toHaveLength(273);
    expect(file(f).kept.filter((x) => x.programs.includes('DPRK'))).toHaveLength(75);
    expect(ref(f, 'UN ref KPe.025')!.name).toMatch(/KOREA KWANGSON/i);
  });

  it('DFAT: 9,560 rows, one per name; Canada SEMA: 1,369 records of which 384 entities', () => {
    expect(file('au-dfat-consolidated/dfat_consolidated_2024-11.csv').rows).toBe(9_560);
    expect(ref('au-dfat-consolidated/dfat_consolidated_2024-11.csv', 'DFAT reference 6771')).toMatchObject({ entity: 'sberbank' });
    const sema = file('ca-sema/sema-lmes_2020-04.xml');
    expect([sema.rows, sema.kept.length]).toEqual([1_369, 384]);
    expect(sema.kept.find((x) => x.name === 'Sberbank')!.ref).toMatch(/Schedule 2 Item 6$/);
  });
});
