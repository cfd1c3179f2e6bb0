// Wires trusted pointer, key and scroll input to the hover state machine and carries out its
// effects: timers, loading card data from the background, showing and hiding the card. The
// keyboard company list is keyboard.ts's.
import { h } from 'preact';
import type { CardData } from '../core/card.ts';
import { Card } from '../ui/Card.tsx';
import type { CardHost } from './card-host.ts';
import { mentionAt } from './hit-test.ts';
import type { Highlights } from './highlights.ts';
import { hoverReducer, initialHover, keyed, type HoverEffect, type HoverEvent, type HoverState } from './hover-machine.ts';
import { KeyboardSession } from './keyboard.ts';
import type { Mention, Mentions } from './mentions.ts';
import { composedParent } from './text-scan.ts';

interface HoverDeps {
  mentions: Mentions;
  highlights: Highlights;
  host: CardHost;
  loadCard: (entity: string) => Promise<CardData | null>;
  openEntity: (entity: string) => void;
  /** "Not this company" for this mention's alias, on this site. */
  reject: (mention: Mention) => void;
  /** The plain-text report for this mention. */
  report: (mention: Mention, card: CardData, includeUrl: boolean) => string;
  isDark: () => boolean;
  /** The reader's hover delay in ms (settings); the machine's default when absent. */
  hoverDelay?: () => number;
}

export class HoverController {
  private state: HoverState = initialHover;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly cards = new Map<string, CardData>();
  private point: { x: number; y: number } | null = null;
  private pending: { x: number; y: number; target: EventTarget | null } | null = null;
  private hitTestFrame = 0;
  private readonly keyboard: KeyboardSession;

  constructor(private readonly deps: HoverDeps) {
    this.keyboard = new KeyboardSession({
      mentions: deps.mentions,
      host: deps.host,
      isDark: deps.isDark,
      state: () => this.state,
      dispatch: (e) => this.dispatch(e),
      cardFor: (entity) => this.cardFor(entity),
    });
  }

  dispatch(e: HoverEvent): void {
    const [next, effects] = hoverReducer(this.state, e, this.deps.hoverDelay?.());
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
        void this.keyboard.showList();
        return;
      case 'release':
        return this.keyboard.release();
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
          { dark: this.deps.isDark(), keyboard, onKeyDown: this.keyboard.onCardKey },
        );
        this.deps.highlights.setActive(m);
        if (keyboard) this.keyboard.announce(m, card);
        return;
      }
      case 'hide':
        this.deps.host.hide();
        this.deps.highlights.setActive(null);
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
    if (this.hitTestFrame === 0) this.hitTestFrame = requestAnimationFrame(this.hitTest);
  };

  private hitTest = (): void => {
    this.hitTestFrame = 0;
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.point = { x: p.x, y: p.y };
    if (this.deps.host.owns(p.target)) return this.dispatch({ type: 'pointer', over: 'card' });
    const m = mentionAt(this.deps.mentions, p.x, p.y);
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
    if (e.isTrusted && keyed(this.state) && !this.deps.host.owns(e.target)) this.dispatch({ type: 'away' });
  };

  /** Our shortcut (the background's `companyList` message): the list of companies, focused. */
  openList(): void {
    this.keyboard.openList();
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
    if (this.hitTestFrame) cancelAnimationFrame(this.hitTestFrame);
  }
}
