// Every message type, sent malformed and hostile (wrong types, 1 MB strings, __proto__ and
// constructor own keys, extra and missing keys) from every side: a content script's world and an
// extension page to the background, the background to the content script, and a second installed
// extension to ours. Nothing is answered, stored, polluted or logged; well-formed messages, sent
// after, are the control that our contexts still work, and a second copy of the other extension
// the control that its messaging works at all.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentToBackground, parsePageToBackground, parseToContent } from '../../src/core/messages.ts';
import { evalInContentWorld } from './support/card.ts';
import { articlePage } from './support/pages.ts';
import { withExtension } from './support/with-extension.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in extension contexts

/** Stands for a 1 MB string, made in the browser (1 MB payloads would not fit a DevTools call). */
const HUGE = { $huge: 1 << 20 };
/** Turns the JSON text back into payloads in the browser: own "__proto__" keys stay own keys. */
const REVIVE = `(k, v) => (v && typeof v === 'object' && typeof v.$huge === 'number' && Object.keys(v).length === 1 ? 'a'.repeat(v.$huge) : v)`;

/** An own key, even "__proto__" (a literal would set the prototype instead). */
function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...o };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const WRONG: unknown[] = [null, 0, -1, 1.5, 1e308, true, '', ' ', '1', [], {}, ['shell'], { toString: 'shell' }, HUGE, 'Shell\u202Eplc', '__proto__', 'x'.repeat(81), '<img src=x onerror=alert(1)>'];
const POLLUTE: Array<[string, unknown]> = [
  ['__proto__', { polluted: 1 }], ['constructor', { prototype: { polluted: 1 } }], ['prototype', { polluted: 1 }], ['polluted', 1], ['extra', HUGE],
];

const ID = (v: unknown) => typeof v === 'string' && v.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v);
const ALIAS = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]/.test(v);
/**
 * Which values each field takes, restated apart from src/core/messages.ts: a WRONG value that
 * happens to fit the field (" " is an alias, "1" a site) makes no hostile variant.
 */
const FITS: Record<string, (v: unknown) => boolean> = {
  type: () => false, entity: ID, alias: ALIAS, paused: (v) => typeof v === 'boolean',
  tabId: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  site: (v) => typeof v === 'string' && v.length <= 253 && /^[a-z0-9.-]+$/.test(v),
  entities: (v) => Array.isArray(v) && v.every(ID),
  rejected: (v) => Array.isArray(v) && v.length === 0,
};

/** Every way to break one well-formed message: each field wrong, each field missing, each pollution key added. */
function breakAll(m: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const key of Object.keys(m)) {
    for (const v of WRONG) if (!FITS[key]!(v)) out.push({ ...m, [key]: v });
    const rest = { ...m };
    delete rest[key];
    out.push(rest);
  }
  for (const [k, v] of POLLUTE) out.push(withKey(m, k, v));
  out.push([m], JSON.stringify(m), { message: m }, withKey({}, '__proto__', m));
  return out;
}

/** The payload list as JSON text, for JSON.parse with REVIVE in the browser. */
const text = (ps: unknown[]) => JSON.stringify(ps);
/** The payloads, as the browser will see them, that `parse` accepts (there should be none). */
function accepted(ps: unknown[], parse: (x: unknown) => unknown): string[] {
  const revived = JSON.parse(text(ps), (_k, v: unknown) => (v && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as { $huge?: unknown }).$huge === 'number' ? 'a'.repeat(1 << 20) : v)) as unknown[];
  return ps.filter((_, i) => parse(revived[i]) !== null).map((p) => text([p]).slice(0, 200));
}

/** An expression that sends each payload with `send` (which sees it as `p`) and lists the replies. */
const sendAll = (send: string, payloads: unknown[]) =>
  `Promise.all(JSON.parse(${JSON.stringify(text(payloads))}, ${REVIVE}).map((p) => ${send}.then((r) => r === undefined ? 'undefined' : r, (e) => 'error: ' + e.message)))`;

const ALSO: unknown[] = [null, 0, 'hello', [], {}, { type: 'HELLO' }, { type: 'constructor' }, { type: '__proto__' }, { type: 'toString' }, { type: HUGE }, JSON.parse('{"type":"card","__proto__":{"polluted":1}}')];

