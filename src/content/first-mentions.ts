// The companies on the page in order of first mention (the badge and the popup's list), and the
// page order of two ranges that decides it.

/** What ordering needs of a mention. */
interface Placed {
  entity: string;
  mark: StaticRange;
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

/**
 * Each entity's first mention in document order, kept up as mentions come and go, so that
 * `entities()` sorts a few dozen ranges, not every mention (comparing two ranges costs the depth
 * of the tree: 5,000 on a deep page).
 */
export class FirstMentions<M extends Placed> {
  /** `pass` is the scan that added it. */
  private readonly firstOf = new Map<string, { m: M; pass: number }>();
  /** Entities whose first mention was dropped while others remain: their first is looked for again on demand. */
  private readonly lostFirst = new Set<string>();
  private readonly perEntity = new Map<string, number>();

  /** Entities with at least one mention. */
  named(): IterableIterator<string> {
    return this.perEntity.keys();
  }

  /** `pass`: the scan adding `m`. */
  add(m: M, pass: number): void {
    this.perEntity.set(m.entity, (this.perEntity.get(m.entity) ?? 0) + 1);
    this.keepFirst(m, pass);
  }

  drop(m: M): void {
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

  /** Entity ids in order of first mention; `all` is every mention, read only when a first was lost. */
  entities(all: Iterable<M>): string[] {
    if (this.lostFirst.size > 0) {
      for (const m of all) {
        if (this.lostFirst.has(m.entity)) this.keepFirst(m, null);
      }
      this.lostFirst.clear();
    }
    return [...this.firstOf.values()]
      .sort((a, b) => compareRanges(a.m.mark, b.m.mark))
      .map((f) => f.m.entity);
  }

  /** `pass`: the scan adding `m`; null to compare with the current first in any case. */
  private keepFirst(m: M, pass: number | null): void {
    const f = this.firstOf.get(m.entity);
    // One scan adds mentions in document order: after its first of an entity, no need to compare.
    if (!f || ((pass === null || f.pass !== pass) && compareRanges(m.mark, f.m.mark) < 0)) this.firstOf.set(m.entity, { m, pass: pass ?? -1 });
  }
}
