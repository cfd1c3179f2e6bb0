// Options: the "Not this company" list, per site, each entry undoable. (More settings: issue 6.)
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PageToBackground, Rejection } from '../core/messages.ts';
import './options.css';

function ask(msg: PageToBackground): Promise<Rejection[]> {
  return browser.runtime.sendMessage(msg) as Promise<Rejection[]>;
}

function Options() {
  const [list, setList] = useState<Rejection[] | null>(null);
  useEffect(() => {
    void ask({ type: 'rejections' }).then(setList);
  }, []);
  if (!list) return <p>Loading…</p>;
  const sites = [...new Set(list.map((r) => r.site))].sort();
  const undo = async (r: Rejection) => setList(await ask({ type: 'unreject', site: r.site, entity: r.entity, alias: r.alias }));
  return (
    <>
      <h1>Company Context</h1>
      <h2>Not this company</h2>
      <p class="muted">Names you said did not mean the company, per site. They stay unmarked on that site until you undo.</p>
      {sites.length === 0 ? (
        <p id="none">Nothing here yet. Use “Not this company” on a card to add an entry.</p>
      ) : (
        sites.map((site) => (
          <section key={site}>
            <h3>{site}</h3>
            <ul>
              {list.filter((r) => r.site === site).map((r) => (
                <li key={`${r.entity}/${r.alias}`} data-entity={r.entity}>
                  “{r.alias}” is not <code>{r.entity}</code> <span class="muted">(since {r.at})</span>{' '}
                  <button type="button" onClick={(e) => e.isTrusted && void undo(r)}>
                    Undo
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p class="muted">Stored only in this browser. Nothing is sent anywhere.</p>
    </>
  );
}

render(<Options />, document.getElementById('app')!);
