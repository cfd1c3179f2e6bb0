// Reads the first worksheet of an .xlsx file as rows of strings, the way the CSV reader gives
// them (line = the sheet's row number), so one reader serves a list whether it comes as xlsx or CSV.
// An xlsx file is a zip of XML parts: fflate unzips it, fast-xml-parser reads the parts.
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import type { CsvRecord } from '../lib/csv.ts';
import { arr, node, text, type XmlNode } from '../lib/xml.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['row', 'c', 'si', 'r', 'sheet', 'Relationship'].includes(name),
});

/** "A" -> 0, "AB" -> 27. */
function column(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** A shared or inline string: plain `<t>`, or rich text runs `<r><t>`. */
function richText(si: XmlNode): string {
  if (si.t !== undefined) return text(si.t);
  return arr(si.r as XmlNode[]).map((r) => text(r.t)).join('');
}

export function* xlsxRows(bytes: Uint8Array): Generator<CsvRecord> {
  const zip = unzipSync(bytes);
  const part = (name: string): XmlNode => {
    const data = zip[name];
    if (!data) throw new Error(`not an xlsx workbook: ${name} is missing`);
    return parser.parse(strFromU8(data)) as XmlNode;
  };
  const workbook = node(part('xl/workbook.xml').workbook);
  const first = arr(node(workbook.sheets).sheet as XmlNode[])[0];
  const rid = first ? String(first['@r:id'] ?? '') : '';
  const rel = arr(node(part('xl/_rels/workbook.xml.rels').Relationships).Relationship as XmlNode[]).find((r) => r['@Id'] === rid);
  const target = String(rel?.['@Target'] ?? 'worksheets/sheet1.xml').replace(/^\/?xl\//, '').replace(/^\//, '');
  const shared = zip['xl/sharedStrings.xml'] ? arr(node(part('xl/sharedStrings.xml').sst).si as XmlNode[]).map(richText) : [];
  const sheet = node(part(`xl/${target}`).worksheet);
  for (const row of arr(node(sheet.sheetData).row as XmlNode[])) {
    const fields: string[] = [];
    for (const c of arr(row.c as XmlNode[])) {
      const type = String(c['@t'] ?? 'n');
      const value = type === 'inlineStr' ? richText(node(c.is)) : type === 's' ? shared[Number(text(c.v))] ?? '' : text(c.v);
      const at = c['@r'] ? column(String(c['@r'])) : fields.length;
      while (fields.length < at) fields.push('');
      fields[at] = value;
    }
    if (fields.some((f) => f !== '')) yield { line: Number(row['@r'] ?? 0), fields };
  }
}
