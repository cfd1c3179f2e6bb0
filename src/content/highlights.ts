// The marks on screen: our CSS Custom Highlights, kept registered in the page's highlight
// registry, painted near the viewport on a heavy page (docs/decisions/0011-paint-near-the-viewport.md)
// and styled by the reader's mark style. The page's DOM is never changed to mark a name, and no
// style is inserted.
import type { MarkStyle } from '../core/settings.ts';
import { phaseEnd, phaseStart } from './bench-phases.ts';
import { composedParent } from './text-scan.ts';

/**
 * Past this many mentions on a page, only those near the viewport are painted: after every DOM
 * change the browser re-validates and repaints every range of a highlight, on screen or not (a
 * feed holding 2,000 marks doubled its frames' paint time). A news article names far fewer, and
 * all of them are painted. Hit-testing, the company list and the badge use every mention.
 */
export const PAINT_ALL = 100;

/** Highlight names are visible to the page (the registry is shared): one documented prefix. */
const MARK = 'company-context';
const MARK_ACTIVE = 'company-context-active';
const MARK_FLASH = 'company-context-flash';

/** "Near": within one viewport height above or below it (an IntersectionObserver's root margin). */
const PAINT_MARGIN = '100% 0px';

/**
 * The highlight name each mark style paints with (public/highlight.css): `company-context` itself
 * is unstyled and the same Highlight is also registered under the style's name (none: no second name).
 */
const STYLE_HIGHLIGHT: Record<MarkStyle, string | null> = {
  underline: 'company-context-underline',
  background: 'company-context-bg',
  none: null,
};

/** What a highlight needs of a mention: its id and where it is. */
interface Marked {
  id: number;
  mark: StaticRange;
}

/**
 * The element whose box stands for a text node's place on screen: its parent, or the nearest
 * ancestor with a box when that is `display: contents` (which has none, so it never intersects).
 */
function boxOf(node: Node): Element | null {
  let el = composedParent(node);
  while (el && getComputedStyle(el).display === 'contents') el = composedParent(el);
  return el;
}

export class Highlights {
  /** Every mention's mark, painted or not. */
  private readonly all = new Map<number, StaticRange>();
  private readonly marks = new Highlight();
  private readonly active = new Highlight();
  private readonly flash = new Highlight();
  /** The element whose box stands for each mention's place (see `boxOf`), and the mentions in each. */
  private readonly boxOfId = new Map<number, Element>();
  private readonly byBox = new Map<Element, Set<number>>();
  /** Boxes within PAINT_MARGIN of the viewport. */
  private readonly near = new Set<Element>();
  private readonly band: IntersectionObserver | null =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          const t0 = phaseStart();
          this.onBand(entries);
          phaseEnd('paint', t0);
        }, { rootMargin: PAINT_MARGIN })
      : null;
  /** The reader's mark style (docs/decisions/0009-settings.md). */
  style: MarkStyle = 'underline';

  constructor() {
    this.marks.priority = 0;
    this.active.priority = 1;
    this.flash.priority = 2;
  }

  /**
   * Re-registers our highlights if the page cleared or replaced them (the registry is shared),
   * puts back our ranges if it emptied the Highlight itself, then the style's name for the marks.
   */
  ensureRegistered(): void {
    if (CSS.highlights.get(MARK) !== this.marks) CSS.highlights.set(MARK, this.marks);
    // Also where a page crossed PAINT_ALL since: all its mentions painted, or only those near.
    let painted = 0;
    for (const id of this.all.keys()) if (this.isPainted(id)) painted++;
    if (this.marks.size !== painted) {
      this.marks.clear();
      for (const [id, mark] of this.all) if (this.isPainted(id)) this.marks.add(mark);
    }
    if (CSS.highlights.get(MARK_ACTIVE) !== this.active) CSS.highlights.set(MARK_ACTIVE, this.active);
    if (CSS.highlights.get(MARK_FLASH) !== this.flash) CSS.highlights.set(MARK_FLASH, this.flash);
    this.styleMarks(this.style);
  }

  /** Takes our marks off the page: no flash, no style's name, none of our names registered. */
  unregister(): void {
    this.flash.clear();
    this.styleMarks('none');
    for (const [name, h] of [[MARK, this.marks], [MARK_ACTIVE, this.active], [MARK_FLASH, this.flash]] as const) {
      if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
  }

  /** Registers our marks under `style`'s name only (never touching a Highlight the page put under one). */
  private styleMarks(style: MarkStyle): void {
    const marks = CSS.highlights.get(MARK);
    if (!marks) return;
    for (const [s, name] of Object.entries(STYLE_HIGHLIGHT) as Array<[MarkStyle, string | null]>) {
      if (name === null) continue;
      if (s === style) {
        if (CSS.highlights.get(name) !== marks) CSS.highlights.set(name, marks);
      } else if (CSS.highlights.get(name) === marks) CSS.highlights.delete(name);
    }
  }

  add(m: Marked): void {
    this.all.set(m.id, m.mark);
    const box = this.band ? boxOf(m.mark.startContainer) : null;
    if (box) {
      this.boxOfId.set(m.id, box);
      let ids = this.byBox.get(box);
      if (!ids) {
        this.byBox.set(box, (ids = new Set()));
        this.band!.observe(box);
      }
      ids.add(m.id);
    }
    if (this.isPainted(m.id)) this.marks.add(m.mark);
  }

  drop(m: Marked): void {
    this.all.delete(m.id);
    const box = this.boxOfId.get(m.id);
    const ids = box ? this.byBox.get(box) : undefined;
    if (box && ids) {
      this.boxOfId.delete(m.id);
      ids.delete(m.id);
      if (ids.size === 0) {
        this.byBox.delete(box);
        this.near.delete(box);
        this.band!.unobserve(box);
      }
    }
    this.marks.delete(m.mark);
    this.active.delete(m.mark);
  }

  /** The element whose box stands for a mention's place (see `boxOf`), without an observer none. */
  boxFor(id: number): Element | undefined {
    return this.boxOfId.get(id);
  }

  /** Whether a mention's box is within PAINT_MARGIN of the viewport (never, without an observer). */
  isNear(id: number): boolean {
    const box = this.boxOfId.get(id);
    return box !== undefined && this.near.has(box);
  }

  /** Whether a mention is painted: on a page of at most PAINT_ALL mentions always, else when near the viewport. */
  private isPainted(id: number): boolean {
    return !this.band || this.all.size <= PAINT_ALL || this.isNear(id);
  }

  private onBand(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const ids = this.byBox.get(e.target);
      if (!ids) continue;
      if (e.isIntersecting) this.near.add(e.target);
      else this.near.delete(e.target);
      if (this.all.size <= PAINT_ALL) continue;
      for (const id of ids) {
        const mark = this.all.get(id)!;
        if (e.isIntersecting) this.marks.add(mark);
        else this.marks.delete(mark);
      }
    }
  }

  /** The mention the card is open for, or none. */
  setActive(m: Marked | null): void {
    this.active.clear();
    if (m) this.active.add(m.mark);
  }

  /** A mention the popup asked to reveal, or none. */
  setFlash(range: Range | null): void {
    this.flash.clear();
    if (range) this.flash.add(range);
  }
}
