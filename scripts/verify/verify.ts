// Cross-checks curated measures against the official-list snapshots they cite
// (`verification: "snapshot:<file>@<date>"`): the entity must be on that list under its listed
// name or an alias, with a matching date; a removed measure must be gone from snapshots taken
// after its removal. Everything else is "not checkable offline" and is counted and printed.
import type { Dataset, Entity, Measure } from '../../src/core/dataset.ts';
import { LEGAL_SUFFIXES, nameKey } from '../../src/core/normalize.ts';
import type { SnapshotRow, Snapshots } from './snapshots.ts';

export interface Checked {
  entity: string;
  list: string;
  since: string;
  file: string;
  at?: string;
}

export interface VerifyResult {
  verified: Checked[];
  errors: Array<Checked & { message: string }>;
  notCheckable: Checked[];
  /** Not-checkable measures that a snapshot of the same list, dated after the measure, could check. */
  couldCheck: Array<Checked & { snapshot: string }>;
}

/** Snapshots by the lists they cover, with the date their content reflects. */
export const COVERAGE: Array<{ file: string; date: string; lists: string[] }> = [
  { file: 'official-lists/us-trade-csl/consolidated_csl_2022-04.csv', date: '2022-04-21', lists: ['us-bis-entity-list', 'us-bis-unverified-list', 'us-bis-meu-list', 'us-bis-denied-persons', 'us-ofac-sdn', 'us-ofac-ssi', 'us-ofac-ns-cmic'] },
  { file: 'official-lists/us-ofac-cons/CONS_ENHANCED_2025-01-10.xml', date: '2025-01-10', lists: ['us-ofac-ns-cmic', 'us-ofac-ssi'] },
  { file: 'official-lists/us-ofac-cons/cons_prim.csv', date: '2025-12-19', lists: ['us-ofac-ns-cmic', 'us-ofac-ssi'] },
  { file: 'official-lists/us-ofac-sdn/sdn_2021.csv', date: '2021-07-07', lists: ['us-ofac-sdn'] },
  { file: 'official-lists/uk-ofsi-conlist/ofsi_conlist_2025-04-10.csv', date: '2025-04-10', lists: ['gb-uk-sanctions-list'] },
  { file: 'official-lists/au-dfat-consolidated/dfat_consolidated_2024-11.csv', date: '2024-11-11', lists: ['au-dfat-consolidated'] },
  { file: 'official-lists/ca-sema/sema-lmes_2020-04.xml', date: '2020-04-15', lists: ['ca-sema'] },
  { file: 'official-lists/un-sc-consolidated/UN_consolidated_2026-02-27.xml', date: '2026-02-27', lists: ['un-sc-consolidated'] },
  { file: 'reference-nc/us_dod_chinese_milcorps/sanctions.csv', date: '2026-06-08', lists: ['us-dod-1260h'] },
  { file: 'reference-nc/us_fcc_covered_list/table.csv', date: '2026-08-20', lists: ['us-fcc-covered-list'] },
  { file: 'reference-nc/us_special_leg/section_889.csv', date: '2026-08-18', lists: ['us-ndaa-889'] },
  { file: 'reference-nc/us_special_leg/section_5949.csv', date: '2026-08-18', lists: ['us-ndaa-5949'] },
  { file: 'reference-nc/us_special_leg/section_154.csv', date: '2026-08-18', lists: ['us-ndaa-154'] },
  { file: 'reference-nc/us_bis_mieu/mieu.csv', date: '2026-07-27', lists: ['us-bis-mieu-list'] },
  { file: 'reference-nc/cn_sanctions/sanctions.csv', date: '2026-08-07', lists: ['cn-mofcom-unreliable-entity-list', 'cn-mofcom-export-control-list', 'cn-mfa-countermeasures', 'cn-mofcom-countermeasures'] },
];

/** Rows of multi-list files that belong to the measure's list. */
const ON_LIST: Record<string, RegExp> = {
  'us-bis-entity-list': /Entity List/,
  'us-bis-unverified-list': /Unverified List/,
  'us-bis-meu-list': /Military End User/,
  'us-bis-denied-persons': /Denied Persons/,
  'us-ofac-sdn': /Specially Designated Nationals|^(?!.*Non-SDN)/,
  'us-ofac-ssi': /Sectoral Sanctions|UKRAINE-EO13662/,
  'us-ofac-ns-cmic': /CMIC|Chinese Military/,
  'cn-mfa-countermeasures': /^Ministry of Foreign Affairs/,
  'cn-mofcom-unreliable-entity-list': /^Ministry of Commerce UEL/,
  'cn-mofcom-export-control-list': /^Ministry of Commerce (List of Export Controls|Export Control Watch List)/,
  'cn-mofcom-countermeasures': /^Ministry of Commerce List of Targets of Countermeasures/,
};
const MULTI_LIST = /us-trade-csl|us-ofac-cons|cn_sanctions/;
/** Lists whose snapshot date is not the listing date: a Denied Persons row carries its current order's date. */
const DATE_IS_NOT_LISTING = new Set(['us-bis-denied-persons']);

