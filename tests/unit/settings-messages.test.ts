// The new message types of the reader's settings and search, through their parsers.
import { describe, expect, it } from 'vitest';
import { parseContentSettings, parseContentToBackground, parsePageToBackground, parseToContent } from '../../src/core/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';

const cs = { markStyle: 'background', hoverDelay: 700, hidden: ['dahua', 'hikvision'] };

describe('settings and search messages', () => {
  it('accepts well-formed ones', () => {
    expect(parseContentToBackground({ type: 'settings' })).toEqual({ type: 'settings' });
    expect(parseToContent({ type: 'settings', settings: cs })).toEqual({ type: 'settings', settings: cs });
    expect(parsePageToBackground({ type: 'getSettings' })).toEqual({ type: 'getSettings' });
    expect(parsePageToBackground({ type: 'exportSettings' })).toEqual({ type: 'exportSettings' });
    expect(parsePageToBackground({ type: 'saveSettings', settings: DEFAULT_SETTINGS })).toEqual({ type: 'saveSettings', settings: DEFAULT_SETTINGS });
    expect(parsePageToBackground({ type: 'unpauseSite', site: 'example.com' })).toEqual({ type: 'unpauseSite', site: 'example.com' });
    expect(parsePageToBackground({ type: 'importSettings', text: '{}' })).toEqual({ type: 'importSettings', text: '{}' });
    expect(parsePageToBackground({ type: 'search', query: '海康' })).toEqual({ type: 'search', query: '海康' });
  });
  it.each([
    { type: 'settings', extra: 1 },
    { type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, markStyle: 'blink' } },
    { type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, extra: true } },
    { type: 'saveSettings', settings: [] },
    { type: 'unpauseSite', site: 'http://example.com/' },
    { type: 'importSettings', text: 'x'.repeat(1_000_001) },
    { type: 'importSettings', text: 5 },
    { type: 'search', query: '' },
    { type: 'search', query: 'a\u0000b' },
    { type: 'search', query: 'x'.repeat(201) },
    { type: 'getSettings', tabId: 1 },
  ])('refuses %j', (m) => {
    expect(parsePageToBackground(m)).toBeNull();
    expect(parseContentToBackground(m)).toBeNull();
  });
  it.each([
    { ...cs, markStyle: 'blink' },
    { ...cs, hoverDelay: 10 },
    { ...cs, hoverDelay: '700' },
    { ...cs, hidden: ['Not An Id'] },
    { ...cs, hidden: 'dahua' },
    { ...cs, extra: 1 },
    { markStyle: 'none', hoverDelay: 500 },
    null,
  ])('refuses content settings %j', (x) => {
    expect(parseContentSettings(x)).toBeNull();
    expect(parseToContent({ type: 'settings', settings: x })).toBeNull();
  });
});
