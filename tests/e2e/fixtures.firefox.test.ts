// Every fixture (tests/e2e/fixtures/*.ts) in Firefox, with and without the extension: see
// support/fixture-runner.ts for what each run must show. No test can enter a closed shadow root
// in Firefox, so the card is checked by its text (window.find searches rendered text, shadow
// trees included) and our marks are read from the page-visible highlight registry.
import type { Browser, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { ALL_FIXTURES } from './fixtures/index.ts';
import { runFixture, type Browsers, type Tab } from './support/fixture-runner.ts';
import { fixturePaths, fixtureRoute } from './support/fixture-server.ts';
import { PROBE, PROBE_SCRIPT } from './support/page-probe.ts';
import { CROSS_ORIGIN } from './support/fixture.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

/** Hosts Firefox itself calls (updates, telemetry, safe browsing); printed, never ours. */
const FIREFOX_SERVICES = /^(https?:\/\/)?([a-z0-9-]+\.)+(mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com|mozaws\.net)(:443)?(\/|$)/;
const FIXTURES = ALL_FIXTURES.filter((f) => !f.browsers || f.browsers.includes('firefox'));

function tab(page: Page): Tab {
  return {
    eval: (expression) => page.evaluate(expression),
    move: (x, y, steps) => page.mouse.move(x, y, { steps }),
    type: async (selector, text) => {
      await page.click(selector);
      await page.keyboard.press('End');
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key as 'Escape'),
    marks: async () => JSON.parse((await page.evaluate(`window.${PROBE}.marks()`)) as string) as string[] | null,
    cardEntity: async () => undefined,
    cardVisible: async () => undefined,
    cardShows: async (text) => (await page.evaluate(`(() => { getSelection().removeAllRanges(); return window.find(${JSON.stringify(text)}, true, false, true); })()`)) === true,
    close: () => page.close(),
  };
}

describe('Firefox: hostile, heavy and structural fixtures, with and without the extension', () => {
  let server: TestServer;
  let ours: Browser;
  let plain: Browser;
  let browsers: Browsers;

  withExtension({ browser: 'firefox', route: fixtureRoute(FIXTURES), origins: [CROSS_ORIGIN], allow: fixturePaths(FIXTURES), plain: true }, (s) => {
    ({ server, browser: ours, plain } = s);
    const open = (browser: Browser) => async (url: string) => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 700 });
      await page.evaluateOnNewDocument(PROBE_SCRIPT);
      await page.goto(url, { waitUntil: 'load' });
      return tab(page);
    };
    browsers = { name: 'firefox', withExtension: open(ours), withoutExtension: open(plain) };
  });

  for (const f of FIXTURES) {
    it(`${f.path} (${f.threat}): ${f.what}`, async () => {
      await runFixture(browsers, server.allow(f.path), f);
    }, (f.timeout ?? 15_000) * 2 + 45_000);
  }

  it('made no network request from any extension context', () => {
    // Firefox attributes nothing per context over BiDi here, so the proxy log is the record: the
    // test origin saw only the fixture documents; other hosts are Firefox's own services.
    const others = server.unexpected();
    if (others.length > 0) console.log(`Firefox's own requests seen by the proxy: ${[...new Set(others.map((l) => l.url))].join(', ')}`);
    expect(others.filter((l) => !FIREFOX_SERVICES.test(l.url))).toEqual([]);
  });
});
