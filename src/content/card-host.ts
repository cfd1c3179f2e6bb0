// Our only element in the page: created on the first trusted hover, one host with a closed shadow
// root, styled through adoptedStyleSheets (works under a page CSP that forbids inline styles), and
// put in the top layer as a manual popover so page stacking and overlays cannot hide it.
import { h, render, type ComponentChild } from 'preact';
import cardCss from '../ui/card.css?inline';

const GAP = 6;
const MARGIN = 8;

export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private frame: HTMLElement | null = null;
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
      root.adoptedStyleSheets = [sheet];
      host.popover = 'manual';
      this.host = host;
      this.root = root;
    }
    // The page may have removed it; put it back (still one element).
    if (!this.host.isConnected) document.documentElement.append(this.host);
    return this.root;
  }

  /** Renders `content` beside `anchor` (a viewport rect) and shows it. */
  show(content: ComponentChild, anchor: DOMRect, dark: boolean): void {
    const root = this.ensure();
    render(h('div', { class: dark ? 'frame dark' : 'frame', role: 'dialog', 'aria-labelledby': 'cc-title' }, content), root);
    this.frame = root.firstElementChild as HTMLElement;
    if (this.host && !this.host.matches(':popover-open')) this.host.showPopover();
    this.visible = true;
    this.place(anchor);
  }

  /**
   * Below the mention when it fits, else above; when neither fits, on the roomier side with the
   * card's height capped to it, so the card never covers the mention. Clamped to the viewport.
   */
  place(anchor: DOMRect): void {
    const f = this.frame;
    if (!f) return;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    f.style.maxHeight = '';
    const height = f.getBoundingClientRect().height;
    const below = vh - MARGIN - (anchor.bottom + GAP);
    const above = anchor.top - GAP - MARGIN;
    let top: number;
    if (height <= below || (height > above && below >= above)) {
      top = anchor.bottom + GAP;
      if (height > below) f.style.maxHeight = `${Math.max(below, 0)}px`;
    } else {
      const h = Math.min(height, above);
      if (height > above) f.style.maxHeight = `${above}px`;
      top = anchor.top - GAP - h;
    }
    const width = f.getBoundingClientRect().width;
    const left = Math.min(Math.max(MARGIN, anchor.left), Math.max(MARGIN, vw - MARGIN - width));
    f.style.left = `${Math.round(left)}px`;
    f.style.top = `${Math.round(top)}px`;
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    if (this.root) render(null, this.root);
    this.frame = null;
    if (this.host?.matches(':popover-open')) this.host.hidePopover();
  }

  /** Whether an event target is our card (events from inside a closed root retarget to the host). */
  owns(target: EventTarget | null): boolean {
    return target !== null && target === this.host;
  }
}
