// The entity page: one company in full. Its summary line, a timeline of its measures and disputed
// claims (src/entity/Timeline.tsx) with a table saying the same, an index of the page, then every
// measure (in force and removed, each with "Copy citation"), every claim and answer, relationships
// (each linking to that entity's page), sources, the dataset's date, every name it goes by, and a
// search box to look up any other.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Alias } from '../core/dataset.ts';
import { isEntityId } from '../core/ids.ts';
import type { EntityData, PageToBackgroundMap } from '../core/messages.ts';
import { request, type Channel } from '../core/request.ts';
import { Card, SECTION_IDS } from '../ui/Card.tsx';
import { placeName } from '../ui/format.ts';
import { localizeDocument, t } from '../ui/i18n.ts';
import { Search } from '../ui/Search.tsx';
import { Timeline } from './Timeline.tsx';
import '../ui/card.css';
import './entity.css';

const background: Channel<PageToBackgroundMap> = { send: (msg) => browser.runtime.sendMessage(msg) };

const href = (id: string) => `?id=${id}`;

function Names({ aliases, name }: { aliases: Alias[]; name: string }) {
  const others = aliases.filter((a) => a.text !== name);
  if (others.length === 0) return null;
  return (
    <section class="names" id="names">
      <h2 class="h-section">{t('entity_names')}</h2>
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

/** The page's index: its sections, and each jurisdiction's measures, with how many. */
function Index({ card, names }: { card: EntityData; names: boolean }) {
  const items: Array<{ href: string; text: string; sub?: Array<{ href: string; text: string }> }> = [];
  if (card.jurisdictions.length > 0 || card.claims.length > 0) items.push({ href: '#timeline', text: t('entity_timeline') });
  if (!card.imported) {
    items.push({
      href: `#${SECTION_IDS.measures}`, text: `${t('card_measures')} (${card.jurisdictions.reduce((n, j) => n + j.measures.length, 0)})`,
      sub: card.jurisdictions.map((j) => ({ href: `#jurisdiction-${j.jurisdiction}`, text: `${placeName(j.jurisdiction)} (${j.measures.length})` })),
    });
  }
  if (card.official && card.official.length > 0) items.push({ href: `#${SECTION_IDS.official}`, text: card.imported ? t('card_official_title') : t('card_official_also') });
  if (card.claims.length > 0) items.push({ href: `#${SECTION_IDS.claims}`, text: `${t('card_claims')} (${card.claims.length})` });
  if (card.related.length > 0) items.push({ href: `#${SECTION_IDS.related}`, text: t('card_related') });
  if (names) items.push({ href: '#names', text: t('entity_names') });
  return (
    <nav class="page-index" aria-label={t('entity_contents')}>
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <a href={i.href}>{i.text}</a>
            {i.sub && i.sub.length > 1 ? (
              <ul>
                {i.sub.map((s) => (
                  <li key={s.href}><a href={s.href}>{s.text}</a></li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EntityPage() {
  const id = new URLSearchParams(location.search).get('id');
  const [card, setCard] = useState<EntityData | null | undefined>(id === null ? null : undefined);
  useEffect(() => {
    if (id === null) return;
    if (!isEntityId(id)) return setCard(null);
    void request(background, { type: 'entity', entity: id }).then((c) => {
      setCard(c);
      if (c) document.title = t('entity_title_of', c.name);
    });
  }, []);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <header class="page-head">
        <Search search={(query) => request(background, { type: 'search', query })} href={href} autoFocus={id === null} />
      </header>
      {card === undefined ? (
        <p>{t('loading')}</p>
      ) : card === null ? (
        <p id="entity-none">{id === null ? t('entity_search_intro') : t('entity_none')}</p>
      ) : (
        <article class="entity follow-system">
          <Card
            card={card}
            relatedHref={href}
            headingId="entity-name"
            level={1}
            full
            between={
              <>
                <Timeline card={card} today={today} />
                <Index card={card} names={card.aliases.some((a) => a.text !== card.name)} />
              </>
            }
          />
          <Names aliases={card.aliases} name={card.name} />
        </article>
      )}
    </>
  );
}

localizeDocument(t('entity_title'));
render(<EntityPage />, document.getElementById('app')!);
