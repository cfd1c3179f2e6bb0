// One frame's page while the content script runs: starting and stopping, routing the page's
// changes to the scan queue, the reader's settings and rejections, the popup's reveal, and
// telling the background which companies are on the page.
import nameIndex from 'virtual:company-context/names';
import { Matcher } from '../core/matcher.ts';
import { parseCardReply } from '../core/card.ts';
import type { ContentSettings, ContentToBackgroundMap } from '../core/messages.ts';
import { request, type Channel } from '../core/request.ts';
import { HOVER_DELAY_DEFAULT, type RejectedAlias } from '../core/settings.ts';
import { phaseEnd, phaseStart, publishPhases } from './bench-phases.ts';
import { CardHost } from './card-host.ts';
import { isDark } from './dark-page.ts';
import { earlyBridge } from './early-bridge.ts';
import { ForgottenBlocks } from './forgotten-blocks.ts';
import { Highlights } from './highlights.ts';
import { HoverController } from './hover.ts';
import { MarkFilter } from './mark-filter.ts';
import { Mentions } from './mentions.ts';
import { problemReport } from './problem-report.ts';
import { ScanQueue } from './scan-queue.ts';
import { composedParent, isExcluded } from './text-scan.ts';

/** Set for `npm run bench` builds only (scripts/build.ts): marks for scripts/bench.ts. */
declare const __CC_BENCH__: boolean;

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** The nearest ancestor we rescan when something under it changes. */
function scanRootOf(node: Node): Node | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el ?? null;
}

export class Page {
  private readonly host = new CardHost();
  private readonly filter = new MarkFilter();
  private readonly highlights = new Highlights();
  private readonly mentions = new Mentions(new Matcher(nameIndex), () => this.host.element, this.filter, this.highlights);
  private readonly hover = new HoverController({
    mentions: this.mentions,
    highlights: this.highlights,
    host: this.host,
    loadCard: async (entity) => {
      // Parsed, not trusted: the card is drawn from it.
      return parseCardReply(await request(this.background, { type: 'card', entity }));
    },
    openEntity: (entity) => void request(this.background, { type: 'openEntity', entity }).catch(() => undefined),
    reject: (m) => {
      // Hide it at once; the background stores it for the site and tells our other tabs.
      this.setRejected([...this.rejected, { entity: m.entity, alias: m.alias }]);
      request(this.background, { type: 'reject', entity: m.entity, alias: m.alias }).catch(() => undefined);
    },
    report: problemReport,
    isDark,
    hoverDelay: () => this.hoverDelay,
  });
  private readonly queue = new ScanQueue((root) => this.mentions.scan(root), () => this.afterPass());
  private readonly forgotten = new ForgottenBlocks((block) => this.queue.add(block, true));
  private readonly observer = new MutationObserver((records) => this.onMutations(records));
  /** Open shadow roots we read: a document-level observer does not see changes inside them. */
  private readonly watched = new Set<ShadowRoot>();
  private sent = '';
  private rejected: RejectedAlias[] = [];
  private running = false;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private guard: ReturnType<typeof setInterval> | null = null;
  /** The reader's hover delay (docs/decisions/0009-settings.md). */
  private hoverDelay = HOVER_DELAY_DEFAULT;

  constructor(private readonly background: Channel<ContentToBackgroundMap>) {}

