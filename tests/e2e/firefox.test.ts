// The built extension in Debian's Firefox ESR (Puppeteer over WebDriver BiDi) against the seed
// article served on 127.0.0.1. Firefox offers no way into a closed shadow root from a test, so
// the card's text is checked with window.find(), which searches rendered text, shadow trees too.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { FIREFOX_UUID } from '../../scripts/lib/harness/browsers.ts';
import { hasSeed, seedPage, SEED, STRICT_CSP } from './support/pages.ts';
import { cardExtent, cardTextBox, hosts, marks, marksInside, mutationCount, mutationLog, syntheticHover, textPoint } from './support/probe.ts';
import { hikvision, hikvisionGlance } from './support/glance.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const MARK = 'company-context';
/** Hosts Firefox itself calls (updates, telemetry, safe browsing); printed, never ours. */
const FIREFOX_SERVICES = /^(https?:\/\/)?([a-z0-9-]+\.)+(mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com|mozaws\.net)(:443)?(\/|$)/;
if (!hasSeed) console.warn(`SKIPPED Firefox seed-article e2e: ${SEED} is absent (../shared is not on this machine).`);

const onCard = (text: string) => (window as unknown as { find: (s: string, c: boolean, b: boolean, w: boolean) => boolean }).find(text, true, false, true);
/**
 * Polls a condition in a page that may be between documents: under BiDi an evaluation during an
 * extension-page navigation throws instead of waiting, so errors count as "not yet".
 */
