// Reaching our card in Chromium: the content script's isolated world, through the DevTools
// protocol, can open the closed shadow root; the page's world cannot.
import type { BrowserContext, Page } from 'playwright-core';
import { textPoint } from './probe.ts';

/** Evaluates `body` (which sees the card's closed root as `root`) in the content script's world. */
export function evalInCard(ctx: BrowserContext, target: Page, body: string): Promise<unknown> {
  return evalInContentWorld(ctx, target, `(() => { for (const e of document.documentElement.children) { const root = chrome.dom.openOrClosedShadowRoot(e); if (root) { ${body} } } return null; })()`);
}

/**
 * Evaluates an expression in the content script's isolated world, whose built-ins the page cannot
 * patch: the only sound place to look from on a page that tampers with its own.
 */
export async function evalInContentWorld(ctx: BrowserContext, target: Page, expression: string): Promise<unknown> {
  const cdp = await ctx.newCDPSession(target);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Company Context');
  if (!world) throw new Error(`content script world not found among ${contexts.map((c) => c.name).join(', ')}`);
  const { result } = await cdp.send('Runtime.evaluate', { contextId: world.id, returnByValue: true, awaitPromise: true, expression });
  await cdp.detach();
  return result.value;
}

/** A trusted hover on the nth occurrence of `text`, waiting for the card to open. */
export async function hover(target: Page, text: string, nth: number): Promise<void> {
  const p = await target.evaluate(textPoint, [text, nth] as [string, number]);
  if (!p) throw new Error(`"${text}" #${nth} is not on the page`);
  await target.mouse.move(p.x - 30, p.y - 40);
  await target.mouse.move(p.x, p.y, { steps: 4 });
  await target.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')), null, { timeout: 5000 });
}
