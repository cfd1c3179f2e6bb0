// What the dataset says about a company: cards for the content script and the entity page, the
// popup's line for each company on the tab, which ids the badge counts, and search. Built from
// the dataset it is given, so a unit test passes a small one.
import type { CardData, EntityStatus } from '../core/card.ts';
import { cardData, entityStatus, isInForce } from '../core/card-data.ts';
import type { Dataset } from '../core/dataset.ts';
import type { TabState } from '../core/messages.ts';
import { officialCard, withOfficialRecords, type OfficialBundle } from '../core/official-card.ts';
import { buildSearchIndex, search, type SearchIndex } from '../core/search.ts';
import { filterCard, type Settings } from '../core/settings.ts';

type TabCompany = TabState['companies'][number];

export interface CardsDeps {
  dataset: Dataset;
  /** Official list records (a `--with-official` build; empty otherwise). */
  official: OfficialBundle;
  /** YYYY-MM-DD: cards say how old their sources are. */
  today: () => string;
  /** The status line in the interface language (src/ui/format.ts; it needs browser.i18n). */
  statusText: (s: EntityStatus) => string;
}

export function datasetCards({ dataset, official, today, statusText }: CardsDeps) {
  const lists = new Map(dataset.lists.map((l) => [l.id, l]));
  const entities = new Map(dataset.entities.map((e) => [e.id, e]));
  // Imported-only organisations are entities only here; curated cards gain their attached records.
  const officialNames = new Map(official.entities.map((e) => [e.id, e.name]));
  let index: SearchIndex | null = null;

  const card = (id: string): CardData | null => {
    const curated = cardData(dataset, id, today());
    return curated ? withOfficialRecords(curated, official) : officialCard(official, id, dataset.asOf);
  };

  return {
    /** An id a content script may report: curated or official. */
    isKnown: (id: string): boolean => entities.has(id) || officialNames.has(id),

    /** The badge counts companies with a measure in force, and every official-list organisation. */
    countsOnBadge: (id: string): boolean => entities.get(id)?.measures.some(isInForce) === true || officialNames.has(id),

    /** Only curated entities have an entity page. */
    hasPage: (id: string): boolean => entities.has(id),

    /** Whether the dataset gives this entity this alias (only such an alias can be rejected). */
    hasAlias: (id: string, alias: string): boolean => entities.get(id)?.aliases.some((a) => a.text === alias) === true,

    /** The hover card, as the reader's filters show it. */
    card: (id: string, settings: Settings): CardData | null => {
      const c = card(id);
      return c && filterCard(c, settings);
    },

    /** The whole record, unfiltered, with every name it goes by (the entity page). */
    entity: (id: string) => {
      const c = card(id);
      return c && { ...c, aliases: entities.get(id)?.aliases ?? [] };
    },

    /** The popup's line for a company on the tab; null for an id the dataset no longer has. */
    company: (id: string, frameId: number): TabCompany | null => {
      const e = entities.get(id);
      if (e) return { id, frameId, name: e.name, status: statusText(entityStatus(e, lists)), inForce: e.measures.some(isInForce) };
      const name = officialNames.get(id);
      if (name === undefined) return null;
      const jurisdictions = [...new Set((official.records[id] ?? []).map((r) => r.list))];
      return { id, frameId, name, status: statusText({ inForce: jurisdictions.length, jurisdictions, removedEarlier: false }), inForce: true };
    },

    /** Built on the first search, then kept while the worker lives (about 10 ms for the curated dataset). */
    search: (query: string) => search((index ??= buildSearchIndex(dataset)), query, 20),
  };
}

export type Cards = ReturnType<typeof datasetCards>;
