// The search box of the popup and the entity page: any name of any entity in the dataset, as the
// reader types. The context passes the lookup (a message to the background) and what a result opens.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit } from '../core/search.ts';
import { quoted, t } from './i18n.ts';

export interface SearchProps {
  search: (query: string) => Promise<SearchHit[]>;
  /** The entity page's address for an entity. */
  href: (id: string) => string;
  /** Instead of following the link (the popup opens a tab). */
  onOpen?: (id: string) => void;
  autoFocus?: boolean;
}

export function Search({ search, href, onOpen, autoFocus }: SearchProps) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const latest = useRef('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);
  const change = (q: string) => {
    setQuery(q);
    latest.current = q;
    if (!q.trim()) return setHits(null);
    void search(q).then((h) => {
      // Answers can arrive out of order: only the one for the current text counts.
      if (latest.current === q) setHits(Array.isArray(h) ? h : []);
    }, () => setHits([]));
  };
  return (
    <div class="search" role="search">
      <input ref={input} type="search" id="search" value={query} placeholder={t('search_placeholder')} aria-label={t('search_label')}
        autoComplete="off" spellcheck={false} onInput={(e) => change(e.currentTarget.value)} />
      {hits === null ? null : hits.length === 0 ? (
        <p class="muted" id="search-none" role="status">{t('search_none', quoted(query))}</p>
      ) : (
        <ul id="search-results" aria-label={t('search_results')}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <a href={href(hit.id)} data-entity={hit.id}
                onClick={(e) => {
                  if (!onOpen || !e.isTrusted) return;
                  e.preventDefault();
                  onOpen(hit.id);
                }}>
                <span class="name">{hit.name}</span>
                {hit.alias !== hit.name ? <span class="alias muted"> {quoted(hit.alias)}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
