// The whole keyboard path in Chromium: our shortcut's message, the company list, Enter to the card
// on the first mention and on to the next, the focus trap, Escape back to the list and out with
// focus where it was; and a mouse hover that never takes focus.
//
// Headless Chromium cannot be sent a browser shortcut (commands are handled by the browser UI, not
// the page), so the test does what the background's `commands.onCommand` listener does: from our
// service worker it sends the active tab's top frame `{ type: 'companyList' }`. That the listener
// maps the command to this message is unit-tested (tests/unit/commands.test.ts).
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { FIREFOX_UUID } from '../../scripts/lib/harness/browsers.ts';
import { evalInCard, hover } from './support/card.ts';
import { keyboardPage, pressShortcut } from './support/keyboard-pages.ts';
import { hosts, mutationCount, mutationLog, syntheticHover, textPoint } from './support/probe.ts';
import type { Route } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const KB_ROUTE: Route = (path) => (path === '/kb' ? { body: keyboardPage() } : null);

describe('Chromium: keyboard and screen-reader path', () => {
  let ctx: BrowserContext;
  let sw: Worker;
  let page: Page;

  withExtension({ browser: 'chromium', route: KB_ROUTE, open: { path: '/kb', marks: 3 }, firstTab: true }, async (s) => {
    ({ ctx, sw, page } = s);
    await page.bringToFront();
  });

  /** What our closed root shows: focused element, list options, dialog attributes, live region. */
  const ui = async () =>
    (await evalInCard(ctx, page, `
      const a = root.activeElement;
      const panel = root.querySelector('.panel');
      const opts = [...root.querySelectorAll('[role=option]')];
      return {
        focused: a ? (a.getAttribute('data-entity') ?? a.className) : null,
        options: opts.map((o) => o.textContent),
        selected: opts.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.getAttribute('data-entity')),
        card: panel ? { entity: panel.querySelector('.card')?.getAttribute('data-entity'), modal: panel.getAttribute('aria-modal'), role: panel.getAttribute('role'), label: root.getElementById(panel.getAttribute('aria-labelledby'))?.textContent } : null,
        list: root.querySelector('.list-panel') ? { role: root.querySelector('.list-panel').getAttribute('role'), modal: root.querySelector('.list-panel').getAttribute('aria-modal') } : null,
        live: root.querySelector('[aria-live]')?.textContent ?? null,
      };`)) as {
      focused: string | null; options: string[]; selected: string[];
      card: { entity: string; modal: string | null; role: string; label: string } | null;
      list: { role: string; modal: string } | null; live: string | null;
    };
  const activeId = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.id || document.activeElement?.localName || null);
  const isOpen = () => page.evaluate(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')));
  /** The text and the page element of the mention marked as active (the card's mention). */
  const activeMention = () =>
    page.evaluate(() => {
      // Marks are StaticRanges: read through a live range.
      const s = [...(CSS.highlights.get('company-context-active') ?? [])][0] as AbstractRange | undefined;
      if (!s) return null;
      const r = document.createRange();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      const box = r.getBoundingClientRect();
      return { text: r.toString(), in: r.startContainer.parentElement?.id ?? '', visible: box.top >= 0 && box.bottom <= innerHeight };
    });

  it('has changed nothing in the page before the reader acts', async () => {
    expect(await page.evaluate(mutationCount)).toBe(0);
    expect(await page.evaluate(hosts)).toEqual([]);
  });

  it('page keys reach the page untouched while our list is closed', async () => {
    await page.focus('#before');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const keys = await page.evaluate(() => (window as unknown as { __pageKeys: Array<{ key: string; prevented: boolean }> }).__pageKeys);
    expect(keys).toEqual([{ key: 'ArrowDown', prevented: false }, { key: 'Enter', prevented: false }, { key: 'Escape', prevented: false }]);
    expect(await page.evaluate(hosts)).toEqual([]);
    expect(await page.evaluate(mutationCount)).toBe(0);
  });

  it('the shortcut opens the list of companies in our one host, focused on the first', async () => {
    await page.focus('#before');
    await pressShortcut(sw);
    await page.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 5000 });
    await page.waitForTimeout(100); // card data for the names comes from the background
    const s = await ui();
    expect(s.list).toEqual({ role: 'dialog', modal: 'true' });
    expect(s.options).toEqual(['Hikvision 2 mentions', 'Huawei 1 mention']);
    expect(s.focused).toBe('hikvision');
    // Focus is inside our closed root: the page sees our host as active, nothing else.
    expect(await activeId()).toBe('div');
    const [host, ...more] = await page.evaluate(hosts);
    expect(more).toEqual([]);
    expect(host).toMatchObject({ tag: 'div', shadowRootVisible: false, open: true });
  });

  it('ignores untrusted keys the page sends', async () => {
    await page.evaluate(() => {
      for (const key of ['ArrowDown', 'Enter', 'Escape']) document.documentElement.firstElementChild?.parentElement?.lastElementChild?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      for (const key of ['Escape']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    });
    const s = await ui();
    expect(s.focused).toBe('hikvision');
    expect(s.card).toBeNull();
    expect(await isOpen()).toBe(true);
  });

  it('arrow keys move through the list', async () => {
    const pageKeys = () => page.evaluate(() => (window as unknown as { __pageKeys: unknown[] }).__pageKeys.length);
    const keysBefore = await pageKeys();
    await page.keyboard.press('ArrowDown');
    expect((await ui()).selected).toEqual(['huawei']);
    expect((await ui()).focused).toBe('huawei');
    await page.keyboard.press('ArrowDown'); // wraps
    expect((await ui()).focused).toBe('hikvision');
    await page.keyboard.press('ArrowUp');
    expect((await ui()).focused).toBe('huawei');
    await page.keyboard.press('Home');
    expect((await ui()).focused).toBe('hikvision');
    await page.keyboard.press('Tab'); // the list keeps focus
    expect((await ui()).focused).toBe('hikvision');
    // Keys inside our open list are ours: the page's listener does not get them.
    expect(await pageKeys()).toBe(keysBefore);
  });

  it('Enter opens the card for the first mention, scrolls to it, focuses and announces it', async () => {
    await page.keyboard.press('Enter');
    await page.waitForTimeout(150);
    const s = await ui();
    expect(s.card).toEqual({ entity: 'hikvision', modal: 'true', role: 'dialog', label: 'Hikvision' });
    expect(s.list).toBeNull();
    expect(s.focused).toBe('panel');
    expect(s.live).toBe('Hikvision, mention 1 of 2. Enter: next mention; Escape: back to the list.');
    expect(await activeMention()).toEqual({ text: 'Hikvision', in: 'first', visible: true });
  });

  it('Enter again goes to the next mention, scrolled into view', async () => {
    const y0 = await page.evaluate(() => scrollY);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(150);
    expect(await activeMention()).toEqual({ text: 'Hikvision', in: 'second', visible: true });
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(y0 + 500);
    const s = await ui();
    expect(s.live).toBe('Hikvision, mention 2 of 2. Enter: next mention; Escape: back to the list.');
    expect(s.focused).toBe('panel');
    // The card sits by the mention.
    const near = await evalInCard(ctx, page, `return Math.round(root.querySelector('.panel').getBoundingClientRect().top);`) as number;
    const p = (await page.evaluate(textPoint, ['Hikvision contract', 0] as [string, number]))!;
    expect(Math.abs(near - p.y)).toBeLessThan(60);
    await page.keyboard.press('Shift+Enter'); // back to the first
    await page.waitForTimeout(150);
    expect((await activeMention())?.in).toBe('first');
  });

  it('traps Tab inside the card while it is open by keyboard', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await activeId()).toBe('div'); // never leaves our host for the page
      seen.add(String((await ui()).focused));
    }
    expect(seen.has('panel')).toBe(true); // it came round again
    expect(seen.size).toBeGreaterThan(2);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    expect(await activeId()).toBe('div');
  });

  it('Escape goes back to the list on the same company; Escape again closes with focus where it was', async () => {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    let s = await ui();
    expect(s.card).toBeNull();
    expect(s.focused).toBe('hikvision');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => ![...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 2000 });
    expect(await activeId()).toBe('before');
    s = await ui();
    expect(s.card).toBeNull();
    expect(s.list).toBeNull();
    expect(await page.evaluate(hosts)).toHaveLength(1);
    // The whole session changed the page by one host element, added once; after that only its popover state.
    const log = await page.evaluate(mutationLog);
    expect(log[0]).toMatchObject({ type: 'childList', target: 'HTML', added: ['DIV'] });
    expect(log.slice(1).filter((m) => !(m.target === 'DIV' && m.type === 'attributes'))).toEqual([]);
  });

  it('a mouse hover opens the card without moving focus, and it is not modal', async () => {
    await page.focus('#before');
    await page.evaluate(() => document.getElementById('huawei')!.scrollIntoView({ block: 'center' }));
    const before = await activeId();
    await hover(page, 'Huawei', 0);
    await page.waitForTimeout(200);
    expect(await activeId()).toBe(before);
    const s = await ui();
    expect(s.focused).toBeNull();
    expect(s.card).toEqual({ entity: 'huawei', modal: null, role: 'dialog', label: 'Huawei' });
    expect(s.live).toBe('');
    // Page keys still go to the page while a hovered card is open.
    await page.keyboard.press('ArrowDown');
    const last = await page.evaluate(() => (window as unknown as { __pageKeys: Array<{ key: string; prevented: boolean }> }).__pageKeys.at(-1));
    expect(last).toEqual({ key: 'ArrowDown', prevented: false });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => ![...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 2000 });
    expect(await activeId()).toBe(before);
  });

  it('a synthetic hover does nothing to focus either', async () => {
    const p = (await page.evaluate(textPoint, ['Huawei', 0] as [string, number]))!;
    await page.evaluate(syntheticHover, p);
    await page.waitForTimeout(800);
    expect(await isOpen()).toBe(false);
    expect(await activeId()).toBe('before');
  });
});

