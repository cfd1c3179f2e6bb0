import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/core/ids.ts';
import { MAX_MENTIONED, parseContentToBackground, parsePageToBackground, parseToContent } from '../../src/core/messages.ts';

const hostile: unknown[] = [
  null, undefined, 42, 'hello', [], [{ type: 'hello' }], { type: 'HELLO' }, { type: 'hello', extra: 1 },
  { type: 'card' }, { type: 'card', entity: 'Hikvision' }, { type: 'card', entity: '../x' }, { type: 'card', entity: 'a'.repeat(81) },
  { type: 'card', entity: { toString: () => 'hikvision' } }, { type: 'mentions', entities: 'hikvision' },
  { type: 'mentions', entities: ['ok', 1] }, { type: 'mentions', entities: Array(MAX_MENTIONED + 1).fill('a') },
  { type: 'tabState', tabId: -1 }, { type: 'tabState', tabId: 1.5 }, { type: 'tabState', tabId: '1' },
  { type: 'setPaused', tabId: 1, paused: 'yes' }, { type: 'reveal', entity: '<img src=x>' }, { type: 'paused' },
  Object.create({ type: 'hello' }), { __proto__: { type: 'hello' } }, { type: 'constructor' },
];

describe('message parsers', () => {
  it('accept well-formed messages', () => {
    expect(parseContentToBackground({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseContentToBackground({ type: 'mentions', entities: ['a', 'a', 'b-c'] })).toEqual({ type: 'mentions', entities: ['a', 'b-c'] });
    expect(parseContentToBackground({ type: 'card', entity: 'hikvision' })).toEqual({ type: 'card', entity: 'hikvision' });
    expect(parsePageToBackground({ type: 'setPaused', tabId: 3, paused: true })).toEqual({ type: 'setPaused', tabId: 3, paused: true });
    expect(parseToContent({ type: 'reveal', entity: 'huawei' })).toEqual({ type: 'reveal', entity: 'huawei' });
  });
  it('reject malformed and hostile payloads in every direction', () => {
    for (const x of hostile) {
      expect(parseContentToBackground(x), JSON.stringify(x)).toBeNull();
      expect(parsePageToBackground(x), JSON.stringify(x)).toBeNull();
      expect(parseToContent(x), JSON.stringify(x)).toBeNull();
    }
  });
  it('does not let a content script send page-only messages, or the reverse', () => {
    expect(parseContentToBackground({ type: 'setPaused', tabId: 1, paused: true })).toBeNull();
    expect(parsePageToBackground({ type: 'hello' })).toBeNull();
  });
  it('keys sites by host without www., only for http(s)', () => {
    expect(siteOf('https://www.example.com/a?b')).toBe('example.com');
    expect(siteOf('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(siteOf('file:///etc/passwd')).toBeNull();
    expect(siteOf('not a url')).toBeNull();
  });
});
