// The mentions found on the page, the highlights that mark them, and hit-testing a point against
// them. Marks are CSS Custom Highlights: the page's DOM is never changed to mark a name.
import { resolveMatches, type Matcher } from '../core/matcher.ts';
import { composedParent, isVisible, matchRunWindows, nodesOf, pacedTextRuns, staticRangeIn, type RunMatch } from './text-scan.ts';

/** Highlight names are visible to the page (the registry is shared): one documented prefix. */
export const MARK = 'company-context';
export const MARK_ACTIVE = 'company-context-active';
export const MARK_FLASH = 'company-context-flash';

/**
 * Past this many mentions on a page, only those near the viewport are painted: after every DOM
 * change the browser re-validates and repaints every range of a highlight, on screen or not (a
 * feed holding 2,000 marks doubled its frames' paint time). A news article names far fewer, and
 * all of them are painted. Hit-testing, the company list and the badge use every mention.
 */
export const PAINT_ALL = 100;
/** "Near": within one viewport height above or below it (an IntersectionObserver's root margin). */
export const PAINT_MARGIN = '100% 0px';

/**
 * Mentions kept on one page at most (the first MAX_MARKS in scan order): each costs memory, a
 * StaticRange and an observed box, and an endless feed would add them without end. Past the
 * limit a company is still counted for the page's list, unmarked; mentions that leave the page
 * make room again.
 */
export const MAX_MARKS = 2000;

export interface Mention {
  id: number;
  entity: string;
  /** The page text that matched, and the alias that matched it. */
  text: string;
  alias: string;
  /** Why an ambiguous alias was taken to mean this entity (absent for unambiguous ones). */
  evidence?: string;
  /** Where it is: what the highlight holds, static so that the page's own DOM changes cost nothing for it. */
  mark: StaticRange;
  /** A live Range over `mark`, made when asked (hit-testing, placing the card) and not kept. */
  readonly range: Range;
  nodes: Text[];
}

function liveRange(mark: StaticRange): Range {
  const range = (mark.startContainer.ownerDocument ?? document).createRange();
  try {
    range.setStart(mark.startContainer, mark.startOffset);
    range.setEnd(mark.endContainer, mark.endOffset);
  } catch {
    // The text changed since (the rescan is queued): a collapsed range hits nothing.
  }
  return range;
}

/**
 * The text between a mention's boundaries, read from its nodes (what Range.toString gives, without
 * a live Range), or null when the nodes no longer have those offsets. Only the substring is read:
 * in Firefox each read of `data` copies the whole node's text into the content script.
 */
