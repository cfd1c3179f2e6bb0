// Every fixture (tests/e2e/fixtures/*.ts) in Chromium, with and without the extension: see
// support/fixture-runner.ts for what each run must show. Our marks and card are read from the
// content script's isolated world, which the page cannot tamper with.
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ALL_FIXTURES } from './fixtures/index.ts';
import { evalInCard, evalInContentWorld } from './support/card.ts';
import { runFixture, settle, snapshot, type Browsers, type Tab } from './support/fixture-runner.ts';
import { PROBE_SCRIPT } from './support/page-probe.ts';
import { fixturePaths, fixtureRoute } from './support/fixture-server.ts';
import { CROSS_ORIGIN } from './support/fixture.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

/** Hosts Chromium itself calls even with background networking off; printed, never from our contexts. */
const CHROMIUM_SERVICES = /^(https?:\/\/)?[a-z0-9-]+\.(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(:443)?(\/|$)/;
// Marks are StaticRanges (no toString): read each through a live range.
const MARKS = `(() => { const h = CSS.highlights.get('company-context'); return h ? [...h].map((s) => { const r = document.createRange(); r.setStart(s.startContainer, s.startOffset); r.setEnd(s.endContainer, s.endOffset); return r.toString(); }) : null; })()`;
const FIXTURES = ALL_FIXTURES.filter((f) => !f.browsers || f.browsers.includes('chromium'));

function tab(ctx: BrowserContext, page: Page): Tab {
  const evalMain = async (expression: string) => {
    const cdp = await ctx.newCDPSession(page);
    try {
      const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) throw new Error(`page evaluation failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as unknown;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };
  return {
    eval: evalMain,
    move: (x, y, steps) => page.mouse.move(x, y, { steps }),
    type: async (selector, text) => {
      await page.click(selector);
      await page.keyboard.press('End');
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    marks: async () => (await evalInContentWorld(ctx, page, MARKS)) as string[] | null,
    cardEntity: async () => (await evalInCard(ctx, page, "return root.querySelector('.card')?.getAttribute('data-entity') ?? null;")) as string | null,
    cardVisible: async () => (await evalInCard(ctx, page, "const b = root.querySelector('.panel')?.getBoundingClientRect(); if (!b || b.width < 100 || b.height < 50) return false; const at = document.elementFromPoint(b.left + b.width / 2, b.top + Math.min(b.height / 2, 40)); return at === e;")) === true,
    cardShows: async (text) => (await evalInCard(ctx, page, `return root.textContent.includes(${JSON.stringify(text)});`)) === true,
    close: () => page.close(),
  };
}

describe('Chromium: hostile, heavy and structural fixtures, with and without the extension', () => {
  let server: TestServer;
  let ours: BrowserContext;
  let plain: BrowserContext;
  let sw: Worker;
  let extId: string;
  const ourErrors: string[] = [];
  const swErrors: string[] = [];
  const requests: Array<{ url: string; from: string }> = [];
  let browsers: Browsers;

  withExtension({ browser: 'chromium', route: fixtureRoute(FIXTURES), origins: [CROSS_ORIGIN], allow: fixturePaths(FIXTURES), plain: true, ourErrors }, async (s) => {
    ({ server, ctx: ours, extId, sw, plain } = s);
    for (const ctx of [ours, plain]) await ctx.addInitScript(PROBE_SCRIPT);
    sw.on('console', (m) => m.type() === 'error' && swErrors.push(m.text()));
    ours.on('request', (r) => requests.push({ url: r.url(), from: r.serviceWorker() ? 'service worker' : (r.frame().url().startsWith('chrome-extension:') ? 'extension page' : 'page') }));
    const open = (ctx: BrowserContext) => async (url: string) => {
      const page = await ctx.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return tab(ctx, page);
    };
    browsers = { name: 'chromium', withExtension: open(ours), withoutExtension: open(plain) };
  });

  it('control: the comparison sees one attribute and one text node the page did not have', async () => {
    const f = FIXTURES[0]!;
    const shots = [];
    for (const change of ['', "document.body.setAttribute('data-x', '1')", "document.body.append('x')"]) {
      const t = await browsers.withoutExtension(server.allow(f.path));
      await settle(t, f);
      if (change) await t.eval(change);
      shots.push(await snapshot(t, f));
      await t.close();
    }
    expect(shots[1]).not.toEqual(shots[0]);
    expect(shots[2]).not.toEqual(shots[0]);
  });

  for (const f of FIXTURES) {
    it(`${f.path} (${f.threat}): ${f.what}`, async () => {
      await runFixture(browsers, server.allow(f.path), f);
    }, (f.timeout ?? 15_000) * 2 + 45_000);
  }

  it('threw nothing from our code, logged no service-worker error, and made no request from any extension context', () => {
    expect(ourErrors).toEqual([]);
    expect(swErrors).toEqual([]);
    // As the browser attributes requests: only the fixture documents, all from pages.
    expect(requests.filter((r) => r.from !== 'page' && !r.url.startsWith(`chrome-extension://${extId}/`))).toEqual([]);
    const others = server.unexpected().filter((l) => !CHROMIUM_SERVICES.test(l.url));
    expect(others).toEqual([]);
  });
});
