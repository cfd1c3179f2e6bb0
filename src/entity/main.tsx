// The full entity page: one company with every measure, claim and source, opened from the card.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CardData } from '../core/compile.ts';
import { isEntityId, type PageToBackground } from '../core/messages.ts';
import { Card } from '../ui/Card.tsx';
import { localizeDocument, t } from '../ui/i18n.ts';
import '../ui/card.css';
import './entity.css';

function EntityPage() {
  const [card, setCard] = useState<CardData | null | undefined>(undefined);
  useEffect(() => {
    const id = new URLSearchParams(location.search).get('id');
    if (!isEntityId(id)) return setCard(null);
    const msg: PageToBackground = { type: 'entity', entity: id };
    void (browser.runtime.sendMessage(msg) as Promise<CardData | null>).then((c) => {
      setCard(c);
      if (c) document.title = t('entity_title_of', c.name);
    });
  }, []);
  if (card === undefined) return <p>{t('loading')}</p>;
  if (card === null) return <p>{t('entity_none')}</p>;
  return <Card card={card} level={1} />; // the company's name is the page's h1
}

localizeDocument(t('entity_title'));
render(<EntityPage />, document.getElementById('app')!);
