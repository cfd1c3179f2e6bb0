// The one way our contexts send a request: typed by its direction's map (src/core/messages.ts),
// with the reply typed as the receiver promises it. Core has no extension API, so each context
// passes the channel it sends on (runtime.sendMessage to the background, tabs.sendMessage to
// one frame); a unit test passes a fake.
import type { MessageMap, RequestOf } from './messages.ts';

/** How a context delivers one direction's requests. */
export interface Channel<M extends MessageMap<M>> {
  send(msg: RequestOf<M>): Promise<unknown>;
}

/**
 * Sends `msg` on `channel` and returns the reply. The reply is not checked: a receiver that must
 * not trust it (the content script, beside a page it does not control) still parses it
 * (parseHelloReply, parseContentSettings, parseCardReply).
 */
export function request<M extends MessageMap<M>, K extends keyof M>(channel: Channel<M>, msg: RequestOf<M> & { type: K }): Promise<M[K]['reply']> {
  return channel.send(msg) as Promise<M[K]['reply']>;
}
