// Our only element in the page: created on the first trusted hover, one host with a closed shadow
// root, styled through adoptedStyleSheets (works under a page CSP that forbids inline styles), and
// put in the top layer as a manual popover so page stacking and overlays cannot hide it.
// The keyboard company list and the live region for screen readers live in the same root.
import { h, render, type ComponentChild } from 'preact';
import cardCss from '../ui/card.css?inline';
import listCss from './company-list.css?inline';

/** How the card was opened: by keyboard it is modal, takes focus and gets our key handler. */
interface ShowOptions {
  dark: boolean;
  keyboard?: boolean;
  onKeyDown?: (e: KeyboardEvent) => void;
}

const GAP = 6;
const MARGIN = 8;

interface Size {
  width: number;
  height: number;
}

/** Where the card goes, in viewport pixels; `maxHeight` caps its height when it would not fit (null: uncapped). */
interface Placement {
  top: number;
  left: number;
  maxHeight: number | null;
}

/**
 * Below the mention when it fits, else above; when neither fits, on the roomier side with the
 * card's height capped to it, so the card never covers the mention. Clamped to the viewport.
 * `card` is the card's size uncapped (its width is set by card.css, whatever its height).
 */
export function placeCard(viewport: Size, anchor: Pick<DOMRect, 'top' | 'bottom' | 'left'>, card: Size): Placement {
  const below = viewport.height - MARGIN - (anchor.bottom + GAP);
  const above = anchor.top - GAP - MARGIN;
  let top: number;
  let maxHeight: number | null = null;
  if (card.height <= below || (card.height > above && below >= above)) {
    top = anchor.bottom + GAP;
    if (card.height > below) maxHeight = Math.max(below, 0);
  } else {
    if (card.height > above) maxHeight = above;
    top = anchor.top - GAP - Math.min(card.height, above);
  }
  const left = Math.min(Math.max(MARGIN, anchor.left), Math.max(MARGIN, viewport.width - MARGIN - card.width));
  return { top, left, maxHeight };
}

export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private panel: HTMLElement | null = null;
  /** Where preact renders; a sibling of the live region, so re-rendering never recreates it. */
  private mount: HTMLElement | null = null;
  private live: HTMLElement | null = null;
  /** Where the card was placed, and a watch on its size: a line opened or closed places it again. */
  private anchor: DOMRect | null = null;
  private resize: ResizeObserver | null = null;
  visible = false;

  /** The host element, once created; the page sees only this element, never what is inside. */
  get element(): HTMLElement | null {
    return this.host;
  }

  private ensure(): ShadowRoot {
    if (!this.host || !this.root) {
      const host = document.createElement('div');
      const root = host.attachShadow({ mode: 'closed' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cardCss);
      const list = new CSSStyleSheet();
      list.replaceSync(listCss);
      root.adoptedStyleSheets = [sheet, list];
      host.popover = 'manual';
      // Present from the start and empty: a live region that appears with its text is often not read.
      const live = document.createElement('div');
      live.className = 'sr-only';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      const mount = document.createElement('div');
      mount.className = 'mount';
      root.append(live, mount);
      this.host = host;
      this.root = root;
      this.live = live;
      this.mount = mount;
    }
    // The page may have removed it; put it back (still one element).
    if (!this.host.isConnected) document.documentElement.append(this.host);
    return this.root;
  }

  /** Renders `content` beside `anchor` (a viewport rect) and shows it; by keyboard it also takes focus. */
  show(content: ComponentChild, anchor: DOMRect, { dark, keyboard = false, onKeyDown }: ShowOptions): void {
    this.ensure();
    const mount = this.mount!;
    // A labelled dialog; modal (and focusable) only when the keyboard opened it: a hover never takes focus.
    render(
      h('div', {
        class: dark ? 'panel dark' : 'panel', role: 'dialog', 'aria-labelledby': 'cc-title',
        ...(keyboard ? { 'aria-modal': 'true', tabIndex: -1 } : {}),
        ...(onKeyDown ? { onKeyDown } : {}),
      }, content),
      mount,
    );
    this.panel = mount.querySelector<HTMLElement>('.panel');
    // The live region goes inside the dialog: an aria-modal dialog hides what is outside it from
    // screen readers. It is our element, not preact's, so re-renders for the next mention keep it.
    if (this.live && this.panel && this.live.parentNode !== this.panel) this.panel.append(this.live);
    this.open();
    this.anchor = anchor;
    this.place(anchor);
    this.watch();
    if (keyboard) this.panel?.focus({ preventScroll: true });
  }

  /** Renders the keyboard company list (its own dialog, at the viewport's corner) in place of the card. */
  showList(content: ComponentChild): void {
    this.ensure();
    render(content, this.mount!);
    this.panel = null;
    this.open();
  }

  /**
   * Places the card again when its content changes size (a measure's details opened): it grows
   * within the room beside the mention and scrolls inside itself past that, never over the mention.
   * Watched on the card, not the panel, so placing (which sets the panel's height) cannot loop.
   */
  private watch(): void {
    const card = this.panel?.firstElementChild;
    this.resize ??= new ResizeObserver(() => {
      if (this.visible && this.anchor) this.place(this.anchor);
    });
    this.resize.disconnect();
    if (card) this.resize.observe(card);
  }

  private open(): void {
    if (this.host && !this.host.matches(':popover-open')) this.host.showPopover();
    this.visible = true;
  }

  /** The element inside our root matching `selector`, for the list to move focus between its options. */
  query(selector: string): HTMLElement | null {
    return this.mount?.querySelector<HTMLElement>(selector) ?? null;
  }

  /**
   * Every focusable element of what is shown, in order: the keyboard card's focus trap cycles
   * through them. Not what a closed line holds (its details are `hidden`: focus() would do nothing).
   */
  focusables(): HTMLElement[] {
    return this.mount ? [...this.mount.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), textarea, [tabindex]')].filter((e) => e.tabIndex >= 0 && e.getClientRects().length > 0) : [];
  }

  /** The element focused inside our closed root (the page sees only the host as active). */
  get focused(): Element | null {
    return this.root?.activeElement ?? null;
  }

  /** Says `text` to screen readers (the live region), for a card opened by keyboard. */
  announce(text: string): void {
    if (!this.live) return;
    // Cleared first so the same text twice (the same mention again) is read again.
    this.live.textContent = '';
    const live = this.live;
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  /** Places the card beside `anchor` (a viewport rect): see `placeCard`. */
  place(anchor: DOMRect): void {
    const f = this.panel;
    if (!f) return;
    f.style.maxHeight = '';
    const viewport = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
    const { top, left, maxHeight } = placeCard(viewport, anchor, f.getBoundingClientRect());
    if (maxHeight !== null) f.style.maxHeight = `${maxHeight}px`;
    f.style.left = `${Math.round(left)}px`;
    f.style.top = `${Math.round(top)}px`;
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.resize?.disconnect();
    this.anchor = null;
    if (this.mount) render(null, this.mount);
    if (this.live) this.live.textContent = '';
    this.panel = null;
    if (this.host?.matches(':popover-open')) this.host.hidePopover();
  }

  /** Whether an event target is our card (events from inside a closed root retarget to the host). */
  owns(target: EventTarget | null): boolean {
    return target !== null && target === this.host;
  }
}
