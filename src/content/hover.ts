// Wires trusted pointer, key and scroll input to the hover state machine and carries out its
// effects: timers, loading card data from the background, showing and hiding the card, and the
// keyboard company list (focus in, focus trap, focus back).
import { h } from 'preact';
import type { CardData } from '../core/compile.ts';
import { Card } from '../ui/Card.tsx';
import { t } from '../ui/i18n.ts';
import type { CardHost } from './card-host.ts';
import { CompanyList, optionId, type ListedCompany } from './company-list.tsx';
import { hoverReducer, initialHover, type HoverEffect, type HoverEvent, type HoverState } from './hover-machine.ts';
import { compareRanges, type Mention, type Mentions } from './mentions.ts';
import { composedParent } from './text-scan.ts';

export interface HoverDeps {
  mentions: Mentions;
  host: CardHost;
  loadCard: (entity: string) => Promise<CardData | null>;
  openEntity: (entity: string) => void;
  /** "Not this company" for this mention's alias, on this site. */
  reject: (mention: Mention) => void;
  /** The plain-text report for this mention. */
  report: (mention: Mention, card: CardData, includeUrl: boolean) => string;
  isDark: () => boolean;
  /** The reader's hover delay in ms (settings); the machine's default when absent. */
  showDelay?: () => number;
}

export class HoverController {
  private state: HoverState = initialHover;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly cards = new Map<string, CardData>();
  private point: { x: number; y: number } | null = null;
  private pending: { x: number; y: number; target: EventTarget | null } | null = null;
  private frame = 0;
  /** The page's focused element when the keyboard session began; focus goes back there. */
  private returnFocus: Element | null = null;
  /** The list as last shown: each company with its mentions in page order. */
  private listed: Array<ListedCompany & { ids: number[] }> = [];
  private selected = 0;
  /** Which of the selected company's mentions the keyboard card is on. */
  private step = 0;

  constructor(private readonly deps: HoverDeps) {}

  get current(): HoverState {
    return this.state;
  }

  dispatch(e: HoverEvent): void {
    const [next, effects] = hoverReducer(this.state, e, this.deps.showDelay?.());
    this.state = next;
    for (const fx of effects) this.run(fx);
  }

