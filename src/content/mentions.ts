// The mentions found on the page: scanning text for them, and the store that keeps them as the
// page changes. Each mention is handed to the highlights to be marked (highlights.ts); where
// on screen a point falls is hit-test.ts's.
import { resolveMatches, type Matcher } from '../core/matcher.ts';
import { phaseEnd, phaseStart } from './bench-phases.ts';
import { compareRanges, FirstMentions } from './first-mentions.ts';
import type { Highlights } from './highlights.ts';
import type { MarkFilter } from './mark-filter.ts';
import { blockElementOf, isVisible, matchRunWindows, nodesOf, pacedTextRuns, staticRangeIn, type RunMatch } from './text-scan.ts';


/**
 * Mentions kept on one page at most: each costs memory, a StaticRange and an observed box, and an
 * endless feed would add them without end. A full store forgets its oldest mentions away from the
 * viewport, FORGET_BATCH at a time (a feed's reader is at its newest end), and hands their blocks
 * to `onForget` to be scanned again when they come back near the viewport
 * (docs/decisions/0015-endless-pages.md). A forgotten mention's company still counts for the page.
 */
export const MAX_MARKS = 2000;
const FORGET_BATCH = 200;

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

export class Mentions {
  private readonly byId = new Map<number, Mention>();
  private readonly byNode = new Map<Text, Set<number>>();
  private nextId = 1;
  /** Entity id → its position in the matcher's list, as matches name entities. */
  private readonly entityIndex: ReadonlyMap<string, number>;
  /** Open shadow roots the scan read text in: hit-testing looks into them. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Told of each open shadow root a scan reads, so the page can watch it for changes. */
  onShadowRoot: ((root: ShadowRoot) => void) | null = null;
  private readonly firsts = new FirstMentions<Mention>();
  private pass = 0;
  /** Entities named in mentions the store let go or could not keep, still listed for the page (until `clear`). */
  private readonly forgotten = new Set<string>();
  /** Told of each forgotten mention's box and block: the block is scanned again when the box is near the viewport. */
  onForget: ((box: Element, block: Element) => void) | null = null;

  constructor(
    private readonly matcher: Matcher,
    private readonly own: () => Element | null,
    private readonly filter: MarkFilter,
    private readonly highlights: Highlights,
  ) {
    this.entityIndex = new Map(matcher.entities.map((id, i) => [id, i]));
  }

  get(id: number): Mention | undefined {
    return this.byId.get(id);
  }

  /** The mentions with text in `node`. */
  inNode(node: Text): Mention[] {
    return [...(this.byNode.get(node) ?? [])].map((id) => this.byId.get(id)!);
  }

  /** The open shadow roots we read that are still on the page. */
  openShadowRoots(): ShadowRoot[] {
    for (const r of this.shadowRoots) if (!r.host.isConnected) this.shadowRoots.delete(r);
    return [...this.shadowRoots];
  }

  /** The mentions still on the page (of `entity` only, when given), in page order. */
  inPageOrder(entity?: string): Mention[] {
    return [...this.byId.values()]
      .filter((m) => (entity === undefined || m.entity === entity) && m.mark.startContainer.isConnected)
      .sort((a, b) => compareRanges(a.mark, b.mark));
  }

  /** Entity ids named on the page, in order of first mention (those only in forgotten mentions last). */
  entities(): string[] {
    return [...new Set([...this.firsts.entities(this.byId.values()), ...this.forgotten])];
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
    for (const e of this.firsts.named()) named.add(this.entityIndex.get(e)!);
    // Matches are resolved once the whole subtree is read: evidence for an ambiguous name may
    // come later on the page than the name itself.
    const found: RunMatch[] = [];
    const runs = pacedTextRuns(root, this.own(), this.foundShadowRoot);
    for (;;) {
      // Timed step by step (bench builds only): the time while paused between slices is not ours.
      const t0 = phaseStart();
      const next = runs.next();
      phaseEnd('walk', t0);
      if (next.done) break;
      const run = next.value;
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
    const t0 = phaseStart();
    const resolved = resolveMatches(found, named);
    phaseEnd('match', t0);
    yield;
    let n = 0;
    for (const m of resolved) {
      // Creating ranges and adding them to the highlight costs too: yield every few dozen.
      if (++n % 50 === 0) yield;
      const entity = this.matcher.entities[m.entity]!;
      if (this.filter.excludes(entity, m.alias)) continue;
      const t1 = phaseStart();
      const kept = this.placed(m, visible);
      phaseEnd('ranges', t1);
      if (!kept) continue;
      const { nodes, text, mark } = kept;
      if (this.byId.size >= MAX_MARKS && !this.forgetFar()) {
        this.forgotten.add(entity);
        continue;
      }
      this.add({
        id: this.nextId++, entity, text, alias: m.alias, mark, nodes,
        ...(m.evidence ? { evidence: m.evidence } : {}),
        get range() {
          return liveRange(this.mark);
        },
      }, pass);
    }
  }

  /** Where a match is, or null when the page changed its text while we yielded, or hides it. */
  private placed(m: RunMatch, visible: Map<Element, boolean>): { nodes: Text[]; text: string; mark: StaticRange } | null {
    const nodes = nodesOf(m.run, m.start, m.end);
    if (!nodes.every((n) => n.isConnected && isVisible(n, visible))) return null;
    const text = m.run.text.slice(m.start, m.end);
    const mark = staticRangeIn(m.run, m.start, m.end);
    return textIn(mark, nodes) === text ? { nodes, text, mark } : null;
  }

  /** Forgets up to FORGET_BATCH of the oldest mentions not near the viewport; false when none is. */
  private forgetFar(): boolean {
    let n = 0;
    for (const m of this.byId.values()) {
      const box = this.highlights.boxFor(m.id);
      if (!box || this.highlights.isNear(m.id)) continue;
      this.drop(m);
      this.forgotten.add(m.entity);
      const block = blockElementOf(m.nodes[0]!);
      if (block) this.onForget?.(box, block);
      if (++n === FORGET_BATCH) break;
    }
    return n > 0;
  }

  private readonly foundShadowRoot = (root: ShadowRoot): void => {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    this.onShadowRoot?.(root);
  };

  private add(m: Mention, pass: number): void {
    this.byId.set(m.id, m);
    const t0 = phaseStart();
    this.highlights.add(m);
    phaseEnd('paint', t0);
    this.firsts.add(m, pass);
    for (const n of m.nodes) {
      let set = this.byNode.get(n);
      if (!set) this.byNode.set(n, (set = new Set()));
      set.add(m.id);
    }
  }

  private drop(m: Mention): void {
    this.byId.delete(m.id);
    for (const n of m.nodes) {
      const set = this.byNode.get(n);
      set?.delete(m.id);
      if (set?.size === 0) this.byNode.delete(n);
    }
    this.highlights.drop(m);
    this.firsts.drop(m);
  }

  /** Drops the mentions the filter now leaves unmarked. */
  dropExcluded(): void {
    for (const m of [...this.byId.values()]) if (this.filter.excludes(m.entity, m.alias)) this.drop(m);
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
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let t = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode(); t !== null; t = walker.nextNode()) {
      if (t.nodeType === Node.ELEMENT_NODE) {
        const sr = (t as Element).shadowRoot;
        if (sr && this.shadowRoots.has(sr)) yield* this.dropWithin(sr);
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
    this.forgotten.clear();
  }
}
