// The keyboard session: our shortcut's list of the page's companies, the cards opened from it,
// and focus (into our dialog, trapped there, and back where it was when the session ends).
// Why a list and not focusable marks: docs/decisions/0008-keyboard-access.md.
import { h } from 'preact';
import type { CardData } from '../core/card.ts';
import { t } from '../ui/i18n.ts';
import type { CardHost } from './card-host.ts';
import { CompanyList, optionId, type ListedCompany } from './company-list.tsx';
import { keyed, type HoverEvent, type HoverState } from './hover-machine.ts';
import type { Mention, Mentions } from './mentions.ts';

interface KeyboardDeps {
  mentions: Mentions;
  host: CardHost;
  isDark: () => boolean;
  /** The hover machine's state and its input. */
  state: () => HoverState;
  dispatch: (e: HoverEvent) => void;
  cardFor: (entity: string) => Promise<CardData | null>;
}

export class KeyboardSession {
  /** The page's focused element when the session began; focus goes back there. */
  private returnFocus: Element | null = null;
  /** The list as last shown: each company with its mentions in page order. */
  private listed: Array<ListedCompany & { ids: number[] }> = [];
  private selected = 0;
  /** Which of the selected company's mentions the keyboard card is on. */
  private step = 0;

  constructor(private readonly deps: KeyboardDeps) {}

  /** Our shortcut (the background's `companyList` message): the list of companies, focused. */
  openList(): void {
    if (!keyed(this.deps.state())) this.returnFocus = document.activeElement;
    this.deps.dispatch({ type: 'list' });
  }

  async showList(): Promise<void> {
    const token = this.deps.state().token;
    const groups = new Map<string, Mention[]>();
    for (const m of this.deps.mentions.inPageOrder()) groups.set(m.entity, [...(groups.get(m.entity) ?? []), m]);
    const cards = await Promise.all([...groups.keys()].map((e) => this.deps.cardFor(e)));
    const state = this.deps.state();
    if (state.phase !== 'list' || state.token !== token) return;
    const before = this.listed[this.selected]?.entity;
    this.listed = [...groups.values()].map((ms, i) => ({ entity: ms[0]!.entity, name: cards[i]?.name ?? ms[0]!.text, mentions: ms.length, ids: ms.map((m) => m.id) }));
    // Back from a card (Escape): the same company stays chosen.
    this.selected = Math.max(0, this.listed.findIndex((c) => c.entity === before));
    this.drawList();
  }

  /** Tells screen readers which company's card opened, and which of its mentions it is on. */
  announce(m: Mention, card: CardData): void {
    const ids = this.listed[this.selected]?.ids ?? [m.id];
    this.deps.host.announce(t('card_announce', card.name, Math.max(ids.indexOf(m.id), 0) + 1, ids.length));
  }

  private drawList(): void {
    this.deps.host.showList(h(CompanyList, { companies: this.listed, selected: this.selected, dark: this.deps.isDark(), onKeyDown: this.onListKey }));
    (this.deps.host.query(`#${optionId(this.selected)}`) ?? this.deps.host.query('.list-panel'))?.focus({ preventScroll: true });
  }

  /** Keys in the list. Only here, inside our own open dialog, do we take keys from the page. */
  private onListKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted || this.deps.state().phase !== 'list') return;
    const n = this.listed.length;
    let handled = true;
    if (e.key === 'ArrowDown' && n > 0) this.selected = (this.selected + 1) % n;
    else if (e.key === 'ArrowUp' && n > 0) this.selected = (this.selected - 1 + n) % n;
    else if (e.key === 'Home') this.selected = 0;
    else if (e.key === 'End') this.selected = Math.max(n - 1, 0);
    else if (e.key === 'Tab') {
      // The option is the list's one stop: focus stays in the dialog.
    } else if (e.key === 'Escape') handled = false;
    else if (e.key === 'Enter' && n > 0) {
      handled = false;
      this.step = 0;
      this.deps.dispatch({ type: 'pick', mention: this.listed[this.selected]!.ids[0]! });
    } else return;
    e.preventDefault();
    e.stopPropagation();
    if (handled) this.drawList();
    else if (e.key === 'Escape') this.deps.dispatch({ type: 'escape' });
  };

  /** Keys in the card: Escape always; by keyboard also Enter (next mention), Shift+Enter (previous) and the focus trap. */
  onCardKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.deps.dispatch({ type: 'escape' });
      return;
    }
    if (!this.deps.state().keyboard) return;
    // Enter on the card itself steps through mentions; on a link or button it does what they do.
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      e.stopPropagation();
      const ids = this.listed[this.selected]?.ids ?? [];
      if (ids.length === 0) return;
      this.step = (this.step + (e.shiftKey ? ids.length - 1 : 1)) % ids.length;
      this.deps.dispatch({ type: 'pick', mention: ids[this.step]! });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      const stops = [e.currentTarget as HTMLElement, ...this.deps.host.focusables()];
      const at = stops.indexOf(this.deps.host.focused as HTMLElement);
      stops[(at + (e.shiftKey ? stops.length - 1 : 1)) % stops.length]?.focus({ preventScroll: false });
    }
  };

  /** The session ended: focus goes back where it was, unless the reader already put it elsewhere. */
  release(): void {
    const back = this.returnFocus;
    this.returnFocus = null;
    this.listed = [];
    this.selected = 0;
    const active = document.activeElement;
    if (active !== null && active !== document.body && !this.deps.host.owns(active)) return;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus({ preventScroll: true });
    else if (active instanceof HTMLElement && this.deps.host.owns(active)) active.blur();
  }
}