  private run(fx: HoverEffect): void {
    switch (fx.type) {
      case 'schedule': {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.dispatch({ type: 'timer', timer: fx.timer, token: fx.token });
        }, fx.delay);
        this.timers.add(t);
        return;
      }
      case 'prepare': {
        const m = this.deps.mentions.get(fx.mention);
        if (!m) return this.dispatch({ type: 'away' });
        const cached = this.cards.get(m.entity);
        if (cached) return this.dispatch({ type: 'ready', token: fx.token });
        this.cardFor(m.entity).then((card) => {
          if (card) this.dispatch({ type: 'ready', token: fx.token });
        });
        return;
      }
      case 'showList':
        void this.showList();
        return;
      case 'release':
        return this.release();
      case 'show': {
        const m = this.deps.mentions.get(fx.mention);
        const card = m && this.cards.get(m.entity);
        if (!m || !card) return this.dispatch({ type: 'away' });
        const entity = m.entity;
        const keyboard = fx.keyboard;
        // By keyboard the reader has not seen where the mention is: bring it into view first.
        if (keyboard) composedParent(m.range.startContainer)?.scrollIntoView({ block: 'center', behavior: 'instant' });
        this.deps.host.show(
          h(Card, {
            // Per entity: what the reader opened on this card is remembered while it stays open, and
            // never carried over to another company's card.
            key: entity,
            card,
            matched: { text: m.text, alias: m.alias, ...(m.evidence ? { evidence: m.evidence } : {}) },
            headingId: 'cc-title',
            onOpenEntity: () => this.deps.openEntity(entity),
            onReject: () => {
              this.dispatch({ type: 'away' });
              this.deps.reject(m);
            },
            report: (includeUrl: boolean) => this.deps.report(m, card, includeUrl),
          }),
          this.anchor(m),
          { dark: this.deps.isDark(), keyboard, onKeyDown: this.onCardKey },
        );
        this.deps.mentions.setActive(m.id);
        if (keyboard) {
          const ids = this.listed[this.selected]?.ids ?? [m.id];
          this.deps.host.announce(t('card_announce', card.name, Math.max(ids.indexOf(m.id), 0) + 1, ids.length));
        }
        return;
      }
      case 'hide':
        this.deps.host.hide();
        this.deps.mentions.setActive(null);
        return;
    }
  }

  /** Card data for an entity, from our cache or the background; null when there is none. */
  private cardFor(entity: string): Promise<CardData | null> {
    const cached = this.cards.get(entity);
    if (cached) return Promise.resolve(cached);
    return this.deps.loadCard(entity).then(
      (card) => {
        if (card) this.cards.set(entity, card);
        return card;
      },
      () => null, // background gone (extension reloaded): no card, nothing to break
    );
  }

  /** The box of the mention nearest the pointer (a mention can wrap onto two lines); by keyboard, its first line. */
  private anchor(m: Mention): DOMRect {
    const rects = [...m.range.getClientRects()];
    const p = this.state.keyboard ? null : this.point;
    if (p) {
      const hit = rects.find((r) => p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom);
      if (hit) return hit;
    }
    return rects[0] ?? m.range.getBoundingClientRect();
  }

  onPointerMove = (e: PointerEvent): void => {
    // Only a person moves the pointer: synthetic events from the page open nothing.
    if (!e.isTrusted || e.pointerType === 'touch') return;
    this.pending = { x: e.clientX, y: e.clientY, target: e.target };
    // One hit-test per frame, however many events the browser delivers.
    if (this.frame === 0) this.frame = requestAnimationFrame(this.hitTest);
  };

  private hitTest = (): void => {
    this.frame = 0;
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.point = { x: p.x, y: p.y };
    if (this.deps.host.owns(p.target)) return this.dispatch({ type: 'pointer', over: 'card' });
    const m = this.deps.mentions.at(p.x, p.y);
    this.dispatch({ type: 'pointer', over: m ? { mention: m.id } : null });
  };

  /** The pointer left the window (a pointerout with nowhere to go). */
  onPointerLeaveWindow = (e: PointerEvent): void => {
    if (e.isTrusted && e.relatedTarget === null) this.dispatch({ type: 'pointer', over: null });
  };

  /** Page-level keys: only Escape, to close a hovered card; never prevented, the page gets it too. */
  onKeyDown = (e: KeyboardEvent): void => {
    // Keys inside our root are handled there (onCardKey, onListKey).
    if (e.isTrusted && e.key === 'Escape' && !this.deps.host.owns(e.target)) this.dispatch({ type: 'escape' });
  };

  /** A click elsewhere in the page ends a keyboard session (focus went where the reader clicked). */
  onPointerDown = (e: PointerEvent): void => {
    if (e.isTrusted && this.keyed() && !this.deps.host.owns(e.target)) this.dispatch({ type: 'away' });
  };

  /** Our shortcut (the background's `companyList` message): the list of companies, focused. */
  openList(): void {
    if (!this.keyed()) this.returnFocus = document.activeElement;
    this.dispatch({ type: 'list' });
  }

  private keyed(): boolean {
    return this.state.phase === 'list' || this.state.keyboard;
  }

  private async showList(): Promise<void> {
    const token = this.state.token;
    const groups = new Map<string, Mention[]>();
    const ordered = [...this.deps.mentions.all()].filter((m) => m.mark.startContainer.isConnected).sort((a, b) => compareRanges(a.mark, b.mark));
    for (const m of ordered) groups.set(m.entity, [...(groups.get(m.entity) ?? []), m]);
    const cards = await Promise.all([...groups.keys()].map((e) => this.cardFor(e)));
    if (this.state.phase !== 'list' || this.state.token !== token) return;
    const before = this.listed[this.selected]?.entity;
    this.listed = [...groups.values()].map((ms, i) => ({ entity: ms[0]!.entity, name: cards[i]?.name ?? ms[0]!.text, mentions: ms.length, ids: ms.map((m) => m.id) }));
    // Back from a card (Escape): the same company stays chosen.
    this.selected = Math.max(0, this.listed.findIndex((c) => c.entity === before));
    this.drawList();
  }

  private drawList(): void {
    this.deps.host.showList(h(CompanyList, { companies: this.listed, selected: this.selected, dark: this.deps.isDark(), onKeyDown: this.onListKey }));
    (this.deps.host.query(`#${optionId(this.selected)}`) ?? this.deps.host.query('.list-frame'))?.focus({ preventScroll: true });
  }

  /** Keys in the list. Only here, inside our own open dialog, do we take keys from the page. */
  private onListKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted || this.state.phase !== 'list') return;
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
      this.dispatch({ type: 'pick', mention: this.listed[this.selected]!.ids[0]! });
    } else return;
    e.preventDefault();
    e.stopPropagation();
    if (handled) this.drawList();
    else if (e.key === 'Escape') this.dispatch({ type: 'escape' });
  };

  /** Keys in the card: Escape always; by keyboard also Enter (next mention), Shift+Enter (previous) and the focus trap. */
  private onCardKey = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.dispatch({ type: 'escape' });
      return;
    }
    if (!this.state.keyboard) return;
    // Enter on the card itself steps through mentions; on a link or button it does what they do.
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      e.stopPropagation();
      const ids = this.listed[this.selected]?.ids ?? [];
      if (ids.length === 0) return;
      this.step = (this.step + (e.shiftKey ? ids.length - 1 : 1)) % ids.length;
      this.dispatch({ type: 'pick', mention: ids[this.step]! });
    } else if (e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      const stops = [e.currentTarget as HTMLElement, ...this.deps.host.focusables()];
      const at = stops.indexOf(this.deps.host.focused as HTMLElement);
      stops[(at + (e.shiftKey ? stops.length - 1 : 1)) % stops.length]?.focus({ preventScroll: false });
    }
  };

  /** The keyboard session ended: focus goes back where it was, unless the reader already put it elsewhere. */
  private release(): void {
    const back = this.returnFocus;
    this.returnFocus = null;
    this.listed = [];
    this.selected = 0;
    const active = document.activeElement;
    if (active !== null && active !== document.body && !this.deps.host.owns(active)) return;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus({ preventScroll: true });
    else if (active instanceof HTMLElement && this.deps.host.owns(active)) active.blur();
  }

  /** Follows the mention while it is in view; closes once it scrolls away (a keyboard card only follows). */
  onScroll = (): void => {
    if (this.state.phase !== 'open' && this.state.phase !== 'grace') return;
    const m = this.state.mention === null ? undefined : this.deps.mentions.get(this.state.mention);
    if (m && this.state.keyboard) return this.deps.host.place(this.anchor(m));
    const r = m?.range.getBoundingClientRect();
    if (!r || r.bottom < 0 || r.top > window.innerHeight || r.width === 0) return this.dispatch({ type: 'away' });
    this.deps.host.place(this.anchor(m!));
  };

  /** Called after the page changed: the mention under an open card may be gone. */
  checkMention(): void {
    if (this.state.mention !== null && !this.deps.mentions.get(this.state.mention)) this.dispatch({ type: 'away' });
  }

  close(): void {
    this.dispatch({ type: 'away' });
  }

  /** The reader changed a setting that shapes cards: load them again, and close the open one. */
  forgetCards(): void {
    this.cards.clear();
    this.close();
  }

  dispose(): void {
    this.close();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.frame) cancelAnimationFrame(this.frame);
  }
}
