// The small readers the importers share: record-by-record XML, streamed CSV, Excel dates, SEMA
// aliases and the organisation test for untyped rows.
import { describe, expect, it } from 'vitest';
import { csvRecords, excelDate, parseCsv } from '../../scripts/lib/csv.ts';
import { xmlRecords } from '../../scripts/lib/xml.ts';
import { looksLikeOrganisation, ofacCompanions } from '../../scripts/import/tabular.ts';
import { semaAliases } from '../../scripts/import/xml-lists.ts';

describe('shared readers', () => {
  it('cuts XML records out one at a time, each with its line, and reports a malformed one', () => {
    const src = '<list>\n  <item id="1"><name>A</name></item>\n\n  <item id="2">\n    <name>B</item>\n  <item id="3"><name>C</name></item>\n</list>';
    const got = [...xmlRecords(src, 'item')].map((r) => ('error' in r ? { line: r.line, error: true } : { line: r.line, id: r.node['@id'] }));
    expect(got).toEqual([{ line: 2, id: '1' }, { line: 5, error: true }, { line: 6, id: '3' }]);
  });
  it('streams the same CSV records parseCsv returns', () => {
    const text = 'a,"b\nc",d\r\n1,2,3\n';
    expect([...csvRecords(text)]).toEqual(parseCsv(text));
  });
  it('reads Excel serial dates and nothing else', () => {
    expect(['45292', '41988', '44643.5', '2024-01-01', '12'].map(excelDate)).toEqual(['2024-01-01', '2014-12-15', '2022-03-23', null, null]);
  });
  it('splits SEMA aliases at commas but keeps legal forms with their name', () => {
    expect(semaAliases('Htoo Wood, Htoo Trading Co., Ltd., Asia Green Development Bank')).toEqual(['Htoo Wood', 'Htoo Trading Co., Ltd.', 'Asia Green Development Bank']);
  });
  it('tells organisations from persons on untyped rows by their words', () => {
    expect(['Asian Aviation Logistics Co., Ltd.', 'Rosoboronexport', '3K Aviation Consulting', 'Karst, OOO', 'Beijing Institute of Technology'].map(looksLikeOrganisation)).toEqual([true, true, true, true, true]);
    expect(['Ivan Petrov', 'Luis Fernando Arcila-Giraldo', 'Ri Sung Chol (DPRK individual)'].map(looksLikeOrganisation)).toEqual([false, false, false]);
  });
  it('finds the companion files of OFAC primaries as OFAC names them', () => {
    expect(ofacCompanions('d/SDN.CSV')).toEqual({ add: 'd/ADD.CSV', alt: 'd/ALT.CSV', comments: 'd/SDN_COMMENTS.CSV' });
    expect(ofacCompanions('d/CONS_PRIM.CSV')).toEqual({ add: 'd/CONS_ADD.CSV', alt: 'd/CONS_ALT.CSV', comments: 'd/CONS_COMMENTS.CSV' });
    expect(ofacCompanions('d/sdn_2021.csv')).toEqual({ add: 'd/add_2021.csv', alt: 'd/alt_2021.csv', comments: 'd/sdn_comments_2021.csv' });
  });
});
