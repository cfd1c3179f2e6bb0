// Scans the page in slices. The first pass and every later change go through one queue: dirty
// subtrees are collected, merged, and scanned in slices of at most SLICE_MS, yielding to the page
// between slices. When the page keeps changing, the wait between passes doubles (up to
// MAX_DELAY_MS), so a page that mutates constantly cannot make us spin.

const SLICE_MS = 8;
export const MIN_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;

export class ScanQueue {
  private readonly dirty = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  private delay = MIN_DELAY_MS;

  constructor(
    private readonly scan: (root: Node) => Generator<void>,
    private readonly done: () => void,
  ) {}

  add(node: Node, now = false): void {
    if (this.stopped) return;
    this.dirty.add(node);
    if (this.running) {
      // Changes arrived while we were scanning: the page is busy, back off.
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
      return;
    }
    if (this.timer === null) this.timer = setTimeout(() => this.pass(), now ? 0 : this.delay);
  }

  stop(): void {
    this.stopped = true;
    this.dirty.clear();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  resume(): void {
    this.stopped = false;
  }

  /** Outermost dirty roots that are still in the document. */
  private roots(): Node[] {
    const all = new Set([...this.dirty].filter((n) => n.isConnected));
    this.dirty.clear();
    // A root under another is scanned with it. Walking up each root's ancestors costs its depth;
    // testing every pair cost the square of the roots (a feed leaves a thousand of them per pass).
    return [...all].filter((n) => {
      for (let p = n.parentNode; p; p = p.parentNode) if (all.has(p)) return false;
      return true;
    });
  }

  private pass(): void {
    this.timer = null;
    if (this.stopped) return;
    this.running = true;
    const queue = this.roots().map((r) => this.scan(r));
    const slice = () => {
      if (this.stopped) return void (this.running = false);
      const t0 = performance.now();
      while (queue.length > 0 && performance.now() - t0 < SLICE_MS) {
        if (queue[0]!.next().done) queue.shift();
      }
      if (queue.length > 0) return void setTimeout(slice, 0);
      this.running = false;
      this.done();
      if (this.dirty.size > 0) this.timer = setTimeout(() => this.pass(), this.delay);
      else this.delay = MIN_DELAY_MS;
    };
    slice();
  }
}