  /** Takes over the input listeners early.js put on at document_start; they act only while we run. */
  listen(): void {
    const when = <E extends Event>(fn: (e: E) => void) => (e: E) => {
      if (this.running) fn(e);
    };
    earlyBridge().handlers = {
      pointermove: when(this.hover.onPointerMove),
      pointerout: when(this.hover.onPointerLeaveWindow),
      keydown: when(this.hover.onKeyDown),
      pointerdown: when(this.hover.onPointerDown),
      scroll: when(this.hover.onScroll),
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.mentions.onShadowRoot = (root) => this.watch(root);
    this.mentions.onForget = (box, block) => this.forgotten.add(box, block);
    this.highlights.ensureRegistered();
    this.queue.resume();
    if (__CC_BENCH__) performance.mark('cc-scan-start');
    this.queue.add(document.body ?? document.documentElement, true);
    this.observer.observe(document.documentElement, OBSERVED);
    for (const root of this.watched) this.observer.observe(root, OBSERVED);
    // The highlight registry is the page's too: one that clears or squats our names gets them back.
    this.guard = setInterval(() => this.highlights.ensureRegistered(), 1000);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    if (this.guard !== null) clearInterval(this.guard);
    this.guard = null;
    this.observer.disconnect();
    this.queue.stop();
    this.hover.dispose();
    this.mentions.clear();
    this.forgotten.clear();
    this.highlights.unregister();
    this.sendMentions();
  }

  /** One observer for the document and every open shadow root (observe() adds targets). */
  private watch(root: ShadowRoot): void {
    // Now and then, roots whose host left the page are forgotten (not on every call: a page can
    // hold thousands of components).
    if (this.watched.size % 256 === 255) for (const r of this.watched) if (!r.host.isConnected) this.watched.delete(r);
    this.watched.add(root);
    if (this.running) this.observer.observe(root, OBSERVED);
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    const own = this.host.element;
    for (const r of records) {
      if (r.type === 'characterData') {
        const root = scanRootOf(r.target);
        if (root) this.queue.add(root);
        continue;
      }
      if (r.removedNodes.length > 0) removed = true;
      for (const n of r.addedNodes) {
        if (n === own || (n instanceof Element && own && n.contains(own))) continue;
        if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.ELEMENT_NODE) {
          const root = n.nodeType === Node.TEXT_NODE ? scanRootOf(n) : n;
          if (root && !(root instanceof Element && isExcluded(root, own))) this.queue.add(root);
        }
      }
    }
    if (removed) {
      this.mentions.dropStale();
      this.hover.checkMention();
      this.sendMentions();
    }
  }

  private afterPass(): void {
    if (__CC_BENCH__ && performance.getEntriesByName('cc-scanned').length === 0) {
      performance.mark('cc-scanned');
      requestAnimationFrame(() => setTimeout(() => performance.mark('cc-painted'), 0));
    }
    const t0 = phaseStart();
    this.highlights.ensureRegistered();
    phaseEnd('paint', t0);
    publishPhases();
    this.hover.checkMention();
    this.sendMentions();
  }

  /** Tells the background which companies are on the page, when that changes. */
  sendMentions(gone = false): void {
    const entities = this.running && !gone ? this.mentions.entities() : [];
    const key = entities.join(',');
    if (key === this.sent) return;
    this.sent = key;
    request(this.background, { type: 'mentions', entities }).catch(() => undefined);
  }

  /** Applies the site's "Not this company" list. */
  setRejected(list: RejectedAlias[]): void {
    this.rejected = list;
    this.refilter(this.filter.setRejected(list));
  }

  applySettings(s: ContentSettings): void {
    this.highlights.style = s.markStyle;
    this.hoverDelay = s.hoverDelay;
    this.hover.forgetCards(); // a card's measures depend on the filters
    if (this.running) this.highlights.ensureRegistered();
    this.refilter(this.filter.setHiddenEntities(s.hidden));
  }

  /** The filter changed: its mentions go at once; what it no longer covers is marked again by a rescan. */
  private refilter(restored: boolean): void {
    this.mentions.dropExcluded();
    this.hover.checkMention();
    if (restored && this.running) this.queue.add(document.body ?? document.documentElement, true);
    else this.sendMentions();
  }

  /** Our keyboard shortcut: the list of the page's companies (the background asks the top frame only). */
  openList(): void {
    if (this.running && window === window.top) this.hover.openList();
  }

  /** Scrolls to the first mention of a company and flashes it (asked for from the popup). */
  reveal(entity: string): void {
    const first = this.mentions.inPageOrder(entity)[0];
    if (!first) return;
    composedParent(first.range.startContainer)?.scrollIntoView({ block: 'center' });
    this.highlights.ensureRegistered();
    this.highlights.setFlash(first.range);
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.highlights.setFlash(null), 1500);
  }
}