/** Polls in a Firefox page; under BiDi an evaluation between documents throws, which counts as "not yet". */
async function poll(page: FirefoxPage, fn: () => boolean, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await page.evaluate(fn).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString()}`);
}

// Firefox: the same message (sent from one of our extension pages, which the content script
// accepts like the background) and the same keys. No test can open a closed root in Firefox, so
// this checks what the page itself can see: our host holds focus, the active mark moves, the page
// scrolls, and focus comes back.
describe('Firefox: keyboard path', () => {
  let browser: FirefoxBrowser;
  let page: FirefoxPage;
  let ext: FirefoxPage;

  withExtension({ browser: 'firefox', route: KB_ROUTE, open: { path: '/kb', marks: 3 } }, async (s) => {
    ({ browser, page } = s);
    ext = await browser.newPage();
    void ext.goto(`moz-extension://${FIREFOX_UUID}/src/options/index.html`).catch(() => undefined);
    await poll(ext, () => location.protocol === 'moz-extension:' && document.readyState === 'complete');
    await page.bringToFront();
  });

  const activeMention = () =>
    page.evaluate(() => {
      // Marks are StaticRanges: read through a live range.
      const s = [...(CSS.highlights.get('company-context-active') ?? [])][0] as AbstractRange | undefined;
      if (!s) return null;
      const r = document.createRange();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      return { text: r.toString(), in: r.startContainer.parentElement?.id ?? '' };
    });
  const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.localName || null);
  const open = () => page.evaluate(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')));

  it('opens the list on the shortcut message, walks to the mentions, and gives focus back', async () => {
    expect(await page.evaluate(mutationCount)).toBe(0);
    await page.focus('#before');
    await ext.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { session: { get: (k: null) => Promise<Record<string, unknown>> } }; tabs: { sendMessage: (id: number, m: unknown, o: unknown) => Promise<unknown> } } }).browser;
      const key = Object.keys(await api.storage.session.get(null)).find((k) => k.startsWith('tab:'))!;
      await api.tabs.sendMessage(Number(key.slice(4)), { type: 'companyList' }, { frameId: 0 });
    });
    await poll(page, () => [...document.documentElement.children].some((e) => e.matches(':popover-open')));
    await new Promise((r) => setTimeout(r, 200));
    expect(await active()).toBe('div'); // focus is in our closed root
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await poll(page, () => [...(CSS.highlights.get('company-context-active') ?? [])].length === 1);
    expect(await activeMention()).toEqual({ text: 'Hikvision', in: 'first' });
    const y0 = await page.evaluate(() => scrollY);
    await page.keyboard.press('Enter');
    await poll(page, () => ([...(CSS.highlights.get('company-context-active') ?? [])][0] as AbstractRange | undefined)?.startContainer.parentElement?.id === 'second');
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(y0 + 500);
    expect(await active()).toBe('div');
    await page.keyboard.press('Escape');
    expect(await open()).toBe(true); // back in the list
    await page.keyboard.press('Escape');
    await poll(page, () => ![...document.documentElement.children].some((e) => e.matches(':popover-open')));
    expect(await active()).toBe('before');
    expect(await page.evaluate(hosts)).toHaveLength(1);
  });
});
