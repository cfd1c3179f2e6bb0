// Languages in Chromium: the card keeps its own direction on a right-to-left page, and a browser
// started in Chinese shows the Chinese interface (dataset text as it is, source dates in ISO).
// On Linux, `--lang` is what picks an extension's locale: LANGUAGE/LANG alone leave it English,
// and chrome.i18n.getUILanguage() stays "en-US" either way when only en-US.pak is installed.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evalInCard, hover } from './support/card.ts';
import { articlePage } from './support/pages.ts';
import type { Route, TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in the service worker

/** An Arabic article (dir="rtl") naming Hikvision near the start of its lines, i.e. at the right edge. */
const RTL_PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>أخبار التقنية</title>
<style>body{font:18px/1.6 serif;margin:24px;padding:0 16px}</style></head>
<body><article><h1>نتائج شركات المراقبة</h1>
<p>قالت شركة Hikvision يوم الثلاثاء إن إيراداتها ارتفعت في الربع الأخير، وفق ما أعلنته الشركة.</p>
<p>وقال محللون إن الطلب على الكاميرات ما زال قوياً في الأسواق الآسيوية.</p></article></body></html>`;

const EN_PAGE = articlePage('Camera makers report results', ['Separately, Hikvision reported its quarterly results on Tuesday.']);

const MARK = 'company-context';

/** Without a Chinese font the screenshot shows boxes (the text checks still hold): Debian's fonts-wqy-microhei. */
function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** Geometry and direction of the open card, read inside our closed root. */
const CARD_LAYOUT = `
  const panel = root.querySelector('.panel');
  const card = root.querySelector('.card');
  if (!panel || !card) return null;
  const f = panel.getBoundingClientRect();
  const title = root.querySelector('h2').firstChild;
  const range = document.createRange();
  range.selectNodeContents(title);
  const t = range.getBoundingClientRect();
  return {
    panel: { left: f.left, right: f.right, top: f.top, bottom: f.bottom },
    viewport: { width: document.documentElement.clientWidth, height: innerHeight },
    direction: getComputedStyle(card).direction, dir: card.getAttribute('dir'), lang: card.getAttribute('lang'),
    titleFromLeft: t.left - card.getBoundingClientRect().left,
    titleFromRight: card.getBoundingClientRect().right - t.right,
  };`;

interface Layout {
  panel: { left: number; right: number; top: number; bottom: number };
  viewport: { width: number; height: number };
  direction: string;
  dir: string;
  lang: string;
  titleFromLeft: number;
  titleFromRight: number;
}

async function openCard(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 1, MARK);
  await hover(page, 'Hikvision', 0);
  await page.waitForTimeout(400); // the card's fade-in
  return page;
}

describe('Chromium: languages', () => {
  let server: TestServer;
  const route: Route = (path) => (path === '/rtl' ? { body: RTL_PAGE } : path === '/en' ? { body: EN_PAGE } : null);

  describe('English browser', () => {
    let ctx: BrowserContext;
    withExtension({ browser: 'chromium', route }, (s) => ({ server, ctx } = s));

    it('opens the card on a right-to-left page inside the viewport, left to right like its English text', async () => {
      const page = await openCard(ctx, server.allow('/rtl'));
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      const l = (await evalInCard(ctx, page, CARD_LAYOUT)) as Layout;
      expect(l).not.toBeNull();
      expect(l.direction).toBe('ltr');
      expect([l.dir, l.lang]).toEqual(['ltr', 'en']);
      expect(l.panel.left).toBeGreaterThanOrEqual(0);
      expect(l.panel.top).toBeGreaterThanOrEqual(0);
      expect(l.panel.right).toBeLessThanOrEqual(l.viewport.width);
      expect(l.panel.bottom).toBeLessThanOrEqual(l.viewport.height);
      // The title starts at the card's left padding, and is not pushed to its right edge.
      expect(l.titleFromLeft).toBeLessThan(20);
      expect(l.titleFromRight).toBeGreaterThan(l.titleFromLeft);
      const text = (await evalInCard(ctx, page, 'return root.textContent;')) as string;
      expect(text).toContain('matched “Hikvision”');
      expect(text).toContain('since 2019-10-09');
      await page.close();
    });
  });

  describe('Chinese browser (--lang=zh-CN)', () => {
    let ctx: BrowserContext;
    let extId: string;
    withExtension({ browser: 'chromium', route, launch: { args: ['--lang=zh-CN'] } }, async (s) => {
      ({ server, ctx, extId } = s);
      expect(await s.sw.evaluate(() => chrome.i18n.getMessage('locale'))).toBe('zh-CN');
    });

    it('shows the card in Chinese: interface words translated, dataset text and source dates as they are', async () => {
      const page = await openCard(ctx, server.allow('/en'));
      const text = (await evalInCard(ctx, page, 'return root.textContent;')) as string;
      expect(text).toContain('匹配到 “Hikvision”');
      expect(text).toContain('政府措施');
      expect(text).toContain('有争议的说法');
      expect(text).toMatch(/Entity List.*15 CFR 744\.11 · 自 2019-10-09 起/s); // list name untranslated, ISO date
      // The summary in Chinese words; a list's line by its common Chinese name where it has one (实体清单), else its short name.
      expect(await evalInCard(ctx, page, "return [...root.querySelectorAll('.summary li')].map((li) => li.textContent);")).toEqual(['美国 · 6 项有效，自 2018 年起', '澳大利亚 · 1 项有效，自 2023 年起', '加拿大 · 1 项有效，自 2025 年起', '英国 · 1 项有效，自 2022 年起', '2 项有争议的说法']);
      expect(await evalInCard(ctx, page, "return [...root.querySelectorAll('.measure .name')].map((n) => n.textContent);")).toEqual(['NDAA § 889', '实体清单', 'Covered List', 'NS-CMIC List', '中国军事企业清单', 'Authorisation ban', 'Defence camera removal', 'Federal-use ban', 'UK camera policy']);
      expect(text).toContain('Hikvision has accused IPVM'); // a claim stays in its language
      expect(text).toMatch(/数据集截至 \d{4}年\d{1,2}月\d{1,2}日。/); // the dataset date, long form, by Intl
      expect(text).not.toContain('Government measures');
      const l = (await evalInCard(ctx, page, CARD_LAYOUT)) as Layout;
      expect([l.dir, l.lang, l.direction]).toEqual(['ltr', 'zh-CN', 'ltr']);
      if (hasChineseFont()) {
        mkdirSync('docs/screenshots', { recursive: true });
        await page.screenshot({ path: 'docs/screenshots/card-chromium-zh.png' });
      } else console.warn('SKIPPED docs/screenshots/card-chromium-zh.png: no Chinese font (fc-list :lang=zh is empty; apt-get install fonts-wqy-microhei).');
      await page.close();
    });

    it('shows the popup and the options page in Chinese', async () => {
      const page = await ctx.newPage();
      await page.goto(server.allow('/en'));
      await page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 1, MARK);
      const popup = await ctx.newPage();
      await popup.goto(`chrome-extension://${extId}/src/popup/index.html`);
      // The popup's own tab is the active one: not a page we run on.
      await popup.waitForSelector('p.muted');
      expect(await popup.textContent('body')).toContain('Company Context 不在此页面上运行');
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      const options = await ctx.newPage();
      await options.goto(`chrome-extension://${extId}/src/options/index.html`);
      await options.waitForSelector('#none');
      expect(await options.textContent('#rejections h2')).toBe('不是这家公司');
      expect(await options.textContent('#reader-settings h2')).toBe('卡片显示的内容');
      expect(await options.title()).toBe('Company Context — 选项');
      await Promise.all([page.close(), popup.close(), options.close()]);
    });
  });
});
