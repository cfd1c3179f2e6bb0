// The first of our two content scripts, at document_start in every frame (src/content/early-bridge.ts):
// our input listeners and the frame's `hello`. Kept tiny, since it runs inside the page's parsing
// task: the extension API is called directly, without webextension-polyfill (Chrome 120+ and
// Firefox's `browser` both return a promise from runtime.sendMessage).
import type { ContentToBackground } from '../core/messages.ts';
import { earlyBridge } from './early-bridge.ts';

declare const browser: { runtime: { sendMessage(msg: unknown): Promise<unknown> } } | undefined;
declare const chrome: { runtime: { sendMessage(msg: unknown): Promise<unknown> } };

const bridge = earlyBridge();
const api = typeof browser === 'undefined' ? chrome : browser;
const hello: ContentToBackground = { type: 'hello' };
bridge.hello = api.runtime.sendMessage(hello);
// content.js awaits it; a failure (the extension reloaded under the page) must not reach the page.
bridge.hello.catch(() => undefined);
