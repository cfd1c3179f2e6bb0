// Content script, injected at document_idle in every frame (each frame marks its own text and
// shows its own card). Boot order:
//  0. take over the input listeners early.js put on at document_start (early-bridge.ts);
//  1. take the background's answer to early.js's `hello` (is this site paused?), and wait for the
//     document to be parsed;
//  2. scan the page's visible text in slices and mark mentions with CSS highlights (no DOM change);
//  3. watch for text added later (infinite scroll, client-side navigation) through one batched queue;
//  4. on trusted hover, show the card in our one closed-shadow host, created on first use.
// It reports the companies found to the background (for the badge and the popup) and answers
// the popup's "reveal" request. It never reads or changes inputs, editors or the page's scripts.
import browser from 'webextension-polyfill';
import nameIndex from 'virtual:company-context/names';
import { Matcher } from '../core/matcher.ts';
import { parseContentSettings, parseHelloReply, parseToContent, type CardData, type ContentSettings, type ContentToBackground, type RejectedAlias } from '../core/messages.ts';
import type { MarkStyle } from '../core/settings.ts';
import { SHOW_MS } from './hover-machine.ts';
import { CardHost } from './card-host.ts';
import { HoverController } from './hover.ts';
import { compareRanges, MARK, Mentions } from './mentions.ts';
import { earlyBridge } from './early-bridge.ts';
import { ScanQueue } from './scan-queue.ts';
import { composedParent, isExcluded } from './text-scan.ts';
import { t } from '../ui/i18n.ts';

/** Set for `npm run bench` builds only (scripts/build.ts): marks for scripts/bench.ts. */
declare const __CC_BENCH__: boolean;

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

function send<T>(msg: ContentToBackground): Promise<T> {
  return browser.runtime.sendMessage(msg) as Promise<T>;
}

/** Dark page background, else the system preference; the card follows it. */
function isDark(): boolean {
  for (const el of [document.body, document.documentElement]) {
    if (!el) continue;
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
    }
  }
  // No opaque background: the page's declared color-scheme (CSS, else its meta tag), when it names one scheme only.
  const css = getComputedStyle(document.documentElement).colorScheme;
  const declared = css && css !== 'normal' ? css : (document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '');
  const scheme = declared.toLowerCase().split(/\s+/);
  if (scheme.includes('dark') !== scheme.includes('light')) return scheme.includes('dark');
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The nearest ancestor we rescan when something under it changes. */
function scanRootOf(node: Node): Node | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el ?? null;
}

function isCardData(x: unknown): x is CardData {
  const o = x as Partial<CardData> | null;
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.name === 'string' &&
    Array.isArray(o.jurisdictions) && Array.isArray(o.claims) && Array.isArray(o.related) && Array.isArray(o.listsAsOf);
}

