// Wires trusted pointer, key and scroll input to the hover state machine and carries out its
// effects: timers, loading card data from the background, showing and hiding the card.
import { h } from 'preact';
import type { CardData } from '../core/compile.ts';
import { Card } from '../ui/Card.tsx';
import type { CardHost } from './card-host.ts';
import { hoverReducer, initialHover, type HoverEffect, type HoverEvent, type HoverState } from './hover-machine.ts';
import type { Mention, Mentions } from './mentions.ts';

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
        this.deps.loadCard(m.entity).then(
          (card) => {
            if (!card) return;
            this.cards.set(m.entity, card);
            this.dispatch({ type: 'ready', token: fx.token });
          },
          () => undefined, // background gone (extension reloaded): no card, nothing to break
        );
        return;
      }
      case 'show': {
        const m = this.deps.mentions.get(fx.mention);
        const card = m && this.cards.get(m.entity);
        if (!m || !card) return this.dispatch({ type: 'away' });
        const entity = m.entity;
        this.deps.host.show(
          h(Card, {
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
          this.deps.isDark(),
        );
        this.deps.mentions.setActive(m.id);
        return;
      }
      case 'hide':
        this.deps.host.hide();
        this.deps.mentions.setActive(null);
        return;
    }
  }

  /** The box of the mention nearest the pointer (a mention can wrap onto two lines). */
  private anchor(m: Mention): DOMRect {
    const rects = [...m.range.getClientRects()];
    const p = this.point;
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

  onKeyDown = (e: KeyboardEvent): void => {
    if (e.isTrusted && e.key === 'Escape') this.dispatch({ type: 'escape' });
  };

  /** Follows the mention while it is in view; closes once it scrolls away. */
  onScroll = (): void => {
    if (this.state.phase !== 'open' && this.state.phase !== 'grace') return;
    const m = this.state.mention === null ? undefined : this.deps.mentions.get(this.state.mention);
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
