// request(): one request on the channel a context passes, its reply as the receiver sent it, and
// types that hold each direction to its own requests and replies.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContentToBackgroundMap, PageToBackgroundMap, SettingsState, ToContentMap } from '../../src/core/messages.ts';
import { request, type Channel } from '../../src/core/request.ts';
import type { SearchHit } from '../../src/core/search.ts';

describe('request', () => {
  it('sends the request as it is and returns the reply', async () => {
    const sent: unknown[] = [];
    const background: Channel<PageToBackgroundMap> = { send: async (msg) => (sent.push(msg), msg.type === 'exportSettings' ? 'file' : null) };
    await expect(request(background, { type: 'exportSettings' })).resolves.toBe('file');
    await request(background, { type: 'search', query: 'hik' });
    expect(sent).toEqual([{ type: 'exportSettings' }, { type: 'search', query: 'hik' }]);
  });

  it('types each reply by its request, within one direction', () => {
    const page = {} as Channel<PageToBackgroundMap>;
    const content = {} as Channel<ContentToBackgroundMap>;
    const frame = {} as Channel<ToContentMap>;
    const typesOnly = () => {
      expectTypeOf(request(page, { type: 'search', query: 'x' })).resolves.toEqualTypeOf<SearchHit[]>();
      expectTypeOf(request(page, { type: 'getSettings' })).resolves.toEqualTypeOf<SettingsState>();
      expectTypeOf(request(content, { type: 'mentions', entities: ['a'] })).resolves.toEqualTypeOf<null>();
      expectTypeOf(request(frame, { type: 'reveal', entity: 'a' })).resolves.toEqualTypeOf<undefined>();
      // @ts-expect-error: a content script's request is not the popup's to send
      void request(page, { type: 'card', entity: 'a' });
      // @ts-expect-error: the query is missing
      void request(page, { type: 'search' });
      // @ts-expect-error: a field the request does not have
      void request(content, { type: 'hello', extra: 1 });
    };
    expect(typesOnly).toBeTypeOf('function'); // checked by tsc (npm run typecheck), never run
  });
});
