// The first-run page, opened once when the extension is installed: what the marks mean, what the
// extension never does, and how to pause it. Static text; it asks the background nothing.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { localizeDocument, t } from '../ui/i18n.ts';
import './welcome.css';

function Welcome() {
  const options = () => void browser.runtime.openOptionsPage();
  return (
    <>
      <h1>{t('welcome_heading')}</h1>
      <p>{t('welcome_intro')}</p>
      <h2>{t('welcome_marks_heading')}</h2>
      <p>
        <span class="sample">{t('welcome_sample')}</span> {t('welcome_marks')}
      </p>
      <p>{t('welcome_not_a_finding')}</p>
      <h2>{t('welcome_never_heading')}</h2>
      <ul id="never">
        <li>{t('welcome_never_network')}</li>
        <li>{t('welcome_never_page')}</li>
        <li>{t('welcome_never_inputs')}</li>
      </ul>
      <h2>{t('welcome_pause_heading')}</h2>
      <p>{t('welcome_pause')}</p>
      <p>
        <button type="button" id="open-options" onClick={(e) => e.isTrusted && options()}>
          {t('welcome_open_options')}
        </button>
      </p>
    </>
  );
}

localizeDocument(t('welcome_title'));
render(<Welcome />, document.getElementById('app')!);
