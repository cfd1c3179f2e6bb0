// Content script, injected at document_idle in every frame (each frame marks its own text and
// shows its own card). Boot order:
//  0. take over the input listeners early.js put on at document_start (early-bridge.ts);
//  1. take the background's answer to early.js's `hello` (is this site paused?), and wait for the
//     document to be parsed;
//  2. scan the page's visible text in slices and mark mentions with CSS highlights (no DOM change);
//  3. watch for text added later (infinite scroll, client-side navigation) through one batched queue;
//  4. on trusted hover, show the card in our one closed-shadow host, created on first use.
// It reports the companies found to the background (for the badge and the popup) and answers
// the popup's "reveal" request. It never reads or changes inputs, editors or the page's scripts.
import browser from 'webextension-polyfill';
import { parseContentSettings, parseHelloReply, parseToContent, type ContentToBackgroundMap } from '../core/messages.ts';
import { request, type Channel } from '../core/request.ts';
import { earlyBridge } from './early-bridge.ts';
import { Page } from './page.ts';

/** Set for `npm run bench` builds only (scripts/build.ts): marks for scripts/bench.ts. */
declare const __CC_BENCH__: boolean;

const background: Channel<ContentToBackgroundMap> = { send: (msg) => browser.runtime.sendMessage(msg) };

type ToContent = NonNullable<ReturnType<typeof parseToContent>>;
type Handlers = { [K in ToContent['type']]: (msg: Extract<ToContent, { type: K }>) => void };

/** What each message from the background or the popup does to the page. */
function handlers(page: Page): Handlers {
  return {
    paused: (msg) => (msg.paused ? page.stop() : page.start()),
    rejected: (msg) => page.setRejected(msg.rejected),
    companyList: () => page.openList(),
    settings: (msg) => page.applySettings(msg.settings),
    reveal: (msg) => page.reveal(msg.entity),
  };
}

/** Resolves once the document is parsed and the page has had a moment to settle (like document_idle). */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 300 }) : setTimeout(resolve, 50));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', idle, { once: true });
    else idle();
  });
}

async function main(): Promise<void> {
  const page = new Page(background);
  page.listen();
  const on = handlers(page);
  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    // Only our own extension's pages and background may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = parseToContent(raw);
    if (msg) (on[msg.type] as (m: ToContent) => void)(msg);
    return undefined;
  });
  // A frame that goes away (removed, navigated) takes its companies off the tab's list.
  window.addEventListener('pagehide', () => page.sendMentions(true));
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) page.sendMentions();
  });
  const [reply, settingsReply] = await Promise.all([earlyBridge().hello ?? request(background, { type: 'hello' }), request(background, { type: 'settings' }).catch(() => null), settled()]);
  const readerSettings = parseContentSettings(settingsReply);
  if (readerSettings) page.applySettings(readerSettings);
  const hello = parseHelloReply(reply);
  if (hello) page.setRejected(hello.rejected);
  if (hello?.paused !== true) page.start();
}

if (__CC_BENCH__) performance.mark('cc-loaded');
if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
  main().catch(() => undefined); // a page or an extension reload must never see our errors
}
