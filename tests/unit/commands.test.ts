// The keyboard shortcut: the manifest's command, the message the background sends for it, and that
// message's parser on the content side.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tabs } from 'webextension-polyfill';
import { onCommand, type CommandTabs } from '../../src/background/commands.ts';
import { COMPANY_LIST_COMMAND, commandMessage, parseToContent } from '../../src/core/messages.ts';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { commands?: Record<string, { suggested_key?: { default?: string }; description?: string }> };

describe('keyboard shortcut', () => {
  it('is declared in the manifest with a suggested key and a localised description', () => {
    const cmd = manifest.commands?.[COMPANY_LIST_COMMAND];
    expect(cmd?.suggested_key?.default).toBe('Alt+Shift+K');
    expect(cmd?.description).toMatch(/^__MSG_\w+__$/);
  });
  it('maps our command, and only it, to the companyList message', () => {
    expect(commandMessage(COMPANY_LIST_COMMAND)).toEqual({ type: 'companyList' });
    for (const other of ['_execute_action', 'open-company-list ', 'OPEN-COMPANY-LIST', '', undefined, null, 1]) expect(commandMessage(other)).toBeNull();
  });
  it('the message the background sends is one the content script accepts, and nothing more', () => {
    const msg = commandMessage(COMPANY_LIST_COMMAND);
    expect(parseToContent(msg)).toEqual(msg);
    expect(parseToContent({ type: 'companyList', entity: 'huawei' })).toBeNull();
    expect(parseToContent({ type: 'companyList', open: true })).toBeNull();
  });
  it('the background sends it to the active tab\'s top frame, for our command only', async () => {
    const sent: unknown[][] = [];
    const tabs = {
      query: async () => [{ id: 9 }],
      sendMessage: async (...args: unknown[]) => void sent.push(args),
    } as unknown as CommandTabs;
    await onCommand(COMPANY_LIST_COMMAND, { id: 4 } as Tabs.Tab, tabs);
    await onCommand(COMPANY_LIST_COMMAND, undefined, tabs); // no tab given: the active one
    await onCommand('something-else', { id: 4 } as Tabs.Tab, tabs);
    expect(sent).toEqual([
      [4, { type: 'companyList' }, { frameId: 0 }],
      [9, { type: 'companyList' }, { frameId: 0 }],
    ]);
  });
  it('a tab without our content script (a browser page) is no error', async () => {
    const tabs = { query: async () => [], sendMessage: async () => Promise.reject(new Error('Receiving end does not exist')) } as unknown as CommandTabs;
    await expect(onCommand(COMPANY_LIST_COMMAND, { id: 4 } as Tabs.Tab, tabs)).resolves.toBeUndefined();
    await expect(onCommand(COMPANY_LIST_COMMAND, undefined, tabs)).resolves.toBeUndefined();
  });
});
