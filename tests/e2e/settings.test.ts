// The reader's settings, looking a company up, and look and feel, in Chromium: a setting changed
// in the options page reaches an open tab without a reload; export and import round-trip, a bad
// file changes nothing; the popup's search opens the entity page; the card reflows at 320 px and
// follows a dark page. Writes the popup-search, options, entity and dark-card screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evalInCard, hover } from './support/card.ts';
import { articlePage } from './support/pages.ts';
import { marks } from './support/probe.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';
import { loadDataset } from '../../scripts/load-dataset.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in the service worker
const MARK = 'company-context';
const ARTICLE = articlePage('Sanctions and cameras', [
  'Hikvision and Dahua Technology make most of the cameras sold under other brands, the report said.',
  'Bank Melli Iran was named again in September, when European ministers restored their measures.',
]);
const DARK = ARTICLE.replace('<style>body{', '<style>body{background:#15161a;color:#e6e6e6;');
/** Dark by declaration only: no background of its own. */
const DECLARED_DARK = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="color-scheme" content="dark">');

describe('Chromium: the reader\'s settings, search and themes', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let page: Page;
  let options: Page;
  const url = (path: string) => `chrome-extension://${extId}/${path}`;

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/article' ? { body: ARTICLE } : path === '/dark' ? { body: DARK } : path === '/declared-dark' ? { body: DECLARED_DARK } : null),
    launched: () => void mkdirSync('docs/screenshots', { recursive: true }),
    open: { path: '/article', marks: 3 },
  }, async (s) => {
    ({ server, ctx, extId, sw, page } = s);
    // A value in the page's own world: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    options = await ctx.newPage();
    await options.goto(url('src/options/index.html'));
    await options.waitForSelector('#reader-settings');
  });

  const styles = () => page.evaluate(() => ['company-context-underline', 'company-context-bg'].filter((n) => CSS.highlights.has(n) && CSS.highlights.get(n)!.size > 0));
  const cardText = async (target: Page, name: string, nth = 0) => {
    // A tab in the background gets no animation frames (the hover's hit test runs in one).
    await target.bringToFront();
    // Escape closes an open card; moving off the mention then lifts Escape's hold on it.
    await target.keyboard.press('Escape');
    await target.mouse.move(5, 5);
    await target.waitForTimeout(100);
    await hover(target, name, nth);
    return (await evalInCard(ctx, target, "return [...root.querySelectorAll('.jurisdiction h4')].map((h) => h.textContent).join('|') + '\\n' + root.textContent;")) as string;
  };
  const stored = () => sw.evaluate(async () => ({ sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) }));
  const notReloaded = () => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  it('opened the first-run page on install: what the marks mean, what it never does, how to pause', async () => {
    const welcome = ctx.pages().find((p) => p.url() === url('src/welcome/index.html'));
    expect(welcome).toBeDefined();
    await welcome!.waitForSelector('#never li');
    const text = (await welcome!.textContent('body'))!;
    expect(text).toContain('It makes no network request, ever');
    expect(text).toContain('It does not change pages');
    expect(text).toContain('How to pause it');
    expect(text).toContain('A dotted underline means only that the name is in the dataset.');
  });

  it('marks with the underline style by default', async () => {
    expect(await styles()).toEqual(['company-context-underline']);
  });

  it('switches the mark style in an open tab without a reload, and keeps the card reachable with no marks', async () => {
    await options.check('#mark-style input[value=background]');
    await page.waitForFunction(() => CSS.highlights.has('company-context-bg') && !CSS.highlights.has('company-context-underline'), null, { timeout: 5000 });
    await options.check('#mark-style input[value=none]');
    await page.waitForFunction(() => !CSS.highlights.has('company-context-bg') && !CSS.highlights.has('company-context-underline'), null, { timeout: 5000 });
    expect(await styles()).toEqual([]);
    // The mentions are still known: the card opens on a hover and the popup lists the companies.
    expect(new Set(await page.evaluate(marks, MARK))).toEqual(new Set(['Hikvision', 'Dahua Technology', 'Bank Melli Iran']));
    expect(await cardText(page, 'Hikvision')).toContain('Hikvision');
    await options.check('#mark-style input[value=underline]');
    await page.waitForFunction(() => CSS.highlights.has('company-context-underline'), null, { timeout: 5000 });
    expect(await notReloaded()).toBe(true);
  });

  /** Every jurisdiction with a measure on Hikvision or Dahua, from the dataset (US lists, UK and Australian policies...). */
  const OTHERS = (() => {
    const { dataset } = loadDataset('data');
    const where = new Map(dataset.lists.map((l) => [l.id, l.jurisdiction]));
    const js = dataset.entities.filter((e) => e.id === 'hikvision' || e.id === 'dahua').flatMap((e) => e.measures.map((m) => where.get(m.list)!));
    return [...new Set(js)].filter((j) => j !== 'EU').sort();
  })();
  it('takes a hidden jurisdiction off the open tab\'s card, and unmarks companies with nothing left to show', async () => {
    expect((await cardText(page, 'Bank Melli Iran')).split('\n')[0]).toBe('United States|European Union');
    await options.uncheck('#jurisdictions input[value=EU]');
    await expect.poll(async () => (await cardText(page, 'Bank Melli Iran')).split('\n')[0], { timeout: 5000 }).toBe('United States');
    expect(await cardText(page, 'Bank Melli Iran')).toContain('1 measure not shown (your settings).');
    // Without US, UK, Australian and Canadian measures Dahua has nothing to show; Hikvision has
    // disputed claims, marked while asked for.
    for (const j of OTHERS) await options.uncheck(`#jurisdictions input[value=${j}]`);
    await page.waitForFunction((n) => ![...(CSS.highlights.get(n) ?? [])].some((r) => r.toString() === 'Dahua Technology'), MARK, { timeout: 5000 });
    expect(new Set(await page.evaluate(marks, MARK))).toEqual(new Set(['Hikvision']));
    await options.uncheck('#mark-disputed');
    await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) === 0, MARK, { timeout: 5000 });
    // Undone: the open tab marks them again.
    await options.check('#mark-disputed');
    for (const j of [...OTHERS, 'EU']) await options.check(`#jurisdictions input[value=${j}]`);
    await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) === 3, MARK, { timeout: 5000 });
    expect((await cardText(page, 'Bank Melli Iran')).split('\n')[0]).toBe('United States|European Union');
    expect(await notReloaded()).toBe(true);
  });

  it('exports the settings to a file and imports them back', async () => {
    await options.bringToFront();
    await options.check('#mark-style input[value=background]');
    await options.uncheck('#kinds input[value=export-control]');
    await options.fill('#hover-delay', '800');
    await options.press('#hover-delay', 'Tab');
    await expect.poll(async () => (await stored()).sync.settings?.hoverDelay, { timeout: 3000 }).toBe(800);
    const [download] = await Promise.all([options.waitForEvent('download'), options.click('#export')]);
    const file = readFileSync((await download.path())!, 'utf8');
    const exported = JSON.parse(file) as { format: string; settings: unknown };
    expect(exported.format).toBe('company-context-settings');
    expect(exported.settings).toEqual({ hiddenJurisdictions: [], hiddenKinds: ['export-control'], markDisputed: true, markStyle: 'background', hoverDelay: 800 });
    // Back to the defaults by hand, then the file restores what it holds.
    await options.check('#mark-style input[value=underline]');
    await options.check('#kinds input[value=export-control]');
    await expect.poll(async () => (await stored()).sync.settings?.hiddenKinds, { timeout: 3000 }).toEqual([]);
    await options.setInputFiles('#import', { name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await options.waitForSelector('#import-result.ok');
    expect((await stored()).sync.settings).toEqual(exported.settings);
    expect(await options.isChecked('#mark-style input[value=background]')).toBe(true);
    expect(await options.isChecked('#kinds input[value=export-control]')).toBe(false);
    await page.waitForFunction(() => CSS.highlights.has('company-context-bg'), null, { timeout: 5000 });
  });

  it('refuses a bad file with a clear error and changes nothing', async () => {
    await options.bringToFront();
    const before = await stored();
    const bad = JSON.stringify({ format: 'company-context-settings', version: 1, settings: { markStyle: 'underline', hoverDelay: 5 }, pausedSites: ['a.example'], rejected: [] });
    await options.setInputFiles('#import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await options.waitForSelector('#import-result.error');
    expect(await options.textContent('#import-result')).toBe('This file was not imported (settings: hoverDelay: not a valid value). Nothing was changed.');
    await options.setInputFiles('#import', { name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
    await expect.poll(() => options.textContent('#import-result')).toBe('This file was not imported (not JSON). Nothing was changed.');
    expect(await stored()).toEqual(before);
    expect(await options.isChecked('#mark-style input[value=background]')).toBe(true);
  });

  it('reads a corrupt stored value as the defaults and says so on the options page', async () => {
    await sw.evaluate(() => chrome.storage.sync.set({ settings: { markStyle: '<img src=x>', hoverDelay: 'soon', hiddenKinds: 7 } }));
    await page.waitForFunction(() => CSS.highlights.has('company-context-underline'), null, { timeout: 5000 });
    await options.reload();
    await options.waitForSelector('#problems');
    expect(await options.$$eval('#problems code', (els) => els.map((e) => e.textContent))).toEqual([
      'hiddenKinds: not a valid value', 'markStyle: not a valid value', 'hoverDelay: not a valid value',
    ]);
    expect(await options.isChecked('#mark-style input[value=underline]')).toBe(true);
    await options.setViewportSize({ width: 800, height: 1100 });
    await options.screenshot({ path: 'docs/screenshots/options-chromium.png', fullPage: false });
    // Saving anything writes a whole valid value again.
    await options.check('#mark-style input[value=underline]');
    await options.check('#mark-disputed');
    await options.uncheck('#mark-disputed');
    await options.check('#mark-disputed');
    await options.reload();
    await options.waitForSelector('#reader-settings');
    expect(await options.$('#problems')).toBeNull();
  });

  it('lists a site paused from the popup and resumes it from the options page', async () => {
    const tabId = await sw.evaluate(async () => Number(Object.keys(await chrome.storage.session.get(null)).find((k) => k.startsWith('tab:'))!.slice(4)));
    const popup = await ctx.newPage();
    await popup.goto(url(`src/popup/index.html?tab=${tabId}`));
    await popup.check('#pause');
    await page.waitForFunction((n) => !CSS.highlights.has(n), MARK, { timeout: 5000 });
    await popup.close();
    await options.reload();
    await options.waitForSelector('#paused li[data-site="127.0.0.1"]');
    await options.click('#paused li[data-site="127.0.0.1"] button');
    await options.waitForSelector('#paused li', { state: 'detached' });
    await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) === 3, MARK, { timeout: 5000 });
    expect(await sw.evaluate(() => chrome.storage.local.get('pausedSites'))).toEqual({ pausedSites: [] });
  });

  it('finds 海康威视 and hikvision from the popup and opens the entity page', async () => {
    const popup = await ctx.newPage();
    await popup.setViewportSize({ width: 345, height: 420 });
    const tabId = await sw.evaluate(async () => Number(Object.keys(await chrome.storage.session.get(null)).find((k) => k.startsWith('tab:'))!.slice(4)));
    await popup.goto(url(`src/popup/index.html?tab=${tabId}`));
    await popup.waitForSelector('#companies li');
    await popup.fill('#search', '海康威视');
    await popup.waitForSelector('#search-results [data-entity=hikvision]');
    await popup.fill('#search', 'hikvision');
    await popup.waitForSelector('#search-results [data-entity=hikvision]');
    expect(await popup.$$eval('#search-results a', (els) => els[0]!.getAttribute('data-entity'))).toBe('hikvision');
    await popup.fill('#search', 'hik');
    await popup.waitForSelector('#search-results [data-entity=hikvision]');
    await popup.screenshot({ path: 'docs/screenshots/popup-search-chromium.png' });
    await popup.fill('#search', 'zzqqx');
    await popup.waitForSelector('#search-none');
    await popup.fill('#search', 'HIKVISION');
    await popup.waitForSelector('#search-results [data-entity=hikvision]');
    const [opened] = await Promise.all([ctx.waitForEvent('page'), popup.click('#search-results [data-entity=hikvision]')]);
    await opened.waitForSelector('.card');
    expect(opened.url()).toBe(url('src/entity/index.html?id=hikvision'));
    expect(await opened.title()).toBe('Hikvision — Company Context');
    await opened.close();
  });

  it('shows a removed measure with its dates, every name, and searches from the entity page', async () => {
    const entity = await ctx.newPage();
    await entity.setViewportSize({ width: 900, height: 1100 });
    await entity.goto(url('src/entity/index.html?id=bank-melli'));
    await entity.waitForSelector('.card');
    const removed = (await entity.textContent('.measure.removed'))!;
    expect(removed).toContain('2007-10-25');
    expect(removed).toContain('Removed on 2016-01-16');
    expect(await entity.locator('.measure').count()).toBe(3);
    expect(await entity.textContent('.names')).toContain('National Bank of Iran');
    await entity.screenshot({ path: 'docs/screenshots/entity-chromium.png' });
    await entity.fill('#search', 'dahua');
    await entity.click('#search-results [data-entity=dahua]');
    await entity.waitForURL(url('src/entity/index.html?id=dahua'));
    await entity.waitForSelector('.card[data-entity=dahua]');
    await entity.close();
  });

  it('fits the card in a 320 px wide window without horizontal scrolling', async () => {
    const narrow = await ctx.newPage();
    await narrow.setViewportSize({ width: 320, height: 640 });
    await narrow.goto(server.allow('/article'));
    await narrow.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
    await hover(narrow, 'Hikvision', 0);
    const fit = (await evalInCard(ctx, narrow, `const f = root.querySelector('.panel'); const r = f.getBoundingClientRect();
      const wide = [...f.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > r.right + 0.5).map((e) => e.tagName + '.' + e.className);
      return { scroll: f.scrollWidth, client: f.clientWidth, left: r.left, right: r.right, wide };`)) as { scroll: number; client: number; left: number; right: number; wide: string[] };
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.left).toBeGreaterThanOrEqual(0);
    expect(fit.right).toBeLessThanOrEqual(320);
    expect(fit.wide).toEqual([]);
    await narrow.close();
  });

  it('follows a dark page, and moves nothing under reduced motion', async () => {
    const dark = await ctx.newPage();
    await dark.setViewportSize({ width: 900, height: 700 });
    await dark.emulateMedia({ reducedMotion: 'reduce' });
    await dark.goto(server.allow('/dark'));
    await dark.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
    await hover(dark, 'Hikvision', 0);
    const look = (await evalInCard(ctx, dark, "const f = root.querySelector('.panel'); const r = f.getBoundingClientRect(); return { dark: f.classList.contains('dark'), bg: getComputedStyle(root.querySelector('.card')).backgroundColor, animation: getComputedStyle(f).animationName, box: { x: r.x, y: r.y, width: r.width, height: r.height } };")) as { dark: boolean; bg: string; animation: string; box: { x: number; y: number; width: number; height: number } };
    expect(look.dark).toBe(true);
    expect(look.bg).toBe('rgb(30, 31, 36)');
    expect(look.animation).toBe('none');
    const pad = 24;
    await dark.screenshot({
      path: 'docs/screenshots/card-dark-chromium.png',
      clip: { x: Math.max(0, look.box.x - pad), y: Math.max(0, look.box.y - 60), width: Math.min(900, look.box.width + 2 * pad), height: Math.min(700 - Math.max(0, look.box.y - 60), look.box.height + 60 + pad) },
    });
    await dark.close();
  });

  const cardLook = async (target: Page) => {
    await hover(target, 'Hikvision', 0);
    return evalInCard(ctx, target, "return getComputedStyle(root.querySelector('.card')).backgroundColor;");
  };

  it('follows a page that declares a dark color-scheme, and the system where the page says nothing', async () => {
    const declared = await ctx.newPage();
    await declared.emulateMedia({ colorScheme: 'light' });
    await declared.goto(server.allow('/declared-dark'));
    await declared.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
    expect(await cardLook(declared)).toBe('rgb(30, 31, 36)');
    await declared.close();
    for (const [scheme, bg] of [['dark', 'rgb(30, 31, 36)'], ['light', 'rgb(255, 255, 255)']] as const) {
      const plain = await ctx.newPage();
      await plain.emulateMedia({ colorScheme: scheme });
      await plain.goto(server.allow('/article'));
      await plain.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 3, MARK);
      expect(await cardLook(plain), scheme).toBe(bg);
      await plain.close();
    }
  });

  it('gives the entity, options and popup pages the system\'s dark scheme', async () => {
    for (const path of ['src/entity/index.html?id=hikvision', 'src/options/index.html', 'src/popup/index.html']) {
      const p = await ctx.newPage();
      await p.emulateMedia({ colorScheme: 'dark' });
      await p.goto(url(path));
      await p.waitForSelector('#search, #reader-settings');
      expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor), path).toBe('rgb(18, 18, 18)');
      if (path.startsWith('src/entity')) {
        await p.waitForSelector('.card');
        expect(await p.evaluate(() => getComputedStyle(document.querySelector('.card')!).backgroundColor)).toBe('rgb(30, 31, 36)');
      }
      await p.close();
    }
  });

  it('made no network request', () => {
    expect(server.unexpected().filter((l) => !/google|gvt1|gstatic/.test(l.url))).toEqual([]);
  });
});
