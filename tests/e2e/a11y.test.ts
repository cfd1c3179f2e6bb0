// Automated accessibility check (axe-core) of everything a reader sees: the in-page card (opened
// by hover and by keyboard), the keyboard company list, the popup, the options page and the entity
// page, in light and dark color schemes, and the card on a light, a dark and an uncoloured page
// (the card follows the page's background where it has one, else the system). 0 violations.
//
// Where axe runs: the card lives in a closed shadow root that no page script can open, so axe
// runs in our content script's isolated world (through the DevTools protocol, as in
// support/card.ts), where chrome.dom.openOrClosedShadowRoot can. For the run only, that world's
// Element.prototype.shadowRoot getter answers with it, so axe walks our closed root as it walks
// open ones and checks the real card, in the real page, with its real styles — not a copy
// rendered elsewhere. The page's own world is never touched. Extension pages are checked in place
// (axe evaluated through the protocol, which their CSP does not block; addScriptTag would be).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evalInCard, evalInContentWorld, hover } from './support/card.ts';
import { keyboardPage, pressShortcut } from './support/keyboard-pages.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in the service worker
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MARK = 'company-context';
const SCHEMES = ['light', 'dark'] as const;
/** Page background → whether the card must be dark (null: no background, the scheme decides). */
const PAGES: Array<{ name: string; background: string | null; color: string }> = [
  { name: 'light page', background: '#ffffff', color: '#222222' },
  { name: 'dark page', background: '#121212', color: '#e8e8e8' },
  { name: 'page without a background', background: null, color: '#222222' },
];

interface Found {
  violations: Array<{ id: string; impact: string; nodes: string[] }>;
  /** Rules that ran and found something to check: proof axe saw the content (e.g. color-contrast). */
  passed: string[];
  /** What axe could not decide (reported, e.g. contrast over an image). */
  incomplete: Array<{ id: string; nodes: string[] }>;
}

const RUN = `
  const summary = (r) => ({
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })),
    passed: r.passes.map((p) => p.id),
    incomplete: r.incomplete.map((v) => ({ id: v.id, error: v.error ? String(v.error.message ?? v.error).slice(0, 300) : undefined, nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + (n.any[0]?.message ?? '')) })),
  });`;

/** axe on our host element and everything in its closed root, from the content script's world. */
async function axeCard(ctx: BrowserContext, page: Page): Promise<Found> {
  await evalInContentWorld(ctx, page, `(() => { if (typeof axe === 'undefined') { ${AXE}\n } return true; })()`);
  return (await evalInContentWorld(ctx, page, `(async () => { ${RUN}
    const host = [...document.documentElement.children].find((e) => chrome.dom.openOrClosedShadowRoot(e));
    if (!host) return null;
    const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot');
    const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body');
    Object.defineProperty(Element.prototype, 'shadowRoot', { configurable: true, get() { return chrome.dom.openOrClosedShadowRoot(this) ?? null; } });
    // axe lays out what it measures contrast on from document.body down; our host is a child of
    // <html> (beside <body>, in the top layer), so for the run that walk starts at our host. The
    // card's background is opaque and on top, so the page beneath does not enter its contrast.
    Object.defineProperty(Document.prototype, 'body', { configurable: true, get() { return host; } });
    try {
      return summary(await axe.run(host, { resultTypes: ['violations', 'passes', 'incomplete'] }));
    } finally {
      Object.defineProperty(Element.prototype, 'shadowRoot', own);
      Object.defineProperty(Document.prototype, 'body', body);
    }
  })()`)) as Found;
}

/** axe on a whole extension page. */
async function axePage(page: Page): Promise<Found> {
  await page.evaluate(AXE);
  return (await page.evaluate(`(async () => { ${RUN} return summary(await axe.run(document, { resultTypes: ['violations', 'passes', 'incomplete'] })); })()`)) as Found;
}

const closed = (page: Page) => page.waitForFunction(() => ![...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 3000 });

