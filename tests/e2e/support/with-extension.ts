// The setup most e2e files share: the test server (also the browser's proxy, so its log is the
// network record), the browser with the built extension, and optionally a first page open with its
// marks painted. Registers its own beforeAll/afterAll in the describe it is called in; `ready` then
// gets what was opened (the test's own extra setup goes there).
import type { BrowserContext, Page as PwPage, Worker } from 'playwright-core';
import type { Browser, Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, launchFirefox, type ChromiumOptions, type FirefoxOptions } from '../../../scripts/lib/harness/browsers.ts';
import { startServer, type Route, type TestServer } from '../../../scripts/lib/harness/server.ts';

const MARK = 'company-context';

interface Common {
  /** What the server answers: paths on its own origin, whole URLs on `origins`. */
  route: Route;
  origins?: string[];
  /** Pages the tests open themselves, declared so the network record does not count them. */
  allow?: string[];
  /** A page to open before the tests, and how many marks it must show first. */
  open?: { path: string; marks: number };
  /** Also launch the same browser without the extension, for with/without comparisons. */
  plain?: boolean;
  /** The hook's time limit, when `ready` does slow work of its own. */
  timeout?: number;
}

export interface ChromiumSetup extends Common {
  browser: 'chromium';
  /** A function when the options are only known once earlier hooks ran (a build in a temp folder). */
  launch?: Omit<ChromiumOptions, 'proxyPort'> | (() => Omit<ChromiumOptions, 'proxyPort'>);
  /** Open `open` in the window's own first tab rather than a new one. */
  firstTab?: boolean;
  /** Runs once launched, before any page is opened (listeners that must see everything). */
  launched?: (s: ChromiumSession) => void | Promise<void>;
  /** Runs on the new page before it loads `open` (page listeners that must see the load). */
  beforeGoto?: (page: PwPage) => void;
  /** Collects errors thrown by our code in any page (the first lines of each stack). */
  ourErrors?: string[];
}

export interface FirefoxSetup extends Common {
  browser: 'firefox';
  launch?: FirefoxOptions | (() => FirefoxOptions);
  /** The opened page's viewport (Puppeteer's own default is smaller than Chromium's). */
  viewport?: { width: number; height: number };
}

export interface ChromiumSession {
  server: TestServer;
  ctx: BrowserContext;
  sw: Worker;
  extId: string;
  /** Set when `open` was given. */
  page: PwPage;
  /** Set when `plain` was given. */
  plain: BrowserContext;
}

export interface FirefoxSession {
  server: TestServer;
  browser: Browser;
  /** Set when `open` was given. */
  page: PpPage;
  /** Set when `plain` was given. */
  plain: Browser;
}

// `unknown`: a one-line `(s) => ({ ctx } = s)` returns what it assigns.
type Ready<S> = (s: S) => unknown;

export function withExtension(setup: ChromiumSetup, ready?: Ready<ChromiumSession>): void;
export function withExtension(setup: FirefoxSetup, ready?: Ready<FirefoxSession>): void;
export function withExtension(setup: ChromiumSetup | FirefoxSetup, ready?: Ready<never>): void {
  // Filled in as things open, so that afterAll closes whatever did open when a step fails.
  const s: Partial<ChromiumSession & FirefoxSession> = {};
  beforeAll(async () => {
    s.server = await startServer(setup.route, { origins: setup.origins });
    for (const path of setup.allow ?? []) s.server.allow(path);
    if (setup.browser === 'chromium') await openChromium(setup, s as ChromiumSession);
    else await openFirefox(setup, s as FirefoxSession);
    await ready?.(s as never);
  }, setup.timeout);
  afterAll(async () => {
    await (s.ctx ?? s.browser)?.close();
    await s.plain?.close();
    await s.server?.close();
  });
}

async function openChromium(setup: ChromiumSetup, s: ChromiumSession): Promise<void> {
  const options = typeof setup.launch === 'function' ? setup.launch() : setup.launch;
  const launched = await launchChromium({ ...options, proxyPort: s.server.port });
  s.ctx = launched.ctx;
  s.sw = launched.sw!;
  s.extId = launched.extId;
  const errors = setup.ourErrors;
  // Errors thrown by our content script surface as page errors with our extension's URL in the stack.
  if (errors) s.ctx.on('weberror', (e) => {
    const stack = e.error().stack ?? e.error().message;
    if (/chrome-extension:\/\//.test(stack)) errors.push(stack.split('\n').slice(0, 3).join(' | '));
  });
  if (setup.plain) s.plain = (await launchChromium({ proxyPort: s.server.port, withExtension: false })).ctx;
  await setup.launched?.(s);
  if (!setup.open) return;
  s.page = (setup.firstTab ? s.ctx.pages()[0] : undefined) ?? (await s.ctx.newPage());
  setup.beforeGoto?.(s.page);
  await s.page.goto(s.server.allow(setup.open.path));
  await s.page.waitForFunction(([name, n]) => (CSS.highlights.get(name)?.size ?? 0) >= n, [MARK, setup.open.marks] as const);
}

async function openFirefox(setup: FirefoxSetup, s: FirefoxSession): Promise<void> {
  const options = typeof setup.launch === 'function' ? setup.launch() : setup.launch;
  s.browser = await launchFirefox(s.server.port, options);
  if (setup.plain) s.plain = await launchFirefox(s.server.port, { withExtension: false });
  if (!setup.open) return;
  s.page = await s.browser.newPage();
  await s.page.setViewport(setup.viewport ?? { width: 1000, height: 700 });
  await s.page.goto(s.server.allow(setup.open.path));
  await s.page.waitForFunction((name, n) => (CSS.highlights.get(name)?.size ?? 0) >= n, { timeout: 15_000 }, MARK, setup.open.marks);
}
