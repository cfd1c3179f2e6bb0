// The built extension in Debian's Chromium against the seed article served on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evalInCard, hover } from './support/card.ts';
import { dynamicPage, hasSeed, seedPage, SEED, STRICT_CSP } from './support/pages.ts';
import { hosts, marks, marksInside, mutationCount, mutationLog, syntheticHover, textPoint } from './support/probe.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';
import { glanceChecks, hikvision, type Glance } from './support/glance.ts';
import { pressShortcut } from './support/keyboard-pages.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in the service worker
const MARK = 'company-context';
/** The open card's geometry and lines, read in our closed root (support/glance.ts checks them). */
const GLANCE = `const panel = root.querySelector('.panel'); const f = panel.getBoundingClientRect();
  return { scrollHeight: panel.scrollHeight, clientHeight: panel.clientHeight, panel: { top: f.top, bottom: f.bottom },
    viewport: innerHeight,
    summary: [...root.querySelectorAll('.summary .part')].map((p) => ({ text: p.textContent, jurisdiction: p.getAttribute('data-jurisdiction') })),
    lines: [...root.querySelectorAll('.measure button.line, .claim button.line, .answer')].map((l) => { const r = l.getBoundingClientRect(); return { kind: l.closest('.measure') ? 'measure' : l.classList.contains('answer') ? 'answer' : 'claim', list: l.closest('[data-list-id]')?.getAttribute('data-list-id') ?? null, top: r.top, bottom: r.bottom }; }) };`;
/** Each measure line's disclosure: its state, whether its details show, and their text. */
const OPENED = `return [...root.querySelectorAll('.measure')].map((li) => { const b = li.querySelector('button.line'); const d = root.getElementById(b.getAttribute('aria-controls'));
  return { list: li.getAttribute('data-list-id'), expanded: b.getAttribute('aria-expanded'), visible: d.checkVisibility(), text: d.textContent }; });`;
