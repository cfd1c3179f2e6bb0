// Reads the page's visible text as runs (the text of one block, across inline elements) and turns
// matches in a run back into DOM ranges. Reads only: it never changes the page.

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'pre', 'code', 'kbd', 'samp', 'var', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'head', 'title', 'datalist',
]);

/** Elements that flow inside a line: text on either side of them reads as one run. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label',
  'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'wbr',
]);

import type { Match, Matcher } from '../core/matcher.ts';
import { tokenList } from '../core/normalize.ts';
import { phaseEnd, phaseStart } from './bench-phases.ts';

export interface TextRun {
  text: string;
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
}

/**
 * True for an element whose text we must never read: editors, code, hidden or our own UI.
 * `walking`: reached by a walk down from a root already checked, where an editing host's subtree
 * was rejected at the host, so `isContentEditable` (which costs the element's depth: seconds on a
 * page nested 5,000 deep) is not asked again.
 */
export function isExcluded(el: Element, own: Element | null, walking = false): boolean {
  if (SKIP.has(el.localName) || el === own) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return !walking && el instanceof HTMLElement && el.isContentEditable === true;
}

const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in n;

/** The parent element across a shadow boundary: a shadow root's top level sits in its host. */
export function composedParent(node: Node): Element | null {
  if (isShadowRoot(node)) return node.host;
  if (node.parentElement) return node.parentElement;
  const p = node.parentNode;
  return p && isShadowRoot(p) ? p.host : null;
}

/** The element a rescan of `node`'s run starts from: its nearest ancestor that is not inline. */
export function blockElementOf(node: Node): Element | null {
  let el = composedParent(node);
  while (el && INLINE.has(el.localName)) el = composedParent(el);
  return el;
}

/** True when `node` or any ancestor is excluded, or the whole document is in design mode. */
function isWithinExcluded(node: Node, own: Element | null): boolean {
  if (node.ownerDocument?.designMode === 'on') return true;
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : composedParent(node); el; el = composedParent(el)) {
    if (isExcluded(el, own)) return true;
  }
  return false;
}

/** The block a text node's run belongs to; `cache` remembers it per inline element (nesting can be 5,000 deep). */
function blockOf(node: Node, root: Node, cache: Map<Node, Node>): Node {
  const chain: Node[] = [];
  let el = node.parentNode;
  let block: Node | undefined;
  while (el && el !== root && el instanceof Element && INLINE.has(el.localName)) {
    block = cache.get(el);
    if (block) break;
    chain.push(el);
    el = el.parentNode;
  }
  block ??= el ?? root;
  for (const c of chain) cache.set(c, block);
  return block;
}

/** Runs under `root` in document order (see `pacedTextRuns`). */
export function* textRuns(root: Node, own: Element | null, onShadowRoot?: (root: ShadowRoot) => void): Generator<TextRun> {
  for (const run of pacedTextRuns(root, own, onShadowRoot)) if (run !== null) yield run;
}

/** Text nodes walked between two pauses inside one run. */
const PAUSE_NODES = 250;

/**
 * Yields runs under `root` in document order, and `null` every PAUSE_NODES text nodes: a run can
 * hold 100,000 nodes, and the caller must be able to stop at its time budget and resume in a later
 * task even inside one. Open shadow roots are read where their host stands (and reported to
 * `onShadowRoot`, so the caller can watch them); closed ones never.
 */
export function* pacedTextRuns(root: Node, own: Element | null, onShadowRoot?: (root: ShadowRoot) => void): Generator<TextRun | null> {
  // A subtree rescanned after a change may sit inside an editor the walk would have skipped.
  if (isWithinExcluded(root, own)) return;
  const doc = root.ownerDocument ?? (root as Document);
  // Set when the walk passes anything but inline elements (a <br>, an image, a skipped control):
  // text on either side of it does not read as one name.
  let broken = false;
  // Open shadow roots met on the way, read before the next text (a host's shadow content renders
  // in its place). `shadowRoot` gives open roots only: closed ones stay closed.
  const hosted: ShadowRoot[] = [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      if (n.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const el = n as Element;
      if (!INLINE.has(el.localName)) broken = true;
      if (isExcluded(el, own, true)) return NodeFilter.FILTER_REJECT;
      if (el.shadowRoot) {
        hosted.push(el.shadowRoot);
        broken = true;
      }
      return NodeFilter.FILTER_SKIP;
    },
  });
  let run: TextRun | null = null;
  let runBlock: Node | null = null;
  const blocks = new Map<Node, Node>();
  let walked = 0;
  for (let n = walker.nextNode(); ; n = walker.nextNode()) {
    if (hosted.length > 0) {
      if (run && /\S/.test(run.text)) yield run;
      run = null;
      for (const shadow of hosted.splice(0)) {
        onShadowRoot?.(shadow);
        yield* pacedTextRuns(shadow, own, onShadowRoot);
      }
    }
    if (n === null) break;
    if (++walked % PAUSE_NODES === 0) yield null;
    const t = n as Text;
    const block = blockOf(t, root, blocks);
    if (run && (broken || block !== runBlock)) {
      if (/\S/.test(run.text)) yield run;
      run = null;
    }
    broken = false;
    if (!run) {
      run = { text: '', nodes: [], starts: [] };
      runBlock = block;
    }
    run.starts.push(run.text.length);
    run.nodes.push(t);
    run.text += t.data;
  }
  if (run && /\S/.test(run.text)) yield run;
}