async function poll(page: Page, fn: () => boolean, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await page.evaluate(fn).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString()}`);
}

const cardOpen = () => [...document.documentElement.children].some((e) => e.matches(':popover-open'));

describe.skipIf(!hasSeed)('Firefox: the seed article', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let seedUrl: string;
  let cspUrl: string;

  withExtension({
    browser: 'firefox',
    route: (path) => (path === '/seed' ? { body: seedPage() } : path === '/csp' ? { body: seedPage(), headers: { 'content-security-policy': STRICT_CSP } } : null),
    open: { path: '/seed', marks: 4 },
  }, (s) => {
    ({ server, browser, page } = s);
    seedUrl = server.allow('/seed');
    cspUrl = server.allow('/csp');
  });

  it('marks the four companies, a split name once, and nothing in controls', async () => {
    const found = (await page.evaluate(marks, MARK))!;
    for (const name of ['Hikvision', 'Huawei', 'Dahua', 'IPVM', 'Huawei Technologies']) expect(found).toContain(name);
    expect(found.filter((t) => t === 'Huawei Technologies')).toHaveLength(1);
    expect(await page.evaluate(marksInside, [MARK, 'form, textarea, input, [contenteditable], [hidden]'] as [string, string])).toEqual([]);
  });

  it('changes nothing in the page before a hover, and opens nothing for synthetic hovers', async () => {
    expect(await page.evaluate(mutationCount)).toBe(0);
    const p = (await page.evaluate(textPoint, ['Hikvision', 1] as [string, number]))!;
    await page.evaluate(syntheticHover, p);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await page.evaluate(hosts)).toEqual([]);
    expect(await page.evaluate(mutationCount)).toBe(0);
    expect(await page.evaluate(onCard, '84 FR 54002')).toBe(false); // the card's text is not on the page yet
  });

  it('opens the card on a trusted hover with the Entity List listing and the IPVM counter-claim; Escape closes it', async () => {
    const p = (await page.evaluate(textPoint, ['Hikvision', 1] as [string, number]))!;
    await page.mouse.move(p.x - 30, p.y - 40);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.waitForFunction(cardOpen, { timeout: 5000 });
    const log = await page.evaluate(mutationLog);
    expect(log[0]).toMatchObject({ type: 'childList', target: 'HTML', added: ['DIV'] });
    expect(log.slice(1).filter((m) => !(m.target === 'DIV' && m.type === 'attributes'))).toEqual([]);
    expect(await page.evaluate(hosts)).toMatchObject([{ tag: 'div', shadowRootVisible: false, open: true }]);
    mkdirSync('docs/screenshots', { recursive: true });
    for (const text of ['matched “Hikvision”', 'US · 6 in force since 2018', '2 disputed claims', 'BIS · 2019', 'Answer from Hikvision, 2024-10:', 'Hikvision has accused IPVM']) {
      expect(await page.evaluate(onCard, text), text).toBe(true);
    }
    expect(await page.evaluate(onCard, '84 FR 54002')).toBe(false); // behind its line's disclosure
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => ![...document.documentElement.children].some((e) => e.matches(':popover-open')), { timeout: 2000 });
    expect(await page.evaluate(hosts)).toHaveLength(1);
  });

  it('lists the four companies in the popup', async () => {
    const popup = await browser.newPage();
    // Navigating to moz-extension:// never resolves under BiDi: start it, then wait on the page.
    void popup.goto(`moz-extension://${FIREFOX_UUID}/src/popup/index.html`).catch(() => undefined);
    await poll(popup, () => location.protocol === 'moz-extension:' && document.readyState === 'complete');
    // The popup, opened as a tab, is about itself; point it at the article's tab.
    await popup.evaluate(async () => {
      const all = await (globalThis as unknown as { browser: { storage: { session: { get: (k: null) => Promise<Record<string, unknown>> } } } }).browser.storage.session.get(null);
      const key = Object.keys(all).find((k) => k.startsWith('tab:'))!;
      location.search = `?tab=${key.slice(4)}`;
    });
    await poll(popup, () => location.search.startsWith('?tab=') && document.querySelectorAll('#companies .name').length === 4);
    const names = await popup.evaluate(() => [...document.querySelectorAll('#companies .name')].map((e) => e.textContent));
    expect(names).toEqual(['Hikvision', 'Huawei', 'Dahua Technology', 'IPVM']);
    await popup.close();
  });

  it('shows a styled card under a strict page CSP with Trusted Types', async () => {
    const strict = await browser.newPage();
    await strict.setViewport({ width: 1000, height: 700 });
    await strict.goto(cspUrl);
    await strict.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 4, { timeout: 15_000 }, MARK);
    const p = (await strict.evaluate(textPoint, ['Hikvision', 1] as [string, number]))!;
    await strict.mouse.move(p.x - 30, p.y - 40);
    await strict.mouse.move(p.x, p.y, { steps: 4 });
    await strict.waitForFunction(cardOpen, { timeout: 5000 });
    // Styled, the card is a 400 px box under the mention (it starts at most 400 px left of it):
    // the page sees our host at those points, and its own text beyond the card's width.
    const hits = await strict.evaluate(({ x, y }) => [[0, 60], [-40, 60], [0, 200], [-500, 200]].map(([dx, dy]) => {
      const e = document.elementFromPoint(x + dx!, y + dy!);
      return e !== null && e.parentElement === document.documentElement && e !== document.body;
    }), p);
    expect(hits).toEqual([true, true, true, false]);
    expect(await strict.evaluate(onCard, 'US · 6 in force since 2018')).toBe(true);
    await strict.close();
  });

  it('at 1280×800 shows the Hikvision card at a glance; a line opens by trusted click and by keyboard, showing its citation', async () => {
    const glance = await browser.newPage();
    await glance.setViewport({ width: 1280, height: 800 });
    await glance.goto(seedUrl);
    await glance.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 4, { timeout: 15_000 }, MARK);
    // The headline's mention: there the card has its full height below it. (Firefox's larger
    // serif sets the body's first mention near the middle of the window, where any card of
    // Hikvision's 9 measures and 2 disputes scrolls inside itself.)
    const p = (await glance.evaluate(textPoint, ['Hikvision', 0] as [string, number]))!;
    await glance.mouse.move(p.x - 30, p.y - 40);
    await glance.mouse.move(p.x, p.y, { steps: 4 });
    const t0 = Date.now(); // the pointer rests: the card opens after the 500 ms dwell, plus rendering and polling
    await glance.waitForFunction(cardOpen, { timeout: 5000, polling: 10 });
    // A bound on behaviour, not a speed target: the card waits for the 500 ms dwell and then opens,
    // not seconds later. Load on a 2-core runner once pushed rendering to 680 ms, so the bound is loose.
    expect(Date.now() - t0).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 400));
    // The summary, each measure's line (authority and year), both claims and their answers: all
    // shown, inside the card, inside the viewport.
    const { entity } = hikvision();
    const { chips, lines } = hikvisionGlance();
    const shown = [...chips, '2 disputed claims', ...new Set(lines),
      'IPVM, 2024-10:', 'South China Morning Post, 2024-10:', 'Answer from Hikvision, 2024-10: Hikvision has accused', 'Answer from Hikvision, 2024-10: Hikvision denied'];
    expect(chips[0]).toBe('US · 6 in force since 2018');
    expect(entity.claims).toHaveLength(2);
    const boxes = [];
    for (const text of shown) {
      const box = await glance.evaluate(cardTextBox, text);
      expect(box, text).not.toBeNull();
      boxes.push(box!);
    }
    const card = await glance.evaluate(cardExtent, boxes[0]!);
    for (const b of boxes) expect(b.top >= card.top && b.bottom <= card.bottom && card.bottom <= 800).toBe(true);
    // No scrolling: the card is shorter than its cap (80% of the viewport, at most 640 px), so all it holds is in its box.
    expect(card.bottom - card.top).toBeLessThan(640);
    await glance.screenshot({ path: 'docs/screenshots/card-firefox.png' });

    // A trusted click on the Entity List's line opens its details, the citation among them; then
    // by keyboard (the click put focus on that line's button; window.find would move it, so the
    // checks come after): Tab to the next line, Enter opens it. Both stay open.
    expect(await glance.evaluate(cardTextBox, '84 FR 54002')).toBeNull();
    expect(await glance.evaluate(cardTextBox, 'FCC DA 21-309')).toBeNull();
    const line = boxes[chips.length + 1 + [...new Set(lines)].indexOf('BIS · 2019')]!;
    await glance.mouse.move(line.x, line.y, { steps: 5 });
    await glance.mouse.click(line.x, line.y);
    await glance.keyboard.press('Tab');
    await glance.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 150));
    // (Rendered now, maybe below the card's fold: the card scrolls inside itself.)
    expect(await glance.evaluate(onCard, '84 FR 54002')).toBe(true);
    expect(await glance.evaluate(onCard, 'FCC DA 21-309')).toBe(true);
    await glance.keyboard.press('Escape');
    await glance.close();
  });

  it('made no network request from any extension context', () => {
    // Firefox attributes nothing per context over BiDi here, so the proxy log is the record: the
    // test origin saw only the page itself; other hosts are Firefox's own services.
    const others = server.unexpected();
    if (others.length > 0) console.log(`Firefox's own requests seen by the proxy: ${[...new Set(others.map((l) => l.url))].join(', ')}`);
    expect(others.filter((l) => !FIREFOX_SERVICES.test(l.url))).toEqual([]);
    expect(server.log.filter((l) => l.url.startsWith(server.origin))).toEqual([seedUrl, cspUrl, seedUrl].map((url) => ({ method: 'GET', url })));
  });
});