/** Name keys to compare: as written, without parentheses, without trailing legal forms. */
export function nameVariants(name: string): string[] {
  const out = new Set<string>();
  for (const form of [name, name.replace(/\([^)]*\)/g, ' ')]) {
    const tokens = nameKey(form).split(' ').filter(Boolean);
    if (tokens.length === 0) continue;
    out.add(tokens.join(' '));
    while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1]!)) tokens.pop();
    out.add(tokens.join(' '));
  }
  return [...out];
}

/**
 * A row matches on any name variant; the listed name may also open a longer field (Entity List
 * names run on into the address: "HiSilicon Technologies Co., Ltd (HiSilicon), Bantian ...").
 */
function matches(row: SnapshotRow, wanted: Set<string>, listed: string[]): boolean {
  if (row.text !== undefined) {
    const hay = ` ${nameKey(row.text)} `;
    return [...wanted].some((w) => hay.includes(` ${w} `));
  }
  return row.names.some((n) => {
    const key = nameKey(n);
    return nameVariants(n).some((v) => wanted.has(v)) || listed.some((l) => l.split(' ').length >= 2 && `${key} `.startsWith(`${l} `));
  });
}

/** An EU regulation lists one party in several annexes, each with its own date: use the program's annex. */
function annexFilter(file: string, program: string): RegExp | undefined {
  if (!file.includes('eu_journal_sanctions')) return undefined;
  const annex = /Annex(?:es)? ([IVXL]+)\b/.exec(program)?.[1];
  return annex ? new RegExp(`Annex ${annex}(\\.|\\s|$)`) : undefined;
}

const samePrefix = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export function verifyDataset(dataset: Dataset, snapshots: Pick<Snapshots, 'rows'>): VerifyResult {
  const result: VerifyResult = { verified: [], errors: [], notCheckable: [], couldCheck: [] };
  for (const entity of dataset.entities) {
    for (const m of entity.measures) {
      const base = { entity: entity.id, list: m.list, since: m.since };
      const ref = /^snapshot:(\S+)@(\S+)$/.exec(m.verification);
      if (!ref) {
        result.notCheckable.push({ ...base, file: '' });
        const cover = COVERAGE.find((c) => c.lists.includes(m.list) && c.date >= m.since && !(m.removed && c.date >= m.removed));
        if (cover) result.couldCheck.push({ ...base, file: '', snapshot: cover.file });
        continue;
      }
      const [, file, date] = ref as unknown as [string, string, string];
      checkOne(entity, m, file, date, snapshots, result);
    }
  }
  return result;
}

function checkOne(entity: Entity, m: Measure, file: string, snapDate: string, snapshots: Pick<Snapshots, 'rows'>, result: VerifyResult): void {
  const base = { entity: entity.id, list: m.list, since: m.since, file };
  let rows: SnapshotRow[];
  try {
    rows = snapshots.rows(file);
  } catch (e) {
    result.errors.push({ ...base, message: `cannot read the snapshot: ${(e as Error).message}` });
    return;
  }
  const wanted = new Set([...(m.listedAs ? [m.listedAs] : []), ...entity.aliases.filter((a) => !a.ambiguous).map((a) => a.text)].flatMap(nameVariants));
  const filter = MULTI_LIST.test(file) ? ON_LIST[m.list] : annexFilter(file, m.program);
  const listed = m.listedAs ? [nameKey(m.listedAs)] : [];
  const found = rows.filter((r) => (!filter || filter.test(r.on)) && matches(r, wanted, listed));
  const goneBySnapshot = m.removed !== undefined && snapDate >= m.removed;
  if (found.length === 0) {
    if (goneBySnapshot) result.verified.push(base); // removed before the snapshot, and absent from it
    else result.errors.push({ ...base, message: `"${m.listedAs ?? entity.name}" (or an alias) is not on this list in the snapshot` });
    return;
  }
  const at = found.map((r) => r.at).join(', ');
  if (goneBySnapshot && !found.some((r) => r.ended)) {
    result.errors.push({ ...base, at, message: `removed ${m.removed} but still listed in a snapshot dated ${snapDate}` });
    return;
  }
  // A measure that cites the snapshot's own edition (a listing re-applied under its original date,
  // as the UN list did in 2025) is checked for presence only: the row keeps the first listing date.
  const citesThisEdition = m.citation.date === snapDate;
  const dates = DATE_IS_NOT_LISTING.has(m.list) || citesThisEdition ? [] : found.flatMap((r) => r.listed);
  const want = [m.since, m.citation.date].filter((d): d is string => d !== undefined);
  if (dates.length > 0 && !dates.some((d) => want.some((w) => samePrefix(d, w)))) {
    result.errors.push({ ...base, at, message: `snapshot dates ${[...new Set(dates)].join(', ')}; the measure says since ${m.since}${m.citation.date ? ` (cited ${m.citation.date})` : ''}` });
    return;
  }
  const ended = found.map((r) => r.ended).filter((d): d is string => d !== undefined);
  if (m.removed && ended.length > 0 && !ended.some((d) => samePrefix(d, m.removed!))) {
    result.errors.push({ ...base, at, message: `snapshot ends the listing ${ended.join(', ')}; the measure says removed ${m.removed}` });
    return;
  }
  if (!m.removed && ended.length > 0 && found.every((r) => r.ended)) {
    result.errors.push({ ...base, at, message: `snapshot ends the listing ${ended.join(', ')}, but the measure has no removal date` });
    return;
  }
  result.verified.push({ ...base, at });
}