/** Where a mark must never be. */
const CONTROLS = 'form, textarea, input, [contenteditable], [hidden]';
/** Hosts Chromium itself calls even with background networking off; printed, never from our contexts. */
const CHROMIUM_SERVICES = /^(https?:\/\/)?[a-z0-9-]+\.(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(:443)?(\/|$)/;
if (!hasSeed) console.warn(`SKIPPED Chromium seed-article e2e: ${SEED} is absent (../shared is not on this machine).`);

describe.skipIf(!hasSeed)('Chromium: the seed article', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let page: Page;
  let seedUrl: string;
  let dynamicUrl: string;
  let cspUrl: string;
  const requests: Array<{ url: string; from: string; navigation: boolean }> = [];

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/seed' ? { body: seedPage() } : path === '/dynamic' ? { body: dynamicPage() } : path === '/csp' ? { body: seedPage(), headers: { 'content-security-policy': STRICT_CSP } } : null),
    launched: ({ ctx }) => void ctx.on('request', (r) => requests.push({ url: r.url(), from: r.serviceWorker() ? 'service worker' : 'page', navigation: r.isNavigationRequest() })),
    open: { path: '/seed', marks: 4 },
  }, (s) => {
    ({ server, ctx, extId, sw, page } = s);
    seedUrl = server.allow('/seed');
    dynamicUrl = server.allow('/dynamic');
    cspUrl = server.allow('/csp');
  });

  const inCard = (target: Page, body: string) => evalInCard(ctx, target, body);
  const cardText = async () => (await inCard(page, 'return root.textContent;')) as string | null;

  it('marks the four companies in the article, once each for a split name, and nothing in controls', async () => {
    const found = (await page.evaluate(marks, MARK))!;
    expect(new Set(found)).toEqual(new Set(['Hikvision', 'Huawei', 'Dahua', 'IPVM', 'Huawei Technologies', 'HIKVISION']));
    for (const name of ['Hikvision', 'Huawei', 'Dahua', 'IPVM', 'Huawei Technologies']) expect(found).toContain(name);
    expect(found.filter((t) => t === 'Huawei Technologies')).toHaveLength(1);
    expect(await page.evaluate(marksInside, [MARK, CONTROLS] as [string, string])).toEqual([]);
  });

  it('has changed nothing in the page before a hover', async () => {
    expect(await page.evaluate(mutationCount)).toBe(0);
    expect(await page.evaluate(hosts)).toEqual([]);
  });

  it('opens nothing for synthetic (untrusted) hovers', async () => {
    const p = (await page.evaluate(textPoint, ['Hikvision', 1] as [string, number]))!;
    await page.evaluate(syntheticHover, p);
    await page.waitForTimeout(1200);
    expect(await page.evaluate(hosts)).toEqual([]);
    expect(await page.evaluate(mutationCount)).toBe(0);
  });

  it('opens the card on a trusted hover with the Entity List listing and the IPVM counter-claim; Escape closes it', async () => {
    await hover(page, 'Hikvision', 1);
    const [host] = await page.evaluate(hosts);
    expect(host).toMatchObject({ tag: 'div', shadowRootVisible: false, open: true });
    const text = (await cardText())!;
    expect(text).toContain('Hikvision');
    expect(text).toContain('matched “Hikvision”');
    expect(text).toMatch(/Entity List.*15 CFR 744\.11 · since 2019-10-09.*84 FR 54002/s);
    expect(text).toMatch(/Disputed claims.*IPVM, 2024-10: IPVM, a security.*Answer from Hikvision, 2024-10: Hikvision has accused IPVM/s);
    expect(text).toContain('Dataset as of');
    const log = await page.evaluate(mutationLog);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => ![...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 2000 });
    // One host element, added once; every later mutation is on it (its popover state).
    expect(log[0]).toMatchObject({ type: 'childList', target: 'HTML', added: ['DIV'] });
    expect(log.slice(1).filter((m) => !(m.target === "DIV" && m.type === "attributes"))).toEqual([]);
    expect(await page.evaluate(hosts)).toHaveLength(1);
  });

  it('lists the four companies in the popup, badges the three with measures, and reveals a mention', async () => {
    const tabId = await sw.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      return Number(Object.keys(all).find((k) => k.startsWith('tab:'))!.slice(4));
    });
    expect(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('3');
    const popup = await ctx.newPage();
    await popup.goto(`chrome-extension://${extId}/src/popup/index.html?tab=${tabId}`);
    await popup.waitForSelector('#companies li');
    const names = await popup.$$eval('#companies .name', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(['Hikvision', 'Huawei', 'Dahua Technology', 'IPVM']);
    expect(await popup.textContent('[data-entity="ipvm"] .status')).toBe('No listing in this dataset');
    await popup.setViewportSize({ width: 345, height: 330 });
    await popup.screenshot({ path: 'docs/screenshots/popup-chromium.png' });
    await popup.click('[data-entity="dahua"]');
    await page.waitForFunction(() => CSS.highlights.get('company-context-flash')?.size === 1, null, { timeout: 3000 });
    expect(await page.evaluate(() => [...CSS.highlights.get('company-context-flash')!][0]!.toString())).toBe('Dahua');
    await popup.close();
  });

  it('pauses on the site from the popup and resumes', async () => {
    const tabId = await sw.evaluate(async () => Number(Object.keys(await chrome.storage.session.get(null)).find((k) => k.startsWith('tab:'))!.slice(4)));
    const popup = await ctx.newPage();
    await popup.goto(`chrome-extension://${extId}/src/popup/index.html?tab=${tabId}`);
    await popup.check('#pause');
    await page.waitForFunction((n) => !CSS.highlights.has(n), MARK, { timeout: 3000 });
    expect(await sw.evaluate(() => chrome.storage.local.get('pausedSites'))).toEqual({ pausedSites: ['127.0.0.1'] });
    await popup.uncheck('#pause');
    await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 4, MARK, { timeout: 5000 });
    await popup.close();
  });

  it('shows every measure on the entity page, under a timeline with a bar per measure, and copies a citation', async () => {
    const entity = await ctx.newPage();
    await entity.setViewportSize({ width: 1280, height: 900 });
    await entity.goto(`chrome-extension://${extId}/src/entity/index.html?id=hikvision`);
    await entity.waitForSelector('.card');
    expect(await entity.title()).toBe('Hikvision — Company Context');
    const text = (await entity.textContent('.card'))!;
    expect(text).toContain('84 FR 54002');
    const { entity: hik } = hikvision();
    expect(await entity.locator('.measure').count()).toBe(hik.measures.length);
    // The timeline: one bar per measure, one point per claim and answer, each a link to its entry;
    // the table beside it says the same in text.
    expect(await entity.locator('svg[data-timeline] a.bar').count()).toBe(hik.measures.length);
    expect(await entity.locator('svg[data-timeline] a.point').count()).toBe(hik.claims.length + hik.claims.flatMap((c) => c.counterClaims).length);
    expect(await entity.locator('.timeline-table tbody tr:not(.group)').count()).toBe(hik.measures.length + hik.claims.length + hik.claims.flatMap((c) => c.counterClaims).length);
    // Hovering a bar shows its measure; so does focusing one by keyboard.
    await entity.hover('svg[data-timeline] a.bar[data-list-id="us-bis-entity-list"] rect');
    expect(await entity.textContent('.timeline-detail')).toBe('Entity List, BIS: 2019-10-09 to today — Entity List (Supplement No. 4 to 15 CFR Part 744) · In force');
    await entity.focus('#search');
    for (let i = 0; i < 40 && !(await entity.evaluate(() => document.activeElement?.matches('a.bar'))); i++) await entity.keyboard.press('Tab');
    expect(await entity.textContent('.timeline-detail')).toMatch(/^NDAA § 889, Congress: 2018-08-13 to today — /);
    await entity.hover('svg[data-timeline] a.bar[data-list-id="us-bis-entity-list"] rect');
    await entity.screenshot({ path: 'docs/screenshots/entity-timeline-chromium.png' });
    // Dark scheme, and printed (black on white whatever the scheme, without the page's controls).
    await entity.emulateMedia({ colorScheme: 'dark' });
    await entity.mouse.move(5, 5);
    await entity.screenshot({ path: 'docs/screenshots/entity-dark-chromium.png' });
    await entity.emulateMedia({ colorScheme: 'dark', media: 'print' });
    expect(await entity.evaluate(() => [getComputedStyle(document.querySelector('.page-head')!).display, getComputedStyle(document.querySelector('.card')!).getPropertyValue('--bg').trim(), getComputedStyle(document.querySelector('.timeline .bar rect')!).fill])).toEqual(['none', '#fff', 'rgb(11, 87, 208)']);
    await entity.screenshot({ path: 'docs/screenshots/entity-print-chromium.png' });
    await entity.emulateMedia({ colorScheme: 'light', media: 'screen' });
    // "Copy citation": plain text, on a trusted click (the clipboard is read back through a stand-in).
    await entity.evaluate(() => {
      (window as unknown as { copied: string[] }).copied = [];
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (s: string) => { (window as unknown as { copied: string[] }).copied.push(s); } } });
    });
    const button = entity.locator('[data-list-id="us-bis-entity-list"] [data-action="copy-citation"]');
    await button.evaluate((b) => b.dispatchEvent(new MouseEvent('click', { bubbles: true }))); // untrusted: nothing
    expect(await entity.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([]);
    await button.click();
    expect(await entity.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
      'Entity List (Supplement No. 4 to 15 CFR Part 744) (U.S. Department of Commerce, Bureau of Industry and Security (BIS))\n' +
        '15 CFR 744.11, since 2019-10-09 (date the measure took effect)\n' +
        '84 FR 54002, U.S. Department of Commerce, Bureau of Industry and Security (Federal Register), “Addition of Certain Entities to the Entity List”, 2019-10-09',
    ]);
    expect(await entity.textContent('[data-list-id="us-bis-entity-list"] .copy [role="status"]')).toBe('Citation copied.');
    await entity.close();
  });

  it('marks text added later and follows a client-side navigation', async () => {
    const live = await ctx.newPage();
    await live.goto(dynamicUrl);
    await live.waitForFunction(() => document.title === 'done');
    await live.waitForFunction((n) => [...(CSS.highlights.get(n) ?? [])].some((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString() === 'Dahua Technology'; }), MARK, { timeout: 5000 });
    // The old story's mentions went with its text; the new one's name, split by <em>, is one mention.
    expect(await live.evaluate(marks, MARK)).toEqual(['Dahua Technology']);
    await live.close();
  });

  it('marks and styles the card under a strict page CSP with Trusted Types', async () => {
    const strict = await ctx.newPage();
    const violations: string[] = [];
    strict.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await strict.goto(cspUrl);
    await strict.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 4, MARK);
    await hover(strict, 'Hikvision', 1);
    const style = await inCard(strict, "const f = root.querySelector('.panel'), c = root.querySelector('.card'); return [getComputedStyle(f).position, getComputedStyle(c).backgroundColor, Math.round(f.getBoundingClientRect().width)];");
    expect(style).toEqual(['fixed', 'rgb(255, 255, 255)', 400]);
    // The page's own inline script, inline style and data: favicon are refused, as they should be; nothing of ours is.
    expect(violations.filter((v) => !/inline (script|style)|'unsafe-inline'|script-src|style-src-elem|image 'data:,'/.test(v))).toEqual([]);
    await strict.close();
  });

  it('at 1280×800 the Hikvision card shows its summary, every measure line and both disputes without scrolling', async () => {
    const glance = await ctx.newPage();
    await glance.setViewportSize({ width: 1280, height: 800 });
    await glance.goto(seedUrl);
    await glance.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 4, MARK);
    // Opens 500 ms after the pointer comes to rest on the name (the hover machine's dwell), plus
    // the new card's rendering and this test's polling: usually under 150 ms more.
    const p = (await glance.evaluate(textPoint, ['Hikvision', 1] as [string, number]))!;
    await glance.mouse.move(p.x - 30, p.y - 40);
    await glance.mouse.move(p.x, p.y, { steps: 4 });
    const t0 = Date.now();
    await glance.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 5000, polling: 10 });
    // A bound on behaviour, not a speed target: the card waits for the 500 ms dwell and then opens,
    // not seconds later. Load on a 2-core runner once pushed rendering to 680 ms, so the bound is loose.
    expect(Date.now() - t0).toBeLessThan(1500);
    await glance.waitForTimeout(400); // the card's fade-in runs in our closed root, out of Playwright's reach
    mkdirSync('docs/screenshots', { recursive: true });
    await glance.screenshot({ path: 'docs/screenshots/card-chromium.png' });
    glanceChecks((await inCard(glance, GLANCE)) as Glance);

    // A trusted click on the Entity List's line opens its details, the citation among them; the
    // line opened before stays open while the card is (each line is its own disclosure).
    const click = async (list: string) => {
      const box = (await inCard(glance, `const l = root.querySelector('[data-list-id="${list}"] button.line'); l.scrollIntoView({ block: 'nearest' }); const b = l.getBoundingClientRect(); return { x: b.left + 40, y: b.top + b.height / 2 };`)) as { x: number; y: number };
      await glance.mouse.move(box.x, box.y, { steps: 5 });
      await glance.mouse.click(box.x, box.y);
    };
    await click('us-ndaa-889');
    await click('us-bis-entity-list');
    const opened = (await inCard(glance, OPENED)) as Array<{ list: string; expanded: string; visible: boolean; text: string }>;
    expect(opened.filter((o) => o.expanded === 'true').map((o) => o.list)).toEqual(['us-ndaa-889', 'us-bis-entity-list']);
    const entityList = opened.find((o) => o.list === 'us-bis-entity-list')!;
    expect(entityList.visible).toBe(true);
    expect(entityList.text).toContain('Source: 84 FR 54002');
    expect(entityList.text).toContain('listed as “Hangzhou Hikvision Digital Technology Co., Ltd.”');
    // Opened lines make the card taller: it scrolls inside itself, within the viewport.
    const after = (await inCard(glance, GLANCE)) as Glance;
    expect(after.panel.bottom).toBeLessThanOrEqual(800);
    await click('us-ndaa-889'); // closed again
    await glance.waitForTimeout(400);
    await glance.screenshot({ path: 'docs/screenshots/card-open-chromium.png' });
    await glance.keyboard.press('Escape');

    // By keyboard: the shortcut's list, Enter on Hikvision, Tab to the Entity List's line, Enter.
    await glance.bringToFront();
    await pressShortcut(sw);
    await glance.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 3000 });
    await glance.keyboard.press('Enter');
    await glance.waitForTimeout(300);
    for (let i = 0; i < 12; i++) {
      const focused = (await inCard(glance, "return root.activeElement?.closest('[data-list-id]')?.getAttribute('data-list-id') ?? null;")) as string | null;
      if (focused === 'us-bis-entity-list') break;
      await glance.keyboard.press('Tab');
    }
    const before = (await inCard(glance, OPENED)) as Array<{ list: string; expanded: string; visible: boolean }>;
    expect(before.find((o) => o.list === 'us-bis-entity-list')).toMatchObject({ expanded: 'false', visible: false });
    await glance.keyboard.press('Enter');
    const keyed = (await inCard(glance, OPENED)) as Array<{ list: string; expanded: string; visible: boolean; text: string }>;
    expect(keyed.find((o) => o.list === 'us-bis-entity-list')).toMatchObject({ expanded: 'true', visible: true });
    expect(keyed.find((o) => o.list === 'us-bis-entity-list')!.text).toContain('84 FR 54002');
    await glance.keyboard.press(' '); // Space closes it again
    expect(((await inCard(glance, OPENED)) as Array<{ list: string; expanded: string }>).find((o) => o.list === 'us-bis-entity-list')!.expanded).toBe('false');
    await glance.keyboard.press('Escape');
    await glance.keyboard.press('Escape');
    await glance.close();
  });

  it('made no network request from any extension context', async () => {
    // Per context, as the browser attributes them: pages (content script included), popup, service worker.
    const network = requests.filter((r) => !r.url.startsWith(`chrome-extension://${extId}/`));
    expect(network).toEqual([seedUrl, dynamicUrl, cspUrl, seedUrl].map((url) => ({ url, from: 'page', navigation: true })));
    // Everything that reached the proxy: the test origin saw only the page itself; other hosts are
    // Chromium's own services (sign-in, updates, autofill), not any extension context (above).
    expect(server.unexpected().filter((l) => !CHROMIUM_SERVICES.test(l.url))).toEqual([]);
    expect(server.log.some((l) => l.url === seedUrl)).toBe(true);
  });
});
