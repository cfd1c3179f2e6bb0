// Options: the "Not this company" list, per site, each entry undoable. (More settings: issue 6.)
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PageToBackground, Rejection } from '../core/messages.ts';
import { fill, localizeDocument, longDate, quoted, t } from '../ui/i18n.ts';
import './options.css';

function ask(msg: PageToBackground): Promise<Rejection[]> {
  return browser.runtime.sendMessage(msg) as Promise<Rejection[]>;
}

function Options() {
  const [list, setList] = useState<Rejection[] | null>(null);
  useEffect(() => {
    void ask({ type: 'rejections' }).then(setList);
  }, []);
  if (!list) return <p>{t('loading')}</p>;
  const sites = [...new Set(list.map((r) => r.site))].sort();
  const undo = async (r: Rejection) => setList(await ask({ type: 'unreject', site: r.site, entity: r.entity, alias: r.alias }));
  return (
    <>
      <h1>{t('ext_name')}</h1>
      <h2>{t('not_this_company')}</h2>
      <p class="muted">{t('options_rejected_intro')}</p>
      {sites.length === 0 ? (
        <p id="none">{t('options_rejected_none', quoted(t('not_this_company')))}</p>
      ) : (
        sites.map((site) => (
          <section key={site}>
            <h3>{site}</h3>
            <ul>
              {list.filter((r) => r.site === site).map((r) => (
                <li key={`${r.entity}/${r.alias}`} data-entity={r.entity}>
                  {fill('options_rejected_entry', quoted(r.alias), <code>{r.entity}</code>)}{' '}
                  <span class="muted">({fill('options_rejected_since', <time dateTime={r.at}>{longDate(r.at)}</time>)})</span>{' '}
                  <button type="button" onClick={(e) => e.isTrusted && void undo(r)}>
                    {t('options_undo')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p class="muted">{t('options_stored_here')}</p>
    </>
  );
}

localizeDocument(t('options_title'));
render(<Options />, document.getElementById('app')!);
