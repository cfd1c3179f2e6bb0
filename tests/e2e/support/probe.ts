// Functions evaluated in the page's own world (the world any page script has). They see what a
// page could see of us: highlight registry entries, DOM mutations, our host element.

export interface HostInfo {
  tag: string;
  /** A closed shadow root reads as null from the page. */
  shadowRootVisible: boolean;
  open: boolean;
  width: number;
  height: number;
}

/** The text of every range in our highlight, or null when it is not registered. */
export function marks(name: string): string[] | null {
  const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(name);
  // Our marks are StaticRanges (no toString): each is read through a live range made here.
  return h ? [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); }) : null;
}

/** Marked ranges that sit inside form controls, editors or hidden elements. */
export function marksInside([name, selector]: [string, string]): string[] {
  const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(name);
  if (!h) return [];
  return [...h].filter((r) => {
    const n = r.startContainer;
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    return el?.closest(selector) !== null;
  }).map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); });
}

/** Viewport centre of the nth occurrence of `text` in the page's text. */
export function textPoint([text, nth]: [string, number]): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    for (let i = t.data.indexOf(text); i >= 0; i = t.data.indexOf(text, i + 1)) {
      if (seen++ < nth) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + text.length);
      const box = r.getClientRects()[0]!;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  return null;
}

export function mutationCount(): number {
  return (window as unknown as { __mutations: unknown[] }).__mutations.length;
}

export function mutationLog(): Array<{ type: string; target: string; added: string[]; attr: string | null }> {
  return (window as unknown as { __mutations: Array<{ type: string; target: string; added: string[]; attr: string | null }> }).__mutations;
}

/** Elements under <html> besides <head> and <body>: where our host would be. */
export function hosts(): HostInfo[] {
  return [...document.documentElement.children]
    .filter((e) => e !== document.head && e !== document.body)
    .map((e) => {
      const r = e.getBoundingClientRect();
      let open = false;
      try {
        open = e.matches(':popover-open');
      } catch {
        open = false;
      }
      return { tag: e.localName, shadowRootVisible: (e as HTMLElement).shadowRoot !== null, open, width: r.width, height: r.height };
    });
}

/** Synthetic (untrusted) pointer, mouse and key events at a point, as a hostile page would send. */
export function syntheticHover({ x, y }: { x: number; y: number }): void {
  const target = document.elementFromPoint(x, y) ?? document.body;
  const init = { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' };
  for (const type of ['pointerover', 'pointerenter', 'pointermove']) target.dispatchEvent(new PointerEvent(type, init));
  for (const type of ['mouseover', 'mouseenter', 'mousemove']) target.dispatchEvent(new MouseEvent(type, init));
  for (let i = 0; i < 5; i++) target.dispatchEvent(new PointerEvent('pointermove', { ...init, clientX: x + i }));
}

/**
 * Firefox: where the card shows `text`. window.find searches rendered text, our closed root
 * included, and Firefox's selection then holds the found range: its box, when the element at its
 * centre is our host (the page sees only the host there), is in the card. Null when not shown
 * (a closed line's details are not rendered, so their text is not found).
 */
export function cardTextBox(text: string): { x: number; y: number; top: number; bottom: number } | null {
  const sel = getSelection()!;
  sel.removeAllRanges();
  const found = (window as unknown as { find: (s: string, c: boolean, b: boolean, w: boolean) => boolean }).find(text, true, false, true);
  if (!found || sel.rangeCount === 0) return null;
  const b = sel.getRangeAt(0).getBoundingClientRect();
  sel.removeAllRanges();
  const x = b.left + Math.min(b.width / 2, 20);
  const y = b.top + b.height / 2;
  const at = document.elementFromPoint(x, y);
  if (!at || at.parentElement !== document.documentElement || at === document.body) return null;
  return { x, y, top: b.top, bottom: b.bottom };
}

/** The card's top and bottom, from a point inside it: how far up and down the page sees our host. */
export function cardExtent({ x, y }: { x: number; y: number }): { top: number; bottom: number } {
  const host = document.elementFromPoint(x, y);
  let top = y;
  let bottom = y;
  while (top > 0 && document.elementFromPoint(x, top - 1) === host) top -= 1;
  while (bottom < innerHeight && document.elementFromPoint(x, bottom + 1) === host) bottom += 1;
  return { top, bottom };
}
