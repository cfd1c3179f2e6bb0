// One XML reading setup for the official lists: attributes as "@name", text as "#text", every value
// kept as a string (identifiers like "0728" and dates must not become numbers).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', parseTagValue: false, parseAttributeValue: false });

/** Parsed XML: a node's children by tag name. */
export type XmlNode = Record<string, unknown>;

/** The text of a node whether the parser gave a string or an object with attributes. */
export const text = (x: unknown): string => (typeof x === 'object' && x !== null ? String((x as XmlNode)['#text'] ?? '') : String(x ?? '')).trim();

/** A child that may occur once or many times, always as an array. */
export const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined || x === '' ? [] : Array.isArray(x) ? x : [x]);

/** A child element as a node ({} when absent or empty). */
export const node = (x: unknown): XmlNode => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as XmlNode) : {});

const records = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', parseTagValue: false, parseAttributeValue: false, removeNSPrefix: true });

/**
 * The `tag` elements of a list file, one at a time, each with the line it starts on: a record is
 * cut out of the text and parsed alone, so a 20 MB file never becomes one parse tree, and a
 * malformed record is reported by line while the others are read. `tag` must not nest in itself.
 */
export function* xmlRecords(source: string, tag: string): Generator<{ line: number; node: XmlNode } | { line: number; error: string }> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s>/])[\\s\\S]*?</(?:[\\w.-]+:)?${tag}\\s*>`, 'g');
  let line = 1;
  let from = 0;
  for (const m of source.matchAll(re)) {
    for (let i = source.indexOf('\n', from); i !== -1 && i < m.index; i = source.indexOf('\n', i + 1)) line++;
    from = m.index;
    const valid = XMLValidator.validate(m[0]);
    if (valid !== true) yield { line: line + valid.err.line - 1, error: valid.err.msg };
    else yield { line, node: node((records.parse(m[0]) as XmlNode)[tag]) };
  }
}

/** The part of a file before its first `tag` element: where lists state their date. */
export function xmlHead(source: string, tag: string): string {
  const i = source.search(new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s>/])`));
  return i < 0 ? source : source.slice(0, i);
}
