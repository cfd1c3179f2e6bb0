// Readers for the lists published as XML: OFAC Enhanced XML, the UN Security Council consolidated
// list, Canada's SEMA list, the FCDO UK Sanctions List and the EU Financial Sanctions Files. Each
// reads its file record by record (xmlRecords), never as one parse tree.
import { LEGAL_SUFFIXES, tokenize } from '../../src/core/normalize.ts';
import type { OfficialDate, OfficialDateMeaning } from '../../src/core/official.ts';
import { splitList } from '../lib/csv.ts';
import { arr, node, text, xmlHead, xmlRecords, type XmlNode } from '../lib/xml.ts';
import type { FileImport } from './file-import.ts';
import { listIdOf } from './lists.ts';
import { OFAC_DATE_MEANING } from './tabular.ts';

const nodes = (x: unknown): XmlNode[] => arr(x as XmlNode | XmlNode[]).map(node);
const texts = (x: unknown): string[] => arr(x).map(text).filter(Boolean);

/** Reads each `tag` record of a file; malformed ones become errors with their line. */
function each(source: string, tag: string, f: FileImport, read: (n: XmlNode, at: string) => void): void {
  for (const r of xmlRecords(source, tag)) {
    f.rows++;
    if ('error' in r) f.error(String(r.line), `malformed <${tag}>: ${r.error}`);
    else read(r.node, String(r.line));
  }
}

/** A date stated in the text before the records: `<dataAsOf>`, `dateGenerated="..."`. */
function headDate(source: string, tag: string, f: FileImport, pattern: RegExp): void {
  const m = pattern.exec(xmlHead(source, tag));
  if (m) f.statedAsOf(m[1]!, 'header');
}

/* ---------- OFAC Enhanced XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML) ---------- */

const FEATURE_DATE = /^(Listing Date|Effective Date|Purchase\/Sales For Divestment Date)\b/;

export function ofacEnhanced(source: string, f: FileImport): void {
  headDate(source, 'entity', f, /<dataAsOf>([^<]+)<\/dataAsOf>/);
  each(source, 'entity', f, (e, at) => {
    const id = String(e['@id'] ?? '');
    const type = text(node(e.generalInfo).entityType).toLowerCase();
    if (!/^\d+$/.test(id)) return f.error(at, 'entity without a numeric id');
    if (type === 'individual') return f.skip('person');
    if (type === 'vessel' || type === 'aircraft') return f.skip(type);
    if (type !== 'entity') return f.skip(`other type (${type || 'blank'})`);
    const names: string[] = [];
    let primary = '';
    for (const n of nodes(node(e.names).name)) {
      for (const t of nodes(node(n.translations).translation)) {
        const full = text(t.formattedFullName);
        if (text(n.isPrimary) === 'true' && text(t.isPrimary) === 'true' && !primary) primary = full;
        else names.push(full);
      }
    }
    const name = primary || names.shift() || '';
    if (!name) return f.error(at, 'entity without a name');
    const lists = nodes(node(e.sanctionsLists).sanctionsList).filter((l) => text(l) !== 'Consolidated List');
    const dates: OfficialDate[] = [];
    for (const l of lists) f.date(dates, at, String(l['@datePublished'] ?? ''), 'listed', `datePublished (${text(l)})`);
    for (const ft of nodes(node(e.features).feature)) {
      const label = text(ft.type);
      const kind = FEATURE_DATE.exec(label)?.[1] as keyof typeof OFAC_DATE_MEANING | undefined;
      if (kind) f.date(dates, at, text(node(ft.valueDate).fromDateBegin) || text(ft.value), OFAC_DATE_MEANING[kind], label.replace(/:$/, ''));
    }
    const countries = nodes(node(e.addresses).address).map((a) => text(a.country)).filter(Boolean);
    const listNames = lists.map(text);
    const listId = listNames.map(listIdOf).find(Boolean);
    f.keep({
      list: listNames.join('; ') || 'OFAC Consolidated List',
      ...(listId ? { listId } : {}),
      programs: texts(node(e.sanctionsPrograms).sanctionsProgram),
      name,
      aliases: names,
      dates,
      ref: `OFAC UID ${id}`,
      ...(countries.length ? { countries: [...new Set(countries)] } : {}),
      at,
    });
  });
}

