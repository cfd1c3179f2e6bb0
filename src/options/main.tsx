// Options: the reader's settings (what the card shows, what is marked and how, the hover delay),
// paused sites, the "Not this company" list with undo, and export/import of all of it as a file.
// Every change is saved at once through the background, which tells open tabs.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { MeasureKind } from '../core/dataset.ts';
import type { PageToBackgroundMap, SettingsState } from '../core/messages.ts';
import { request, type Channel } from '../core/request.ts';
import { HOVER_DELAY_MAX, HOVER_DELAY_MIN, MARK_STYLES, MAX_SETTINGS_FILE, type MarkStyle, type Rejection, type Settings } from '../core/settings.ts';
import { measureKindName, placeName } from '../ui/format.ts';
import { fill, localizeDocument, longDate, quoted, t } from '../ui/i18n.ts';
import './options.css';

const background: Channel<PageToBackgroundMap> = { send: (msg) => browser.runtime.sendMessage(msg) };

const STYLE_LABEL: Record<MarkStyle, () => string> = {
  underline: () => t('options_style_underline'),
  background: () => t('options_style_background'),
  none: () => t('options_style_none'),
};

/** Our controls act only on a person's input. */
const trusted = <E extends Event>(fn: (e: E) => void) => (e: E) => {
  if (e.isTrusted) fn(e);
};

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function ReaderSettings({ state, save }: { state: SettingsState; save: (s: Settings) => void }) {
  const s = state.settings;
  return (
    <section id="reader-settings">
      <h2>{t('options_show_heading')}</h2>
      <fieldset id="jurisdictions">
        <legend>{t('options_jurisdictions')}</legend>
        {state.choices.jurisdictions.map((j) => (
          <label key={j} class="choice">
            <input type="checkbox" value={j} checked={!s.hiddenJurisdictions.includes(j)}
              onChange={trusted((e) => save({ ...s, hiddenJurisdictions: toggle(s.hiddenJurisdictions, j, !(e.currentTarget as HTMLInputElement).checked).sort() }))} />
            {placeName(j)} <span class="muted">({j})</span>
          </label>
        ))}
      </fieldset>
      <fieldset id="kinds">
        <legend>{t('options_kinds')}</legend>
        {(state.choices.kinds as MeasureKind[]).map((k) => (
          <label key={k} class="choice">
            <input type="checkbox" value={k} checked={!s.hiddenKinds.includes(k)}
              onChange={trusted((e) => save({ ...s, hiddenKinds: toggle(s.hiddenKinds, k, !(e.currentTarget as HTMLInputElement).checked).sort() }))} />
            {measureKindName(k)}
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input type="checkbox" id="mark-disputed" checked={s.markDisputed} onChange={trusted((e) => save({ ...s, markDisputed: (e.currentTarget as HTMLInputElement).checked }))} />
        {t('options_mark_disputed')}
      </label>
      <h2>{t('options_marks_heading')}</h2>
      <fieldset id="mark-style">
        <legend>{t('options_mark_style')}</legend>
        {MARK_STYLES.map((style) => (
          <label key={style} class="choice">
            <input type="radio" name="mark-style" value={style} checked={s.markStyle === style} onChange={trusted(() => save({ ...s, markStyle: style }))} />
            {STYLE_LABEL[style]()}
          </label>
        ))}
        <p class="muted">{t('options_style_none_hint')}</p>
      </fieldset>
      <label class="choice" for="hover-delay">
        {t('options_hover_delay')}{' '}
        <input type="number" id="hover-delay" min={HOVER_DELAY_MIN} max={HOVER_DELAY_MAX} step={50} value={s.hoverDelay}
          onChange={trusted((e) => {
            const v = Number((e.currentTarget as HTMLInputElement).value);
            if (Number.isInteger(v) && v >= HOVER_DELAY_MIN && v <= HOVER_DELAY_MAX) save({ ...s, hoverDelay: v });
          })} />{' '}
        {t('options_ms')}
      </label>
    </section>
  );
}

function PausedSites({ sites, unpause }: { sites: string[]; unpause: (site: string) => void }) {
  return (
    <section id="paused">
      <h2>{t('options_paused_heading')}</h2>
      {sites.length === 0 ? (
        <p class="muted">{t('options_paused_none')}</p>
      ) : (
        <ul>
          {sites.map((site) => (
            <li key={site} data-site={site}>
              {site}{' '}
              <button type="button" onClick={trusted(() => unpause(site))}>{t('options_resume')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Rejections({ list, undo }: { list: Rejection[]; undo: (r: Rejection) => void }) {
  const sites = [...new Set(list.map((r) => r.site))].sort();
  return (
    <section id="rejections">
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
                  <button type="button" onClick={trusted(() => undo(r))}>
                    {t('options_undo')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

function FileBox({ onImported }: { onImported: (state: SettingsState, rejected: Rejection[]) => void }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const exportFile = async () => {
    const text = await request(background, { type: 'exportSettings' });
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'company-context-settings.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // A file far bigger than any settings file is refused unread.
    if (file.size > MAX_SETTINGS_FILE) return setMessage({ ok: false, text: t('options_import_failed', t('options_import_too_big')) });
    const reply = await request(background, { type: 'importSettings', text: await file.text() });
    if (!reply.ok) return setMessage({ ok: false, text: t('options_import_failed', reply.error) });
    onImported(reply.state, await request(background, { type: 'rejections' }));
    setMessage({ ok: true, text: t('options_import_done') });
  };
  return (
    <section id="file">
      <h2>{t('options_file_heading')}</h2>
      <p class="muted">{t('options_file_intro')}</p>
      <button type="button" id="export" onClick={trusted(() => void exportFile())}>{t('options_export')}</button>{' '}
      <label class="file">
        {t('options_import')}{' '}
        {/* Not only trusted events: browsers fire this change as untrusted when files are set by
            automation, and only a file the reader picked (or our own page) can get here. */}
        <input type="file" id="import" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget)} />
      </label>
      {message ? (
        <p id="import-result" class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

function Options() {
  const [state, setState] = useState<SettingsState | null>(null);
  const [list, setList] = useState<Rejection[] | null>(null);
  useEffect(() => {
    void request(background, { type: 'getSettings' }).then(setState);
    void request(background, { type: 'rejections' }).then(setList);
  }, []);
  if (!state || !list) return <p>{t('loading')}</p>;
  const save = async (settings: Settings) => setState(await request(background, { type: 'saveSettings', settings }));
  const unpause = async (site: string) => setState(await request(background, { type: 'unpauseSite', site }));
  const undo = async (r: Rejection) => setList(await request(background, { type: 'unreject', site: r.site, entity: r.entity, alias: r.alias }));
  return (
    <>
      <h1>{t('ext_name')}</h1>
      {state.problems.length > 0 ? (
        <div id="problems" class="error" role="alert">
          <p>{t('options_stored_problems')}</p>
          <ul>{state.problems.map((p) => <li key={p}><code>{p}</code></li>)}</ul>
        </div>
      ) : null}
      <ReaderSettings state={state} save={(s) => void save(s)} />
      <PausedSites sites={state.pausedSites} unpause={(site) => void unpause(site)} />
      <Rejections list={list} undo={(r) => void undo(r)} />
      <FileBox onImported={(s, r) => (setState(s), setList(r))} />
      <p class="muted">{state.area === 'sync' ? t('options_stored_sync') : t('options_stored_here')}</p>
    </>
  );
}

localizeDocument(t('options_title'));
render(<Options />, document.getElementById('app')!);
