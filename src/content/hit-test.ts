// Which mention is under a viewport point: the text node under it, looked up in the store, then
// confirmed against the mention's rendered boxes.
import type { Mention, Mentions } from './mentions.ts';

type CaretFromPoint = (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => CaretPosition | null;

/**
 * The text node under a point. `caretPositionFromPoint` takes the open shadow roots it may
 * return nodes in (others retarget to their host); `caretRangeFromPoint` is the older fallback.
 */
function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): Node | null {
  const modern = (document as Document & { caretPositionFromPoint?: CaretFromPoint }).caretPositionFromPoint;
  if (typeof modern === 'function') return modern.call(document, x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined)?.offsetNode ?? null;
  const legacy = (document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint;
  return legacy ? (legacy.call(document, x, y)?.startContainer ?? null) : null;
}

/** The innermost element at a point, through open shadow roots. */
function deepElementAt(x: number, y: number): Element | null {
  let el = document.elementFromPoint(x, y);
  for (let depth = 0; el?.shadowRoot && depth < 32; depth++) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

/** The first of `mentions` with a rendered box containing the point. */
function confirm(mentions: Iterable<Mention>, x: number, y: number): Mention | null {
  for (const m of mentions) {
    // The caret snaps to the nearest character, so a point past the end of a line would hit.
    for (const r of m.range.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return m;
    }
  }
  return null;
}

/** The mention under a viewport point, confirmed against its rendered boxes. */
export function mentionAt(mentions: Mentions, x: number, y: number): Mention | null {
  const shadowRoots = mentions.openShadowRoots();
  const hit = caretAt(x, y, shadowRoots);
  const here = hit && hit.nodeType === Node.TEXT_NODE ? mentions.inNode(hit as Text) : [];
  if (here.length > 0) return confirm(here, x, y);
  // A caret API that does not look into shadow roots stops at the host: try the text under the
  // element at the point, inside the open roots we read.
  if (shadowRoots.length === 0) return null;
  const el = deepElementAt(x, y);
  if (!el || el.getRootNode().nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return null;
  const near = new Set<Mention>();
  for (const child of el.childNodes) for (const m of mentions.inNode(child as Text)) near.add(m);
  return confirm(near, x, y);
}
