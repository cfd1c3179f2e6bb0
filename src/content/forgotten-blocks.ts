// Mentions the store forgot (mentions.ts, MAX_MARKS) are found again when the reader comes back to
// them: each forgotten mention's box is watched, and once it comes within a viewport height of the
// viewport its block is scanned again. The box, not the block, is watched: a mention is forgotten
// only while its box is away, and a large block may be near while most of its mentions are not.
// Bounded: past MAX_WATCHED the oldest box is let go (its text is scanned again only if the page
// changes it).

const MAX_WATCHED = 20_000;
/** As the painting band (highlights.ts): near enough that the scan is done before it is on screen. */
const NEAR = '100% 0px';

export class ForgottenBlocks {
  /** Watched box → the block to scan when it is near. */
  private readonly watched = new Map<Element, Element>();
  private readonly observer: IntersectionObserver | null =
    typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => this.onNear(entries), { rootMargin: NEAR }) : null;

  constructor(private readonly rescan: (block: Element) => void) {}

  add(box: Element, block: Element): void {
    if (!this.observer || this.watched.has(box)) return;
    if (this.watched.size >= MAX_WATCHED) {
      const oldest = this.watched.keys().next().value!;
      this.watched.delete(oldest);
      this.observer.unobserve(oldest);
    }
    this.watched.set(box, block);
    this.observer.observe(box);
  }

  clear(): void {
    this.observer?.disconnect();
    this.watched.clear();
  }

  private onNear(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const block = this.watched.get(e.target);
      if (!e.isIntersecting || !block) continue;
      this.watched.delete(e.target);
      this.observer!.unobserve(e.target);
      if (block.isConnected) this.rescan(block);
    }
  }
}