describe('Chromium: accessibility (axe-core)', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let tabId = 0;

  withExtension({
    browser: 'chromium',
    route: (path) => {
      const i = Number(/^\/page(\d)$/.exec(path)?.[1] ?? NaN);
      const p = PAGES[i];
      return p ? { body: keyboardPage(p.background, p.color) } : null;
    },
    allow: PAGES.map((_, i) => `/page${i}`),
  }, (s) => ({ server, ctx, extId, sw } = s));

  for (const [i, p] of PAGES.entries()) {
    for (const scheme of SCHEMES) {
      it(`card (hover and keyboard) and company list on a ${p.name}, ${scheme} scheme: 0 violations`, async () => {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${server.origin}/page${i}`);
        await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
        await page.bringToFront();
        const darkCard = p.background === null ? scheme === 'dark' : p.background === '#121212';

        await hover(page, 'Hikvision', 0);
        await page.waitForTimeout(300); // the fade-in: contrast is measured on the final colours
        expect(await evalInCard(ctx, page, `return root.querySelector('.panel').classList.contains('dark');`)).toBe(darkCard);
        const hovered = await axeCard(ctx, page);
        expect(hovered.violations).toEqual([]);
        expect(hovered.passed, JSON.stringify(hovered.incomplete)).toEqual(expect.arrayContaining(['color-contrast', 'aria-dialog-name', 'list', 'listitem', 'aria-valid-attr-value', 'button-name']));
        // Every line open (their details, sources and links shown), by trusted clicks.
        const lines = (await evalInCard(ctx, page, `return [...root.querySelectorAll('button.line')].length;`)) as number;
        expect(lines).toBeGreaterThan(2);
        for (let k = 0; k < lines; k++) {
          const b = (await evalInCard(ctx, page, `const l = root.querySelectorAll('button.line')[${k}]; l.scrollIntoView({ block: 'nearest' }); const r = l.getBoundingClientRect(); return { x: r.left + 30, y: r.top + r.height / 2 };`)) as { x: number; y: number };
          await page.mouse.move(b.x, b.y, { steps: 3 });
          await page.mouse.click(b.x, b.y);
        }
        expect(await evalInCard(ctx, page, `return [...root.querySelectorAll('button.line')].every((b) => b.getAttribute('aria-expanded') === 'true');`)).toBe(true);
        const opened = await axeCard(ctx, page);
        expect(opened.violations).toEqual([]);
        expect(opened.passed).toContain('color-contrast');
        await page.keyboard.press('Escape');
        await closed(page);

        await pressShortcut(sw);
        await page.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 3000 });
        await page.waitForTimeout(300);
        const list = await axeCard(ctx, page);
        expect(list.violations).toEqual([]);
        expect(list.passed).toEqual(expect.arrayContaining(['color-contrast', 'aria-dialog-name', 'aria-required-children']));

        await page.keyboard.press('Enter');
        await page.waitForTimeout(300);
        expect(await evalInCard(ctx, page, `return root.querySelector('.panel').getAttribute('aria-modal');`)).toBe('true');
        const keyed = await axeCard(ctx, page);
        expect(keyed.violations).toEqual([]);
        expect(keyed.passed).toContain('color-contrast');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await closed(page);
      });
    }
  }

  for (const scheme of SCHEMES) {
    it(`popup, options page and entity page, ${scheme} scheme: 0 violations`, async () => {
      if (!tabId) {
        // The popup shows the companies of a tab: an article page first.
        const article = ctx.pages()[0] ?? (await ctx.newPage());
        await article.goto(`${server.origin}/page0`);
        await article.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
        tabId = await sw.evaluate(async () => {
          const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return tab.id as number;
        });
      }
      const pages = [
        { name: 'popup', url: `src/popup/index.html?tab=${tabId}`, ready: '#companies li' },
        { name: 'options', url: 'src/options/index.html', ready: 'body' },
        { name: 'entity', url: 'src/entity/index.html?id=hikvision', ready: 'svg[data-timeline]' },
        { name: 'entity with a removed measure', url: 'src/entity/index.html?id=bank-melli', ready: 'svg[data-timeline]' },
      ];
      for (const x of pages) {
        const page = await ctx.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`chrome-extension://${extId}/${x.url}`);
        await page.waitForSelector(x.ready);
        await page.waitForTimeout(200);
        const found = await axePage(page);
        expect(found.violations, x.name).toEqual([]);
        expect(found.passed, `${x.name}: color-contrast checked (incomplete: ${JSON.stringify(found.incomplete)})`).toContain('color-contrast');
        await page.close();
      }
    });
  }
});
