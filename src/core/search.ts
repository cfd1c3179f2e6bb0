// Looking a company up by any of its names, offline: the popup's and the entity page's search box.
// Names are folded with the matcher's own normaliser (case, diacritics, width, "&", Russian case
// endings), legal-form words are ignored, and a query matches the start of a name or of any word
// in it ("hikv", "digital tech", "海康", "сбер"). One sorted array and a binary search per query.
import type { Dataset } from './dataset.ts';
import { LEGAL_SUFFIXES, nameKey } from './normalize.ts';

export interface SearchHit {
  id: string;
  name: string;
  /** The name that matched, as the dataset writes it (it may be the entity's own name). */
  alias: string;
}

interface Row {
  /** Folded key, from a word boundary of the name to its end. */
  key: string;
  entity: number;
  alias: string;
  /** 0: the key is the whole name; higher: it starts at a later word (ranks lower). */
  offset: number;
}

export interface SearchIndex {
  rows: Row[];
  entities: Array<{ id: string; name: string }>;
}

/** Only the words of a key that are not legal forms, unless that leaves nothing. */
function withoutLegalForms(key: string): string {
  const words = key.split(' ');
  const kept = words.filter((w) => !LEGAL_SUFFIXES.has(w));
  return kept.length > 0 ? kept.join(' ') : key;
}

export function buildSearchIndex(dataset: Pick<Dataset, 'entities'>): SearchIndex {
  const entities = dataset.entities.map((e) => ({ id: e.id, name: e.name }));
  const seen = new Set<string>();
  const rows: Row[] = [];
  dataset.entities.forEach((e, entity) => {
    const names = [e.name, ...e.aliases.map((a) => a.text)];
    for (const alias of names) {
      const full = nameKey(alias);
      for (const key of new Set([full, withoutLegalForms(full)])) {
        if (!key) continue;
        const words = key.split(' ');
        // Every word start, so that a later word of a long name finds it too.
        for (let i = 0; i < words.length; i++) {
          const k = words.slice(i).join(' ');
          const dedupe = `${entity}\u0000${k}`;
          if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          rows.push({ key: k, entity, alias, offset: i });
        }
      }
    }
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows, entities };
}

/** First row whose key is not below `q`. */
function lowerBound(rows: Row[], q: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.key < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Entities with a name starting with `query` (or with a word of it), best first: a whole-name
 * match before a match at a later word, an exact name before a longer one; each entity once.
 */
export function search(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const q = withoutLegalForms(nameKey(query));
  if (!q) return [];
  const best = new Map<number, { row: Row; rank: number }>();
  for (let i = lowerBound(index.rows, q); i < index.rows.length; i++) {
    const row = index.rows[i]!;
    if (!row.key.startsWith(q)) break;
    const exact = row.key === q ? 0 : 1;
    const rank = row.offset * 4 + exact * 2 + (row.alias === index.entities[row.entity]!.name ? 0 : 1);
    const prev = best.get(row.entity);
    if (!prev || rank < prev.rank || (rank === prev.rank && row.key.length < prev.row.key.length)) best.set(row.entity, { row, rank });
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || a.row.key.length - b.row.key.length || a.row.key.localeCompare(b.row.key))
    .slice(0, limit)
    .map(({ row }) => ({ id: index.entities[row.entity]!.id, name: index.entities[row.entity]!.name, alias: row.alias }));
}
