// The mentions found on the page, the highlights that mark them, and hit-testing a point against
// them. Marks are CSS Custom Highlights: the page's DOM is never changed to mark a name.
import { resolveMatches, type Matcher } from '../core/matcher.ts';
import { containsComposed, isVisible, matchRunWindows, nodesOf, rangeIn, textRuns, type RunMatch } from './text-scan.ts';

/** Highlight names are visible to the page (the registry is shared): one documented prefix. */
export const MARK = 'company-context';
export const MARK_ACTIVE = 'company-context-active';
export const MARK_FLASH = 'company-context-flash';

export interface Mention {
  id: number;
  entity: string;
  /** The page text that matched, and the alias that matched it. */
  text: string;
  alias: string;
  /** Why an ambiguous alias was taken to mean this entity (absent for unambiguous ones). */
  evidence?: string;
  range: Range;
  nodes: Text[];
}

const rejectionKey = (entity: string, alias: string) => `${entity}\u0000${alias}`;

export class Mentions {
  private readonly byId = new Map<number, Mention>();
  private readonly byNode = new Map<Text, Set<number>>();
  private nextId = 1;
  private readonly marks = new Highlight();
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

  /** Entity ids named on the page, in order of first mention. */
  entities(): string[] {
    const seen = new Set<string>();
    const ordered = [...this.byId.values()].sort((a, b) => compareRanges(a.range, b.range));
    for (const m of ordered) seen.add(m.entity);
    return [...seen];
  }

  /**
   * Re-registers our highlights if the page cleared or replaced them (the registry is shared),
   * and puts back our ranges if it emptied the Highlight itself.
   */
  ensureRegistered(): void {
    if (CSS.highlights.get(MARK) !== this.marks) CSS.highlights.set(MARK, this.marks);
    if (this.marks.size !== this.byId.size) {
      this.marks.clear();
      for (const m of this.byId.values()) this.marks.add(m.range);
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
    this.dropWithin(root);
    const named = new Set<number>();
    for (const m of this.byId.values()) named.add(this.entityIndex.get(m.entity)!);
    // Matches are resolved once the whole subtree is read: evidence for an ambiguous name may
    // come later on the page than the name itself.
    const found: RunMatch[] = [];
    for (const run of textRuns(root, this.own(), this.foundShadowRoot)) {
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
      // Creating ranges and adding them to the highlight costs too: yield every few hundred.
      if (++n % 200 === 0) yield;
      if (this.rejected.has(rejectionKey(this.matcher.entities[m.entity]!, m.alias))) continue;
      if (this.hidden.has(this.matcher.entities[m.entity]!)) continue;
      const nodes = nodesOf(m.run, m.start, m.end);
      // The page may have changed the text while we yielded: skip what no longer reads the same.
      if (!nodes.every((n) => n.isConnected && isVisible(n, visible))) continue;
      const text = m.run.text.slice(m.start, m.end);
      let range: Range;
      try {
        range = rangeIn(m.run, m.start, m.end);
      } catch {
        continue;
      }
      if (range.toString() !== text) continue;
      this.add({ id: this.nextId++, entity: this.matcher.entities[m.entity]!, text, alias: m.alias, range, nodes, ...(m.evidence ? { evidence: m.evidence } : {}) });
    }
  }

  private readonly foundShadowRoot = (root: ShadowRoot): void => {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    this.onShadowRoot?.(root);
  };

  private add(m: Mention): void {
    this.byId.set(m.id, m);
    for (const n of m.nodes) {
      let set = this.byNode.get(n);
      if (!set) this.byNode.set(n, (set = new Set()));
      set.add(m.id);
    }
    this.marks.add(m.range);
  }

  private drop(m: Mention): void {
    this.byId.delete(m.id);
    for (const n of m.nodes) {
      const set = this.byNode.get(n);
      set?.delete(m.id);
      if (set?.size === 0) this.byNode.delete(n);
    }
    this.marks.delete(m.range);
    this.active.delete(m.range);
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

  dropWithin(root: Node): void {
    for (const m of [...this.byId.values()]) if (m.nodes.some((n) => containsComposed(root, n))) this.drop(m);
  }

  /** Drops mentions whose text left the page or changed under them. */
  dropStale(): void {
    for (const m of [...this.byId.values()]) {
      if (!m.nodes.every((n) => n.isConnected) || m.range.toString() !== m.text) this.drop(m);
    }
  }

  clear(): void {
    for (const m of [...this.byId.values()]) this.drop(m);
    this.flash.clear();
  }

  setActive(id: number | null): void {
    this.active.clear();
    const m = id === null ? undefined : this.byId.get(id);
    if (m) this.active.add(m.range);
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
 * Page order of two ranges. `compareBoundaryPoints` throws for ranges in different trees (a
 * shadow root and the document), so those are ordered by the hosts they sit under.
 */
export function compareRanges(a: Range, b: Range): number {
  if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) return a.compareBoundaryPoints(Range.START_TO_START, b);
  const [na, nb] = [inDocument(a.startContainer), inDocument(b.startContainer)];
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