describe('Chromium: hostile messages to the background and the content script', () => {
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let page: Page;
  let tabId: number;
  const swErrors: string[] = [];
  const pageErrors: string[] = [];
  let contentPayloads: unknown[];
  let pagePayloads: unknown[];
  let toContentPayloads: unknown[];

  const storage = () => sw.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: Object.keys(await chrome.storage.session.get(null)).sort() }));
  const marks = () => page.evaluate(() => CSS.highlights.get('company-context')?.size ?? 0);

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/fuzz' ? { body: articlePage('Fuzz', ['Shell plc said so.', 'Royal Dutch Shell too.']) } : null),
    launched: ({ sw }) => void sw.on('console', (m) => m.type() === 'error' && swErrors.push(m.text())),
    beforeGoto: (page) => void page.on('pageerror', (e) => pageErrors.push(e.message)),
    open: { path: '/fuzz', marks: 2 },
  }, async (s) => {
    ({ ctx, extId, sw, page } = s);
    tabId = await sw.evaluate(async () => Number(Object.keys(await chrome.storage.session.get(null)).find((k) => k.startsWith('tab:'))!.slice(4)));
    const content = [{ type: 'hello' }, { type: 'mentions', entities: ['shell'] }, { type: 'card', entity: 'shell' }, { type: 'openEntity', entity: 'shell' }, { type: 'reject', entity: 'shell', alias: 'Shell plc' }];
    const pages = [{ type: 'tabState', tabId }, { type: 'setPaused', tabId, paused: true }, { type: 'entity', entity: 'shell' }, { type: 'rejections' }, { type: 'unreject', site: '127.0.0.1', entity: 'shell', alias: 'Shell plc' }];
    const toContent = [{ type: 'paused', paused: true }, { type: 'reveal', entity: 'shell' }, { type: 'rejected', rejected: [{ entity: 'shell', alias: 'Shell plc' }, { entity: 'shell', alias: 'Royal Dutch Shell' }] }];
    // Each side also gets the other sides' well-formed messages: a content script may not send page messages, and so on.
    contentPayloads = [...ALSO, ...content.flatMap(breakAll), ...pages, ...toContent];
    pagePayloads = [...ALSO, ...pages.flatMap(breakAll), ...content, ...toContent];
    toContentPayloads = [...ALSO, ...toContent.flatMap(breakAll), { type: 'rejected', rejected: [withKey({ entity: 'shell', alias: 'Shell plc' }, '__proto__', {})] }, ...content, ...pages];
  });

  /** Sends each payload from the content script's world and returns the replies. */
  const fromContentScript = async (payloads: unknown[]): Promise<unknown[]> =>
    (await evalInContentWorld(ctx, page, sendAll('chrome.runtime.sendMessage(p)', payloads))) as unknown[];

  /** The listener returns nothing for what it cannot parse: no reply, or a closed port. */
  const unanswered = (replies: unknown[], payloads: unknown[]) => {
    expect(replies).toHaveLength(payloads.length);
    for (const [i, r] of replies.entries()) expect(r === 'undefined' || String(r).startsWith('error:'), `${text([payloads[i]]).slice(0, 200)} -> ${JSON.stringify(r)?.slice(0, 200)}`).toBe(true);
  };

  it('sends only payloads the parsers refuse (in Node, before any browser sees them)', () => {
    expect(accepted(contentPayloads, parseContentToBackground)).toEqual([]);
    expect(accepted(pagePayloads, parsePageToBackground)).toEqual([]);
    expect(accepted(toContentPayloads, parseToContent)).toEqual([]);
  });

  it('answers nothing and stores nothing for hostile payloads from a content script', async () => {
    const before = await storage();
    const tabs = ctx.pages().length;
    console.log(`payloads: ${contentPayloads.length} from a content script, ${pagePayloads.length} from a page, ${toContentPayloads.length} to the content script`);
    unanswered(await fromContentScript(contentPayloads), contentPayloads);
    expect(await storage()).toEqual(before);
    expect(ctx.pages()).toHaveLength(tabs); // no entity page opened
    // Control: a well-formed request is answered.
    const [card] = (await fromContentScript([{ type: 'card', entity: 'shell' }])) as Array<{ id: string }>;
    expect(card!.id).toBe('shell');
  });

  it('answers nothing and stores nothing for hostile payloads from an extension page', async () => {
    const popup = await ctx.newPage();
    await popup.goto(`chrome-extension://${extId}/src/popup/index.html`);
    const before = await storage();
    unanswered((await popup.evaluate(sendAll('chrome.runtime.sendMessage(p)', pagePayloads))) as unknown[], pagePayloads);
    expect(await storage()).toEqual(before);
    expect(await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'entity', entity: 'shell' }).then((c: { id: string }) => c.id))).toBe('shell');
    await popup.close();
  });

  it('lets hostile payloads to the content script change nothing; a well-formed one still works', async () => {
    const before = await marks();
    expect(before).toBeGreaterThanOrEqual(2);
    unanswered((await sw.evaluate(sendAll(`chrome.tabs.sendMessage(${tabId}, p)`, toContentPayloads))) as unknown[], toContentPayloads);
    await page.waitForTimeout(300);
    // A hostile "paused" or "rejected" taken as real would have cleared these marks.
    expect(await marks()).toBe(before);
    const proto = '[typeof ({}).polluted, Object.getOwnPropertyNames(Object.prototype).length]';
    // The content world's Object.prototype: no "polluted", no more own names than a clean one (the worker's).
    expect(await evalInContentWorld(ctx, page, proto)).toEqual(['undefined', ((await sw.evaluate(proto)) as [string, number])[1]]);
    // Control: the well-formed message does pause and resume.
    await sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'paused', paused: true }), tabId);
    await page.waitForFunction(() => (CSS.highlights.get('company-context')?.size ?? 0) === 0);
    await sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'paused', paused: false }), tabId);
    await page.waitForFunction((n) => (CSS.highlights.get('company-context')?.size ?? 0) === n, before);
  });

  it('left Object.prototype clean in the service worker and logged no error', async () => {
    expect(await sw.evaluate(() => [({} as { polluted?: unknown }).polluted, 'polluted' in Object.prototype, Object.prototype.toString.call({})])).toEqual([undefined, false, '[object Object]']);
    expect(swErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** A tiny MV3 extension that sends what it is told to any extension and answers other extensions. */
const OTHER_SW = `
chrome.runtime.onMessageExternal.addListener((msg, sender, reply) => { reply({ echo: msg, from: sender.id }); });
chrome.runtime.onConnectExternal.addListener((port) => port.onMessage.addListener((m) => port.postMessage({ echo: m })));
const revive = ${REVIVE};
globalThis.probe = async (target, text) => {
  const out = [];
  for (const p of JSON.parse(text, revive)) {
    const sent = await chrome.runtime.sendMessage(target, p).then((r) => ({ reply: r === undefined ? 'undefined' : r }), (e) => ({ error: e.message }));
    const connected = await new Promise((resolve) => {
      const port = chrome.runtime.connect(target);
      const timer = setTimeout(() => { port.disconnect(); resolve({ silent: true }); }, 500);
      port.onMessage.addListener((m) => { clearTimeout(timer); port.disconnect(); resolve({ reply: m }); });
      port.onDisconnect.addListener(() => { clearTimeout(timer); resolve({ disconnected: chrome.runtime.lastError?.message ?? '' }); });
      try { port.postMessage(p); } catch (e) { clearTimeout(timer); resolve({ error: e.message }); }
    });
    out.push({ sent, connected });
  }
  return out;
};
`;

describe('Chromium: a second extension messaging ours', () => {
  let ctx: BrowserContext;
  let sw: Worker;
  let extId: string;
  let page: Page;
  let other: Worker;
  let control: Worker;
  const dir = mkdtempSync(join(tmpdir(), 'cc-other-ext-'));
  const swErrors: string[] = [];

  beforeAll(() => {
    // Two copies at two paths: two extensions with two ids. One attacks; the other, which does
    // listen to other extensions, shows that the attacker's messages get through at all.
    for (const name of ['attacker', 'listener']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: `Other ${name}`, version: '1.0', background: { service_worker: 'sw.js' } }));
      writeFileSync(join(dir, name, 'sw.js'), OTHER_SW);
    }
  });

  // Registered before the browser's hooks: after-hooks run in reverse, so the browser closes first.
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/fuzz' ? { body: articlePage('Fuzz', ['Shell plc said so.']) } : null),
    launch: { extraExtensions: [join(dir, 'attacker'), join(dir, 'listener')] },
    launched: async (s) => {
      ({ ctx, sw } = s);
      sw.on('console', (m) => m.type() === 'error' && swErrors.push(m.text()));
      const others = async (): Promise<Worker[]> => {
        for (let i = 0; i < 100; i++) {
          const found = ctx.serviceWorkers().filter((w) => new URL(w.url()).pathname === '/sw.js');
          if (found.length === 2) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('the two other extensions did not start');
      };
      const workers = await others();
      const names = await Promise.all(workers.map((w) => w.evaluate(() => chrome.runtime.getManifest().name as string)));
      other = workers[names.indexOf('Other attacker')]!;
      control = workers[names.indexOf('Other listener')]!;
    },
    open: { path: '/fuzz', marks: 1 },
  }, (s) => ({ extId, page } = s));

  // Well-formed messages of every type first: from another extension even those must fail.
  const PAYLOADS: unknown[] = [
    { type: 'hello' }, { type: 'mentions', entities: ['shell'] }, { type: 'card', entity: 'shell' }, { type: 'openEntity', entity: 'shell' },
    { type: 'reject', entity: 'shell', alias: 'Shell plc' }, { type: 'tabState', tabId: 1 }, { type: 'setPaused', tabId: 1, paused: true },
    { type: 'entity', entity: 'shell' }, { type: 'rejections' }, { type: 'unreject', site: '127.0.0.1', entity: 'shell', alias: 'Shell plc' },
    { type: 'paused', paused: true }, { type: 'reveal', entity: 'shell' },
    ...ALSO, withKey({ type: 'card', entity: 'shell' }, '__proto__', { polluted: 1 }), withKey({ type: 'hello' }, 'constructor', { prototype: { polluted: 1 } }),
    { type: 'card', entity: HUGE }, { type: 'mentions', entities: Array(3000).fill('shell') },
  ];
  type Result = { sent: { reply?: unknown; error?: string }; connected: { reply?: unknown; disconnected?: string; silent?: boolean; error?: string } };

  it('can message an extension that listens (the control)', async () => {
    const controlId = new URL(control.url()).host;
    const got = (await other.evaluate(([id, t]) => (globalThis as unknown as { probe: (a: string, b: string) => Promise<unknown> }).probe(id, t), [controlId, text(PAYLOADS.slice(0, 3))] as const)) as Result[];
    expect(got.map((r) => (r.sent.reply as { echo: { type: string } }).echo.type)).toEqual(['hello', 'mentions', 'card']);
    expect(got.map((r) => (r.connected.reply as { echo: { type: string } }).echo.type)).toEqual(['hello', 'mentions', 'card']);
  });

  it('gets no answer and no port from ours, for any payload; ours stores nothing and keeps answering', async () => {
    const before = await sw.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }));
    const tabs = ctx.pages().length;
    const got = (await other.evaluate(([id, t]) => (globalThis as unknown as { probe: (a: string, b: string) => Promise<unknown> }).probe(id, t), [extId, text(PAYLOADS)] as const)) as Result[];
    expect(got).toHaveLength(PAYLOADS.length);
    for (const [i, r] of got.entries()) {
      const label = `${text([PAYLOADS[i]]).slice(0, 120)} -> ${JSON.stringify(r).slice(0, 200)}`;
      expect(r.sent.reply, label).toBeUndefined();
      expect(r.sent.error, label).toMatch(/Could not establish connection|Receiving end does not exist/);
      expect(r.connected.reply, label).toBeUndefined();
      expect(r.connected.disconnected ?? r.connected.error, label).toMatch(/Could not establish connection|Receiving end does not exist/);
    }
    expect(await sw.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }))).toEqual(before);
    expect(ctx.pages()).toHaveLength(tabs);
    expect(await sw.evaluate(() => ({} as { polluted?: unknown }).polluted)).toBeUndefined();
    // Ours still answers its own content script.
    const card = (await evalInContentWorld(ctx, page, `chrome.runtime.sendMessage({ type: 'card', entity: 'shell' })`)) as { id: string };
    expect(card.id).toBe('shell');
    expect(swErrors).toEqual([]);
  });
});