/* ---------- UN Security Council consolidated list ---------- */

export function un(source: string, f: FileImport): void {
  headDate(source, 'INDIVIDUAL', f, /dateGenerated="([^"]+)"/);
  each(source, 'INDIVIDUAL', f, () => f.skip('person'));
  each(source, 'ENTITY', f, (e, at) => {
    const ref = text(e.REFERENCE_NUMBER);
    // The entity's name is stored in FIRST_NAME (and, rarely, continued in the other name fields).
    const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(e[k])).filter(Boolean).join(' ');
    if (!ref || !name) return f.error(at, ref ? 'entity without a name' : 'entity without a REFERENCE_NUMBER');
    const dates: OfficialDate[] = [];
    f.date(dates, at, text(e.LISTED_ON), 'listed', 'LISTED_ON');
    const updated = texts(node(e.LAST_DAY_UPDATED).VALUE).sort().at(-1);
    f.date(dates, at, updated, 'changed', 'LAST_DAY_UPDATED');
    const countries = nodes(e.ENTITY_ADDRESS).map((a) => text(a.COUNTRY)).filter(Boolean);
    f.keep({
      list: 'United Nations Security Council Consolidated List',
      listId: 'un-sc-consolidated',
      programs: texts(e.UN_LIST_TYPE),
      name,
      aliases: nodes(e.ENTITY_ALIAS).map((a) => text(a.ALIAS_NAME)),
      dates,
      ref: `UN ref ${ref}`,
      ...(text(e.DATAID) ? { otherRefs: [`UN DATAID ${text(e.DATAID)}`] } : {}),
      ...(countries.length ? { countries: [...new Set(countries)] } : {}),
      at,
    });
  });
}

/* ---------- Canada SEMA consolidated list (sema-lmes.xml) ---------- */

/**
 * SEMA puts all aliases in one comma-separated field, and legal forms contain commas too ("Air
 * Bagan Holdings Pte. Ltd., Air Bagan Limited"): a piece made only of legal-form words ("Ltd.")
 * stays with the name before it.
 */
export function semaAliases(field: string): string[] {
  const out: string[] = [];
  for (const piece of splitList(field, /[,;]\s*/)) {
    const words = tokenize(piece).map((t) => t.key);
    if (out.length > 0 && words.length > 0 && words.every((w) => LEGAL_SUFFIXES.has(w))) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
  }
  return out;
}

export function sema(source: string, f: FileImport): void {
  each(source, 'record', f, (r, at) => {
    const entity = text(r.Entity ?? r.EntityOrShip);
    if (!entity) return f.skip(text(r.LastName) || text(r.GivenName) ? 'person' : 'empty row');
    if (text(r.ShipIMONumber)) return f.skip('vessel');
    const country = text(r.Country);
    const dates: OfficialDate[] = [];
    f.date(dates, at, text(r.DateOfListing), 'listed', 'DateOfListing');
    f.keep({
      list: 'Consolidated Canadian Autonomous Sanctions List (SEMA)',
      listId: 'ca-sema',
      programs: country ? [country] : [],
      name: entity,
      aliases: semaAliases(text(r.Aliases)),
      dates,
      // SEMA has no record id: the regulation's schedule and item identify the listing.
      ref: `SEMA ${country} Schedule ${text(r.Schedule)} Item ${text(r.Item)}`,
      at,
    });
  });
}

/* ---------- FCDO UK Sanctions List XML (the list that replaced OFSI's ConList) ---------- */

