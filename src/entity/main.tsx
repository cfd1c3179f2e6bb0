// The entity page: one company in full (every measure, in force and removed, with its dates;
// every claim and counter-claim; relationships, each linking to that entity's page; sources; the
// dataset's date), every name it goes by, and a search box to look up any other.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CardData } from '../core/compile.ts';
import type { Alias } from '../core/dataset.ts';
import { isEntityId, type PageToBackground, type SearchHit } from '../core/messages.ts';
import { Card } from '../ui/Card.tsx';
import { localizeDocument, t } from '../ui/i18n.ts';
import { Search } from '../ui/Search.tsx';
import '../ui/card.css';
import './entity.css';

type EntityData = CardData & { aliases: Alias[] };

function ask<T>(msg: PageToBackground): Promise<T> {
  return browser.runtime.sendMessage(msg) as Promise<T>;
}

const href = (id: string) => `?id=${id}`;

function Names({ aliases, name }: { aliases: Alias[]; name: string }) {
  const others = aliases.filter((a) => a.text !== name);
  if (others.length === 0) return null;
  return (
    <section class="names">
      <h3>{t('entity_names')}</h3>
      <ul>
        {others.map((a) => (
          <li key={a.text} lang={a.lang}>
            {a.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EntityPage() {
  const id = new URLSearchParams(location.search).get('id');
  const [card, setCard] = useState<EntityData | null | undefined>(id === null ? null : undefined);
  useEffect(() => {
    if (id === null) return;
    if (!isEntityId(id)) return setCard(null);
    void ask<EntityData | null>({ type: 'entity', entity: id }).then((c) => {
      setCard(c);
      if (c) document.title = t('entity_title_of', c.name);
    });
  }, []);
  return (
    <>
      <header class="page-head">
        <Search search={(query) => ask<SearchHit[]>({ type: 'search', query })} href={href} autoFocus={id === null} />
      </header>
      {card === undefined ? (
        <p>{t('loading')}</p>
      ) : card === null ? (
        <p id="entity-none">{id === null ? t('entity_search_intro') : t('entity_none')}</p>
      ) : (
        <article class="entity follow-system">
          <Card card={card} relatedHref={href} headingId="entity-name" level={1} />
          <Names aliases={card.aliases} name={card.name} />
        </article>
      )}
    </>
  );
}

localizeDocument(t('entity_title'));
render(<EntityPage />, document.getElementById('app')!);
