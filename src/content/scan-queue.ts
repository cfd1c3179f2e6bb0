// Scans the page in slices. The first pass and every later change go through one queue: dirty
// subtrees are collected, merged, and scanned in slices of at most SLICE_MS, yielding to the page
// between slices. The wait before the next pass is what keeps our share of the main thread at
// most DUTY: a pass that cost 30 ms is followed by at least 300 ms of rest, so a page that mutates
// constantly cannot make us spin, while a feed whose new paragraphs cost a few milliseconds is
// read again after MIN_DELAY_MS (docs/decisions/0015-endless-pages.md: within 500 ms of arriving).

const SLICE_MS = 8;
export const MIN_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;
/** Our busiest share of the page's main thread while it keeps changing. */
const DUTY = 0.1;

export class ScanQueue {
  private readonly dirty = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  /** Until when we rest after the last pass (see DUTY). */
  private restUntil = 0;

  constructor(
    private readonly scan: (root: Node) => Generator<void>,
    private readonly done: () => void,
    /** The clock our time is read from (a test's own). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(node: Node, now = false): void {
    if (this.stopped) return;
    this.dirty.add(node);
    // While a pass runs, what it left dirty is scanned after it, once it has rested.
    if (this.running) return;
    if (this.timer === null) this.timer = setTimeout(() => this.pass(), now ? 0 : this.wait());
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

  /** The wait before the next pass: at least MIN_DELAY_MS (changes come in bursts), longer while we rest. */
  private wait(): number {
    return Math.max(MIN_DELAY_MS, this.restUntil - this.now());
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
    // Our own time in this pass, its slices summed (not the page's work between them).
    let busy = 0;
    const slice = () => {
      if (this.stopped) return void (this.running = false);
      const t0 = this.now();
      while (queue.length > 0 && this.now() - t0 < SLICE_MS) {
        if (queue[0]!.next().done) queue.shift();
      }
      busy += this.now() - t0;
      if (queue.length > 0) return void setTimeout(slice, 0);
      this.running = false;
      this.done();
      this.restUntil = this.now() + Math.min(MAX_DELAY_MS, busy / DUTY);
      if (this.dirty.size > 0) this.timer = setTimeout(() => this.pass(), this.wait());
    };
    slice();
  }
}