export function fcdo(source: string, f: FileImport): void {
  headDate(source, 'Designation', f, /<DateGenerated>([^<]+)<\/DateGenerated>/);
  each(source, 'Designation', f, (d, at) => {
    const type = text(d.IndividualEntityShip).toLowerCase();
    if (type === 'individual') return f.skip('person');
    if (type === 'ship') return f.skip('vessel');
    if (type !== 'entity') return f.skip(`other type (${type || 'blank'})`);
    const uid = text(d.UniqueID);
    const group = text(d.OFSIGroupID);
    if (!uid && !group) return f.error(at, 'designation without UniqueID or OFSIGroupID');
    let name = '';
    const aliases: string[] = [];
    for (const n of nodes(node(d.Names).Name)) {
      const full = ['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6'].map((k) => text(n[k])).filter(Boolean).join(' ');
      if (/^primary name$/i.test(text(n.NameType)) && !name) name = full;
      else aliases.push(full);
    }
    for (const n of nodes(node(d.NonLatinNames).NonLatinName)) aliases.push(text(n.NameNonLatinScript));
    if (!name) name = aliases.shift() ?? '';
    if (!name) return f.error(at, 'designation without a name');
    const dates: OfficialDate[] = [];
    f.date(dates, at, text(d.DateDesignated), 'designated', 'DateDesignated');
    f.date(dates, at, text(d.LastUpdated), 'changed', 'LastUpdated');
    const refs = [...(group ? [`UK Group ID ${group}`] : []), ...(uid ? [`UK Sanctions List Ref ${uid}`] : []), ...(text(d.UNReferenceNumber) ? [`UN ref ${text(d.UNReferenceNumber)}`] : [])];
    const countries = nodes(node(d.Addresses).Address).map((a) => text(a.AddressCountry)).filter(Boolean);
    f.keep({
      list: 'UK Sanctions List',
      listId: 'gb-uk-sanctions-list',
      programs: texts(d.RegimeName),
      name,
      aliases,
      dates,
      ref: refs[0]!,
      ...(refs.length > 1 ? { otherRefs: refs.slice(1) } : {}),
      ...(countries.length ? { countries: [...new Set(countries)] } : {}),
      at,
    });
  });
}

/* ---------- EU Financial Sanctions Files (xmlFullSanctionsList_1_1) ---------- */

export function eu(source: string, f: FileImport): void {
  headDate(source, 'sanctionEntity', f, /generationDate="([^"]+)"/);
  each(source, 'sanctionEntity', f, (e, at) => {
    const code = String(node(e.subjectType)['@code'] ?? '').toLowerCase();
    const id = String(e['@logicalId'] ?? '');
    if (code === 'person') return f.skip('person');
    if (code !== 'enterprise') return f.skip(`other type (${code || 'blank'})`);
    if (!id) return f.error(at, 'sanctionEntity without a logicalId');
    const names = nodes(e.nameAlias).map((n) => String(n['@wholeName'] ?? '').trim()).filter(Boolean);
    if (names.length === 0) return f.error(at, 'sanctionEntity without a nameAlias');
    // The earliest regulation is the act that listed the entity; later ones amend the entry.
    const regulations = nodes(e.regulation).sort((a, b) => String(a['@publicationDate'] ?? '').localeCompare(String(b['@publicationDate'] ?? '')));
    const dates: OfficialDate[] = [];
    const first = regulations[0];
    const meaning = (k: string): OfficialDateMeaning => (k === 'publicationDate' ? 'listed' : 'effective');
    if (first) for (const k of ['publicationDate', 'entryIntoForceDate']) f.date(dates, at, String(first[`@${k}`] ?? ''), meaning(k), `regulation ${k} (${String(first['@numberTitle'] ?? '')})`);
    const refs = [String(e['@euReferenceNumber'] ?? ''), String(e['@unitedNationId'] ?? '')];
    const otherRefs = [...(refs[0] ? [`EU ref ${refs[0]}`] : []), ...(refs[1] ? [`UN ref ${refs[1]}`] : [])];
    const countries = nodes(e.address).map((a) => String(a['@countryDescription'] ?? '')).filter((c) => c && c !== 'UNKNOWN');
    f.keep({
      list: 'EU Financial Sanctions Files (consolidated list)',
      programs: [...new Set(regulations.map((r) => String(r['@programme'] ?? '')).filter(Boolean))],
      name: names[0]!,
      aliases: names.slice(1),
      dates,
      ref: `EU logical id ${id}`,
      ...(otherRefs.length ? { otherRefs } : {}),
      ...(countries.length ? { countries: [...new Set(countries)] } : {}),
      at,
    });
  });
}