function textIn(mark: StaticRange, nodes: Text[]): string | null {
  let text = '';
  for (const n of nodes) {
    const from = n === mark.startContainer ? mark.startOffset : 0;
    const to = n === mark.endContainer ? mark.endOffset : n.length;
    if (to > n.length || from > to) return null;
    text += n.substringData(from, to - from);
  }
  return text;
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

const rejectionKey = (entity: string, alias: string) => `${entity}\u0000${alias}`;

export class Mentions {
  private readonly byId = new Map<number, Mention>();
  private readonly byNode = new Map<Text, Set<number>>();
  private nextId = 1;
  private readonly marks = new Highlight();
  /** The element whose box stands for each mention's place (see `boxOf`), and the mentions in each. */
  private readonly boxOfId = new Map<number, Element>();
  private readonly byBox = new Map<Element, Set<number>>();
  /** Boxes within PAINT_MARGIN of the viewport. */
  private readonly near = new Set<Element>();
  private readonly band: IntersectionObserver | null =
    typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => this.onBand(entries), { rootMargin: PAINT_MARGIN }) : null;
  private readonly active = new Highlight();
  private readonly flash = new Highlight();
  /** Aliases the reader said do not mean that entity on this site ("Not this company"). */
  private rejected = new Set<string>();
  /** Entity id → its position in the matcher's list, as matches name entities. */
  private readonly entityIndex: ReadonlyMap<string, number>;
  /** Open shadow roots the scan read text in: hit-testing looks into them. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Told of each open shadow root a scan reads, so the page can watch it for changes. */
  onShadowRoot: ((root: ShadowRoot) => void) | null = null;
  /**
   * Each entity's first mention in document order, kept up as mentions come and go, so that
   * `entities()` sorts a few dozen ranges, not every mention (comparing two ranges costs the depth
   * of the tree: 5,000 on a deep page). `pass` is the scan that added it.
   */
  private readonly firstOf = new Map<string, { m: Mention; pass: number }>();
  /** Entities whose first mention was dropped while others remain: their first is looked for again on demand. */
  private readonly lostFirst = new Set<string>();
  private readonly perEntity = new Map<string, number>();
  private pass = 0;
  /** Entities named past MAX_MARKS, unmarked, for the company list (until `clear`). */
  private readonly unmarked = new Set<string>();

  constructor(
    private readonly matcher: Matcher,
    private readonly own: () => Element | null,
  ) {
    this.entityIndex = new Map(matcher.entities.map((id, i) => [id, i]));
    this.marks.priority = 0;
    this.active.priority = 1;
    this.flash.priority = 2;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): Mention | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<Mention> {
    return this.byId.values();
  }

  /** Entity ids named on the page, in order of first mention (those only named past MAX_MARKS last). */
  entities(): string[] {
    if (this.lostFirst.size > 0) {
      for (const m of this.byId.values()) {
        if (this.lostFirst.has(m.entity)) this.keepFirst(m, null);
      }
      this.lostFirst.clear();
    }
    const marked = [...this.firstOf.values()]
      .sort((a, b) => compareRanges(a.m.mark, b.m.mark))
      .map((f) => f.m.entity);
    return [...new Set([...marked, ...this.unmarked])];
  }

  /** `pass`: the scan adding `m`; null to compare with the current first in any case. */
  private keepFirst(m: Mention, pass: number | null): void {
    const f = this.firstOf.get(m.entity);
    // One scan adds mentions in document order: after its first of an entity, no need to compare.
    if (!f || ((pass === null || f.pass !== pass) && compareRanges(m.mark, f.m.mark) < 0)) this.firstOf.set(m.entity, { m, pass: pass ?? -1 });
  }

  /**
   * Re-registers our highlights if the page cleared or replaced them (the registry is shared),
   * and puts back our ranges if it emptied the Highlight itself.
   */
  ensureRegistered(): void {
    if (CSS.highlights.get(MARK) !== this.marks) CSS.highlights.set(MARK, this.marks);
    // Also where a page crossed PAINT_ALL since: all its mentions painted, or only those near.
    let painted = 0;
    for (const m of this.byId.values()) if (this.isPainted(m)) painted++;
    if (this.marks.size !== painted) {
      this.marks.clear();
      for (const m of this.byId.values()) if (this.isPainted(m)) this.marks.add(m.mark);
    }
    if (CSS.highlights.get(MARK_ACTIVE) !== this.active) CSS.highlights.set(MARK_ACTIVE, this.active);
    if (CSS.highlights.get(MARK_FLASH) !== this.flash) CSS.highlights.set(MARK_FLASH, this.flash);
  }

  unregister(): void {
    for (const [name, h] of [[MARK, this.marks], [MARK_ACTIVE, this.active], [MARK_FLASH, this.flash]] as const) {
      if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
  }

  /**
   * Scans `root` and adds what it finds, yielding after each window of text and every few hundred
   * additions so that the caller can pause at its time budget. Mentions already known under
   * `root` are dropped first.
   */
  *scan(root: Node): Generator<void> {
    const pass = ++this.pass;
    yield* this.dropWithin(root);
    const named = new Set<number>();
    for (const e of this.perEntity.keys()) named.add(this.entityIndex.get(e)!);
    // Matches are resolved once the whole subtree is read: evidence for an ambiguous name may
    // come later on the page than the name itself.
    const found: RunMatch[] = [];
    for (const run of pacedTextRuns(root, this.own(), this.foundShadowRoot)) {
      if (run === null) {
        yield;
        continue;
      }
      for (const window of matchRunWindows(this.matcher, run)) {
        for (const m of window) found.push(m);
        yield;
      }
    }
    const visible = new Map<Element, boolean>();
    const resolved = resolveMatches(found, named);
    yield;
    let n = 0;
    for (const m of resolved) {
      // Creating ranges and adding them to the highlight costs too: yield every few dozen.
      if (++n % 50 === 0) yield;
      if (this.rejected.has(rejectionKey(this.matcher.entities[m.entity]!, m.alias))) continue;
      if (this.hidden.has(this.matcher.entities[m.entity]!)) continue;
      const nodes = nodesOf(m.run, m.start, m.end);
      // The page may have changed the text while we yielded: skip what no longer reads the same.
      if (!nodes.every((n) => n.isConnected && isVisible(n, visible))) continue;
      const text = m.run.text.slice(m.start, m.end);
      const mark = staticRangeIn(m.run, m.start, m.end);
      if (textIn(mark, nodes) !== text) continue;
      if (this.byId.size >= MAX_MARKS) {
        this.unmarked.add(this.matcher.entities[m.entity]!);
        continue;
      }
      this.add({
        id: this.nextId++, entity: this.matcher.entities[m.entity]!, text, alias: m.alias, mark, nodes,
        ...(m.evidence ? { evidence: m.evidence } : {}),
        get range() {
          return liveRange(this.mark);
        },
      }, pass);
    }
  }

  private readonly foundShadowRoot = (root: ShadowRoot): void => {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    this.onShadowRoot?.(root);
  };

  /** Whether a mention is painted: on a page of at most PAINT_ALL mentions always, else when near the viewport. */
  private isPainted(m: Mention): boolean {
    if (!this.band || this.byId.size <= PAINT_ALL) return true;
    const box = this.boxOfId.get(m.id);
    return box !== undefined && this.near.has(box);
  }

  private onBand(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const ids = this.byBox.get(e.target);
      if (!ids) continue;
      if (e.isIntersecting) this.near.add(e.target);
      else this.near.delete(e.target);
      if (this.byId.size <= PAINT_ALL) continue;
      for (const id of ids) {
        const m = this.byId.get(id)!;
        if (e.isIntersecting) this.marks.add(m.mark);
        else this.marks.delete(m.mark);
      }
    }
  }

  private add(m: Mention, pass: number): void {
    this.byId.set(m.id, m);
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
    this.perEntity.set(m.entity, (this.perEntity.get(m.entity) ?? 0) + 1);
    this.keepFirst(m, pass);
    for (const n of m.nodes) {
      let set = this.byNode.get(n);
      if (!set) this.byNode.set(n, (set = new Set()));
      set.add(m.id);
    }
    if (this.isPainted(m)) this.marks.add(m.mark);
  }

  private drop(m: Mention): void {
    this.byId.delete(m.id);
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
    for (const n of m.nodes) {
      const set = this.byNode.get(n);
      set?.delete(m.id);
      if (set?.size === 0) this.byNode.delete(n);
    }
    this.marks.delete(m.mark);
    this.active.delete(m.mark);
    const left = this.perEntity.get(m.entity)! - 1;
    if (left === 0) {
      this.perEntity.delete(m.entity);
      this.firstOf.delete(m.entity);
      this.lostFirst.delete(m.entity);
    } else {
      this.perEntity.set(m.entity, left);
      if (this.firstOf.get(m.entity)?.m === m) {
        this.firstOf.delete(m.entity);
        this.lostFirst.add(m.entity);
      }
    }
  }

  /**
   * Replaces the rejected aliases and drops mentions they cover. Returns true when an alias was
   * taken off the list, so the caller rescans to mark it again.
   */
  setRejected(list: ReadonlyArray<{ entity: string; alias: string }>): boolean {
    const next = new Set(list.map((r) => rejectionKey(r.entity, r.alias)));
    const restored = [...this.rejected].some((k) => !next.has(k));
    this.rejected = next;
    for (const m of [...this.byId.values()]) if (next.has(rejectionKey(m.entity, m.alias))) this.drop(m);
    return restored;
  }

  // ---- Reader's settings hook (issue 6): entities the reader's filters leave unmarked. ----
  private hidden = new Set<string>();
  /** Replaces the hidden entities and drops their mentions; true when one was shown again (rescan). */
  setHiddenEntities(ids: readonly string[]): boolean {
    const next = new Set(ids);
    const restored = [...this.hidden].some((id) => !next.has(id));
    this.hidden = next;
    for (const m of [...this.byId.values()]) if (next.has(m.entity)) this.drop(m);
    return restored;
  }

  /**
   * Drops the mentions under `root`, found from its text nodes rather than by testing every
   * mention against it (a feed rescans a thousand small roots a pass on a page of 20,000
   * mentions), open shadow roots we read included. Yields every few thousand nodes: `root` may be
   * the whole body.
   */
  *dropWithin(root: Node): Generator<void> {
    if (this.byId.size === 0) return;
    const doc = root.ownerDocument ?? (root as Document);
    const shadows = this.shadowRoots;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let t = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode(); t !== null; t = walker.nextNode()) {
      if (t.nodeType === Node.ELEMENT_NODE) {
        const sr = (t as Element).shadowRoot;
        if (sr && shadows.has(sr)) yield* this.dropWithin(sr);
        continue;
      }
      const ids = this.byNode.get(t as Text);
      if (ids) for (const id of [...ids]) this.drop(this.byId.get(id)!);
      if (++n % 5000 === 0) yield;
    }
  }

  /** Drops mentions whose text left the page or changed under them. */
  dropStale(): void {
    for (const m of [...this.byId.values()]) {
      if (!m.nodes.every((n) => n.isConnected) || textIn(m.mark, m.nodes) !== m.text) this.drop(m);
    }
  }

  clear(): void {
    for (const m of [...this.byId.values()]) this.drop(m);
    this.unmarked.clear();
    this.flash.clear();
  }

  setActive(id: number | null): void {
    this.active.clear();
    const m = id === null ? undefined : this.byId.get(id);
    if (m) this.active.add(m.mark);
  }

  setFlash(range: Range | null): void {
    this.flash.clear();
    if (range) this.flash.add(range);
  }

  /** The mention under a viewport point, confirmed against its rendered boxes. */
  at(x: number, y: number): Mention | null {
    for (const r of this.shadowRoots) if (!r.host.isConnected) this.shadowRoots.delete(r);
    const hit = caretAt(x, y, [...this.shadowRoots]);
    const ids = hit && hit.nodeType === Node.TEXT_NODE ? this.byNode.get(hit as Text) : undefined;
    if (ids) return this.confirm(ids, x, y);
    // A caret API that does not look into shadow roots stops at the host: try the text under the
    // element at the point, inside the open roots we read.
    if (this.shadowRoots.size === 0) return null;
    const el = deepElementAt(x, y);
    if (!el || el.getRootNode().nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return null;
    const near = new Set<number>();
    for (const child of el.childNodes) for (const id of this.byNode.get(child as Text) ?? []) near.add(id);
    return this.confirm(near, x, y);
  }

  private confirm(ids: Iterable<number>, x: number, y: number): Mention | null {
    for (const id of ids) {
      const m = this.byId.get(id)!;
      // The caret snaps to the nearest character, so a point past the end of a line would hit.
      for (const r of m.range.getClientRects()) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return m;
      }
    }
    return null;
  }
}

/** The outermost host a node sits under (the node itself outside shadow trees). */
function inDocument(node: Node): Node {
  let n = node;
  for (let root = n.getRootNode(); root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in root; root = n.getRootNode()) n = (root as ShadowRoot).host;
  return n;
}

/**
 * Page order of two ranges' starts, static or live, without making live ranges (the browser
 * updates each on every DOM removal). Across trees (a shadow root and the document), where
 * `compareBoundaryPoints` throws, by the hosts they sit under.
 */
export function compareRanges(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  const [na, nb] = a.startContainer.getRootNode() === b.startContainer.getRootNode()
    ? [a.startContainer, b.startContainer]
    : [inDocument(a.startContainer), inDocument(b.startContainer)];
  if (na === nb) return 0;
  return na.compareDocumentPosition(nb) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY) ? -1 : 1;
}

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