/**
 * The index of the node in which character `offset` of the run starts (`end` false: the last node
 * starting at or before it) or ends (`end` true: the last starting before it). Binary search: a
 * run may hold 100,000 nodes.
 */
function nodeAt(run: TextRun, offset: number, end: boolean): number {
  let lo = 0;
  let hi = run.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (run.starts[mid]! < offset || (!end && run.starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The node and offset of character `offset` of the run (the end of a range sits after it). */
function locate(run: TextRun, offset: number, end: boolean): [Text, number] {
  const i = nodeAt(run, offset, end);
  return [run.nodes[i]!, offset - run.starts[i]!];
}

/**
 * The same place as a StaticRange. A live Range costs the page on each of its own DOM removals
 * (the browser updates every live range, walking up the tree from each: 48 ms for a title change
 * with 5,000 ranges on a page nested 5,000 deep); a static one costs nothing until painted.
 */
export function staticRangeIn(run: TextRun, start: number, end: number): StaticRange {
  const [sn, so] = locate(run, start, false);
  const [en, eo] = locate(run, end, true);
  return new StaticRange({ startContainer: sn, startOffset: so, endContainer: en, endOffset: eo });
}

/** The text nodes a range covers, for hit-testing by node. */
export function nodesOf(run: TextRun, start: number, end: number): Text[] {
  const out: Text[] = [];
  for (let i = nodeAt(run, start, false); i < run.nodes.length && run.starts[i]! < end; i++) {
    // A node's length as the run read it (its `data` is not read again: in Firefox every read
    // copies the whole string into the content script, a megabyte for a long paragraph).
    const nodeEnd = i + 1 < run.nodes.length ? run.starts[i + 1]! : run.text.length;
    if (nodeEnd > start) out.push(run.nodes[i]!);
  }
  return out;
}

/**
 * Whether the text is rendered: not display:none, visibility:hidden or content-visibility hidden.
 * Text at the top of a shadow root is judged by its host.
 */
export function isVisible(node: Text, cache: Map<Element, boolean>): boolean {
  // A host's own text renders only when a slot of its (open) shadow root takes it.
  if (node.parentElement?.shadowRoot && !node.assignedSlot) return false;
  const el = composedParent(node);
  return el ? isElementVisible(el, cache) : false;
}

function isElementVisible(el: Element, cache: Map<Element, boolean>): boolean {
  let v = cache.get(el);
  if (v === undefined) {
    v = typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true }) : true;
    // `display: contents` has no box of its own, so checkVisibility says false; its text renders
    // in the parent's box unless this element hides it.
    if (!v && getComputedStyle(el).display === 'contents') {
      const parent = composedParent(el);
      v = getComputedStyle(el).visibility === 'visible' && (parent === null || isElementVisible(parent, cache));
    }
    cache.set(el, v);
  }
  return v;
}

export type RunMatch = Match & { run: TextRun };

/** Characters matched in one go; a longer run (a 5 MB paragraph) is read in windows. */
const MATCH_WINDOW = 5_000;
/** Windows overlap by this much, more than any name is long, so no name is cut in two. */
const WINDOW_OVERLAP = 300;

/**
 * The matches in one run, window by window, before page-level resolution. A window ends at white
 * space; matches that start in its last WINDOW_OVERLAP characters are left to the next window,
 * which starts before them.
 */
export function* matchRunWindows(matcher: Matcher, run: TextRun): Generator<RunMatch[]> {
  const text = run.text;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + MATCH_WINDOW);
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const last = end >= text.length;
    const keepBefore = last ? Infinity : end - WINDOW_OVERLAP;
    const window = text.slice(start, end);
    let t0 = phaseStart();
    const toks = tokenList(window);
    phaseEnd('tokenise', t0);
    t0 = phaseStart();
    const found = matcher.find(window, toks);
    phaseEnd('match', t0);
    yield found.map((m) => ({ ...m, start: m.start + start, end: m.end + start, run })).filter((m) => m.start < keepBefore);
    if (last) return;
    // The next window opens at white space inside the overlap, so it starts on a word.
    let next = keepBefore;
    while (next > start && !/\s/.test(text[next - 1]!)) next--;
    start = next > start ? next : keepBefore;
  }
}

/** Every match in one run (shared with the matching evaluation). */
export function matchRun(matcher: Matcher, run: TextRun): RunMatch[] {
  const out: RunMatch[] = [];
  for (const w of matchRunWindows(matcher, run)) for (const m of w) out.push(m);
  return out;
}
