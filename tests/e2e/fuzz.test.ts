// Every message type the background accepts, sent malformed and hostile from both sides it
// listens to (a content script's world, and an extension page): nothing is answered, stored or
// thrown. The well-formed message is the control.
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browsers.ts';
import { evalInContentWorld } from './support/card.ts';
import { articlePage } from './support/pages.ts';
import { startServer, type TestServer } from './support/server.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in extension contexts

const HOSTILE: unknown[] = [
  null, 0, 'hello', [], {}, { type: 'HELLO' }, { type: 'hello', x: 1 }, { type: 'card' }, { type: 'card', entity: 'Hikvision' },
  { type: 'card', entity: '../../etc' }, { type: 'card', entity: 'x'.repeat(5000) }, { type: 'card', entity: { length: 1 } },
  { type: 'mentions', entities: 'hikvision' }, { type: 'mentions', entities: Array(3000).fill('a') }, { type: 'mentions', entities: [1] },
  { type: 'openEntity', entity: 'javascript:alert(1)' }, { type: 'reject', entity: 'shell', alias: 'x\u202Ey' },
  { type: 'reject', entity: 'shell', alias: 'Not an alias of Shell' }, { type: 'tabState', tabId: -1 }, { type: 'tabState', tabId: '1' },
  { type: 'setPaused', tabId: 1, paused: 'yes' }, { type: 'unreject', site: '<img>', entity: 'shell', alias: 'Shell' },
  { type: 'entity', entity: '__proto__' }, { type: 'rejections', extra: true }, { type: 'constructor' }, { __proto__: { type: 'hello' } },
];

describe('Chromium: hostile messages to the background', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let page: Page;
  const swErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer((path) => (path === '/fuzz' ? { body: articlePage('Fuzz', ['Shell plc said so.']) } : null));
    const launched = await launchChromium({ proxyPort: server.port });
    ({ ctx, extId } = launched);
    sw = launched.sw!;
    sw.on('console', (m) => m.type() === 'error' && swErrors.push(m.text()));
    page = await ctx.newPage();
    await page.goto(server.allow('/fuzz'));
    await page.waitForFunction(() => (CSS.highlights.get('company-context')?.size ?? 0) >= 1);
  });

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });

  /** Sends each payload from the content script's world and returns the replies. */
  const fromContentScript = async (payloads: unknown[]): Promise<unknown[]> =>
    (await evalInContentWorld(ctx, page, `Promise.all(${JSON.stringify(payloads)}.map((p) => chrome.runtime.sendMessage(p).then((r) => r === undefined ? 'undefined' : r, (e) => 'error: ' + e.message)))`)) as unknown[];

  it('answers nothing and stores nothing for hostile payloads from a content script', async () => {
    const before = await sw.evaluate(() => chrome.storage.local.get(null));
    const replies = await fromContentScript(HOSTILE);
    // The listener returns nothing for what it cannot parse: no reply, or a closed port.
    for (const [i, r] of replies.entries()) expect(r === "undefined" || r === null || String(r).startsWith("error:"), `${JSON.stringify(HOSTILE[i])} -> ${JSON.stringify(r)}`).toBe(true);
    expect(await sw.evaluate(() => chrome.storage.local.get(null))).toEqual(before);
    // Control: a well-formed request is answered.
    const [card] = (await fromContentScript([{ type: 'card', entity: 'shell' }])) as Array<{ id: string }>;
    expect(card!.id).toBe('shell');
  });

  it('answers nothing and stores nothing for hostile payloads from an extension page', async () => {
    const popup = await ctx.newPage();
    await popup.goto(`chrome-extension://${extId}/src/popup/index.html`);
    const before = await sw.evaluate(() => chrome.storage.local.get(null));
    const replies = await popup.evaluate(
      (ps) => Promise.all(ps.map((p) => chrome.runtime.sendMessage(p).then((r: unknown) => (r === undefined ? 'undefined' : r), (e: Error) => `error: ${e.message}`))),
      HOSTILE,
    );
    for (const r of replies as unknown[]) expect(r === 'undefined' || r === null || String(r).startsWith('error:')).toBe(true);
    expect(await sw.evaluate(() => chrome.storage.local.get(null))).toEqual(before);
    expect(await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'entity', entity: 'shell' }).then((c: { id: string }) => c.id))).toBe('shell');
    await popup.close();
  });

  it('logged no error in the service worker', () => {
    expect(swErrors).toEqual([]);
  });
});
