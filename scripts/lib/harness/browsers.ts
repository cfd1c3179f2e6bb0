// Shared by the e2e tests and the bench and stress scripts.
// Launches Debian's Chromium (Playwright) and Firefox ESR (Puppeteer over WebDriver BiDi) with the
// built extension, both sending every request through the test server acting as proxy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';
export const FIREFOX_UUID = '6f1c4a2e-3b7d-4c1e-9a55-0c0ffee00001';

export interface ChromiumOptions {
  /** Send every request through the test server as proxy, so its log is the network record. */
  proxyPort?: number;
  withExtension?: boolean;
  /** More unpacked extensions to load beside ours (a second, hostile extension). */
  extraExtensions?: string[];
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** More command-line switches (e.g. `--lang=zh-CN`, which picks the extension's locale). */
  args?: string[];
  /** The built extension to load (default dist/chrome; e.g. a `--with-official` build elsewhere). */
  extensionDir?: string;
}

export interface LaunchedChromium {
  ctx: BrowserContext;
  sw: Worker | null;
  extId: string;
}

export async function launchChromium({ proxyPort, withExtension = true, extraExtensions = [], headless = true, viewport = { width: 1000, height: 700 }, args = [], extensionDir = 'dist/chrome' }: ChromiumOptions = {}): Promise<LaunchedChromium> {
  const ext = [resolve(extensionDir), ...extraExtensions.map((d) => resolve(d))].join(',');
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cc-chromium-')), {
    executablePath: CHROMIUM,
    headless,
    viewport,
    args: [
      ...(withExtension ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      ...(proxyPort ? [`--proxy-server=http://127.0.0.1:${proxyPort}`, '--proxy-bypass-list=<-loopback>'] : []),
      ...args,
    ],
  });
  if (!withExtension) return { ctx, sw: null, extId: '' };
  // Ours is the worker at our manifest's script path (other extensions' workers may start first).
  const script = (JSON.parse(readFileSync(resolve(extensionDir, 'manifest.json'), 'utf8')) as { background: { service_worker: string } }).background.service_worker;
  const sw = await serviceWorker(ctx, (url) => url.pathname === `/${script}`);
  return { ctx, sw, extId: new URL(sw.url()).host };
}

/** The first extension service worker whose URL passes `match`, waiting for it to start. */
export async function serviceWorker(ctx: BrowserContext, match: (url: URL) => boolean, timeout = 15_000): Promise<Worker> {
  const found = () => ctx.serviceWorkers().find((w) => match(new URL(w.url())));
  return found() ?? (await ctx.waitForEvent('serviceworker', { predicate: (w) => match(new URL(w.url())), timeout }));
}

export interface FirefoxOptions {
  /** Without it, the same browser and profile settings, for a baseline (benchmarks, outcome comparisons). */
  withExtension?: boolean;
  /** The built extension to install (default dist/firefox; e.g. a build from a test data folder). */
  extensionDir?: string;
}

export async function launchFirefox(proxyPort: number, { withExtension = true, extensionDir = 'dist/firefox' }: FirefoxOptions = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access', '--width=1000', '--height=700'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ 'company-context@company-context.org': FIREFOX_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.share_proxy_settings': true,
      // Firefox's own Remote Settings sync; off so the proxy log is not all Mozilla traffic.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
    },
  });
  if (withExtension) await browser.installExtension(resolve(extensionDir));
  return browser;
}

/** The browser's own version line, for a benchmark's report. */
export function browserVersion(bin: string): string {
  try {
    // Debian's chromium wrapper script complains on stderr; only the version line matters.
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `${bin}: unknown version`;
  }
}
