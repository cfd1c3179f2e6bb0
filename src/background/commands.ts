// Browser commands (keyboard shortcuts the reader can rebind in the browser) → a message to the
// active tab's top frame. Commands come from the browser only, never from a page. Apart from
// index.ts so a unit test can drive it with a fake `tabs`.
import type { Tabs } from 'webextension-polyfill';
import { commandMessage } from '../core/messages.ts';

export type CommandTabs = Pick<Tabs.Static, 'query' | 'sendMessage'>;

export async function onCommand(command: string, tab: Tabs.Tab | undefined, tabs: CommandTabs): Promise<void> {
  const msg = commandMessage(command);
  if (!msg) return;
  // Chromium and Firefox pass the active tab; older versions may not.
  const tabId = tab?.id ?? (await tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // The top frame shows the list (it is the page the reader sees); a tab without our script just has no receiver.
  await tabs.sendMessage(tabId, msg, { frameId: 0 }).catch(() => undefined);
}
