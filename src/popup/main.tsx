// Toolbar popup: the companies found on the current tab, each with a one-line status; clicking one
// scrolls the page to its first mention; a switch pauses the extension on this site.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PageToBackgroundMap, TabState, ToContentMap } from '../core/messages.ts';
import { request, type Channel } from '../core/request.ts';
import { localizeDocument, t } from '../ui/i18n.ts';
import { Search } from '../ui/Search.tsx';
import './popup.css';

const background: Channel<PageToBackgroundMap> = { send: (msg) => browser.runtime.sendMessage(msg) };

/** The tab the popup is about: the active tab, or `?tab=N` when the popup is opened as a page. */
async function targetTab(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery !== null && /^\d{1,10}$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const entityPage = (id: string) => browser.runtime.getURL(`src/entity/index.html?id=${id}`);

/** Look any company up, whatever the tab shows; a result opens its entity page in a new tab. */
function Lookup() {
  return (
    <Search
      search={(query) => request(background, { type: 'search', query })}
      href={entityPage}
      onOpen={(id) => void browser.tabs.create({ url: entityPage(id) }).then(() => window.close())}
    />
  );
}

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);

  useEffect(() => {
    void targetTab().then(async (id) => {
      setTabId(id);
      setState(id === null ? { active: false, site: '', paused: false, companies: [] } : await request(background, { type: 'tabState', tabId: id }));
    });
  }, []);

  if (!state) return <p class="muted">{t('loading')}</p>;
  if (!state.active || tabId === null) {
    return (
      <>
        <h1>{t('ext_name')}</h1>
        <Lookup />
        <p class="muted">{t('popup_not_here')}</p>
      </>
    );
  }
  // Only the frame that names it first scrolls (each frame's content script answers apart).
  const reveal = (entity: string, frameId: number) => {
    const frame: Channel<ToContentMap> = { send: (msg) => browser.tabs.sendMessage(tabId, msg, { frameId }) };
    void request(frame, { type: 'reveal', entity }).catch(() => undefined);
  };
  const toggle = async (paused: boolean) => setState(await request(background, { type: 'setPaused', tabId, paused }));
  return (
    <>
      <h1>{t('ext_name')}</h1>
      <Lookup />
      <label class="switch">
        <input type="checkbox" id="pause" checked={state.paused} onChange={(e) => void toggle(e.currentTarget.checked)} />
        {t('popup_pause_on', state.site)}
      </label>
      {state.paused ? (
        <p class="muted">{t('popup_paused')}</p>
      ) : state.companies.length === 0 ? (
        <p class="muted">{t('popup_none_found')}</p>
      ) : (
        <ul id="companies">
          {state.companies.map((c) => (
            <li key={c.id}>
              <button type="button" data-entity={c.id} onClick={() => reveal(c.id, c.frameId)}>
                <span class="name">{c.name}</span>
                <span class={c.inForce ? 'status in-force' : 'status'}>{c.status}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">{t('popup_promise')}</p>
    </>
  );
}

localizeDocument(t('ext_name'));
render(<Popup />, document.getElementById('app')!);
