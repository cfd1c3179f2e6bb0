// The keyboard way in: a compact list of the companies named on the page, opened by our
// browser shortcut. Marks are not focusable (we never touch the page), so this is where keyboard
// and screen-reader users start. Rendered in the card's closed shadow root; keys are handled by
// the keyboard session (keyboard.ts); the hover state machine owns the state.
import { plural, t, uiDir, uiLocale } from '../ui/i18n.ts';

export interface ListedCompany {
  entity: string;
  name: string;
  mentions: number;
}

interface CompanyListProps {
  companies: ListedCompany[];
  selected: number;
  dark: boolean;
  onKeyDown: (e: KeyboardEvent) => void;
}

const LIST_TITLE_ID = 'cc-list-title';
export const optionId = (i: number) => `cc-company-${i}`;

export function CompanyList({ companies, selected, dark, onKeyDown }: CompanyListProps) {
  return (
    // A modal dialog while it is open: focus stays in it until Escape or a choice.
    <div class={dark ? 'list-panel dark' : 'list-panel'} role="dialog" aria-modal="true" aria-labelledby={LIST_TITLE_ID} tabIndex={-1} onKeyDown={onKeyDown}>
      <div class="card" lang={uiLocale()} dir={uiDir()}>
        <h2 id={LIST_TITLE_ID}>{t('list_title')}</h2>
        <p class="muted" id="cc-list-hint">
          {t('list_hint')}
        </p>
        {companies.length === 0 ? (
          <p class="none">{t('list_empty')}</p>
        ) : (
          <ul class="companies" role="listbox" aria-labelledby={LIST_TITLE_ID} aria-describedby="cc-list-hint">
            {companies.map((c, i) => (
              // Roving focus: the chosen option is the one focusable element, so Tab does not wander.
              <li key={c.entity} id={optionId(i)} role="option" tabIndex={i === selected ? 0 : -1} aria-selected={i === selected} data-entity={c.entity}>
                <span>{c.name}</span> <span class="muted">{plural('list_mentions', c.mentions)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