class Page {
  private readonly host = new CardHost();
  private readonly mentions = new Mentions(new Matcher(nameIndex), () => this.host.element);
  private readonly hover = new HoverController({
    mentions: this.mentions,
    host: this.host,
    loadCard: async (entity) => {
      const reply = await send<unknown>({ type: 'card', entity });
      return isCardData(reply) ? reply : null;
    },
    openEntity: (entity) => void send({ type: 'openEntity', entity }).catch(() => undefined),
    reject: (m) => {
      // Hide it at once; the background stores it for the site and tells our other tabs.
      this.setRejected([...this.rejected, { entity: m.entity, alias: m.alias }]);
      send<unknown>({ type: 'reject', entity: m.entity, alias: m.alias }).catch(() => undefined);
    },
    report: (m, card, includeUrl) =>
      [
        t('report_title'),
        t('report_matched', m.text),
        m.evidence ? t('report_alias_ambiguous', m.alias, m.evidence) : t('report_alias', m.alias),
        t('report_entity', card.id, card.name),
        t('report_dataset', card.datasetAsOf, browser.runtime.getManifest().version),
        ...(includeUrl ? [t('report_page', location.href)] : []),
      ].join('\n'),
    isDark,
    showDelay: () => this.hoverDelay,
  });
  private readonly queue = new ScanQueue((root) => this.mentions.scan(root), () => this.afterPass());
  private readonly observer = new MutationObserver((records) => this.onMutations(records));
  /** Open shadow roots we read: a document-level observer does not see changes inside them. */
  private readonly watched = new Set<ShadowRoot>();
  private reported = '';
  private rejected: RejectedAlias[] = [];
  private running = false;
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private guard: ReturnType<typeof setInterval> | null = null;

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
    this.ensureMarks();
    this.queue.resume();
    if (__CC_BENCH__) performance.mark('cc-scan-start');
    this.queue.add(document.body ?? document.documentElement, true);
    this.observer.observe(document.documentElement, OBSERVED);
    for (const root of this.watched) this.observer.observe(root, OBSERVED);
    // The highlight registry is the page's too: one that clears or squats our names gets them back.
    this.guard = setInterval(() => this.ensureMarks(), 1000);
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
    this.styleMarks('none');
    this.mentions.unregister();
    this.report();
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
      this.report();
    }
  }

  private afterPass(): void {
    if (__CC_BENCH__ && performance.getEntriesByName('cc-scanned').length === 0) {
      performance.mark('cc-scanned');
      requestAnimationFrame(() => setTimeout(() => performance.mark('cc-painted'), 0));
    }
    this.ensureMarks();
    this.hover.checkMention();
    this.report();
  }

  /** Tells the background which companies are on the page, when that changes. */
  report(gone = false): void {
    const entities = this.running && !gone ? this.mentions.entities() : [];
    const key = entities.join(',');
    if (key === this.reported) return;
    this.reported = key;
    send({ type: 'mentions', entities }).catch(() => undefined);
  }

  /** Applies the site's "Not this company" list; an alias taken off it is marked again. */
  setRejected(list: RejectedAlias[]): void {
    this.rejected = list;
    const restored = this.mentions.setRejected(list);
    this.hover.checkMention();
    if (restored && this.running) this.queue.add(document.body ?? document.documentElement, true);
    else this.report();
  }

  /** Our keyboard shortcut: the list of the page's companies (the background asks the top frame only). */
  openList(): void {
    if (this.running && window === window.top) this.hover.openList();
  }

  /** Scrolls to the first mention of a company and flashes it (asked for from the popup). */
  reveal(entity: string): void {
    const first = [...this.mentions.all()]
      .filter((m) => m.entity === entity && m.mark.startContainer.isConnected)
      .sort((a, b) => compareRanges(a.mark, b.mark))[0];
    if (!first) return;
    composedParent(first.range.startContainer)?.scrollIntoView({ block: 'center' });
    this.ensureMarks();
    this.mentions.setFlash(first.range);
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.mentions.setFlash(null), 1500);
  }

  // ---- The reader's settings (issue 6; docs/decisions/0009-settings.md) ---------------------------
  // The mark style picks which of highlight.css's rules paint our marks: `company-context` itself
  // is unstyled and the same Highlight is also registered under the style's name (none: no
  // second name). The page's DOM is not touched and no style is inserted.
  private markStyle: MarkStyle = 'underline';
  private hoverDelay = SHOW_MS;

  applySettings(s: ContentSettings): void {
    this.markStyle = s.markStyle;
    this.hoverDelay = s.hoverDelay;
    this.hover.forgetCards(); // a card's measures depend on the filters
    if (this.running) this.ensureMarks();
    const restored = this.mentions.setHiddenEntities(s.hidden);
    this.hover.checkMention();
    if (restored && this.running) this.queue.add(document.body ?? document.documentElement, true);
    else this.report();
  }

  /** Our highlights registered (Mentions), then the style's name for the same marks. */
  private ensureMarks(): void {
    this.mentions.ensureRegistered();
    this.styleMarks(this.markStyle);
  }

  /** Registers our marks under `style`'s name only (never touching a Highlight the page put under one). */
  private styleMarks(style: MarkStyle): void {
    const marks = CSS.highlights.get(MARK);
    if (!marks) return;
    for (const [s, name] of Object.entries(STYLE_HIGHLIGHT) as Array<[MarkStyle, string | null]>) {
      if (name === null) continue;
      if (s === style) {
        if (CSS.highlights.get(name) !== marks) CSS.highlights.set(name, marks);
      } else if (CSS.highlights.get(name) === marks) CSS.highlights.delete(name);
    }
  }
}

/** The highlight name each mark style paints with (public/highlight.css). */
const STYLE_HIGHLIGHT: Record<MarkStyle, string | null> = {
  underline: 'company-context-underline',
  background: 'company-context-bg',
  none: null,
};

/** Resolves once the document is parsed and the page has had a moment to settle (like document_idle). */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 300 }) : setTimeout(resolve, 50));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', idle, { once: true });
    else idle();
  });
}

async function main(): Promise<void> {
  const page = new Page();
  page.listen();
  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    // Only our own extension's pages and background may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = parseToContent(raw);
    if (!msg) return undefined;
    if (msg.type === 'paused') {
      if (msg.paused) page.stop();
      else page.start();
    } else if (msg.type === 'rejected') page.setRejected(msg.rejected);
    else if (msg.type === 'companyList') page.openList();
    else if (msg.type === 'settings') page.applySettings(msg.settings);
    else page.reveal(msg.entity);
    return undefined;
  });
  // A frame that goes away (removed, navigated) takes its companies off the tab's list.
  window.addEventListener('pagehide', () => page.report(true));
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) page.report();
  });
  const [reply, settingsReply] = await Promise.all([earlyBridge().hello ?? send<unknown>({ type: 'hello' }), send<unknown>({ type: 'settings' }).catch(() => null), settled()]);
  const readerSettings = parseContentSettings(settingsReply);
  if (readerSettings) page.applySettings(readerSettings);
  const hello = parseHelloReply(reply);
  if (hello) page.setRejected(hello.rejected);
  if (hello?.paused !== true) page.start();
}

if (__CC_BENCH__) performance.mark('cc-loaded');
if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
  main().catch(() => undefined); // a page or an extension reload must never see our errors
}
