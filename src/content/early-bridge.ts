// What our first content script, `early.js` (src/content/early.ts), does at document_start in
// every frame, before any page script, for the rest of the content script (`content.js`,
// injected at document_idle in its own task instead of being evaluated inside the page's parsing
// task) to take over:
//  - our window input listeners go on first: a page's own capture listener that stops
//    propagation then runs after ours instead of silencing us;
//  - the frame says `hello` to the background at once, so the tab's page (frame 0) is known
//    before any of its iframes, whose own content.js may reach document_idle first, reports.
// Both files run in the extension's one isolated world per frame (a content-script sandbox in
// Firefox), whose globals the page cannot see.

export const INPUT_TYPES = ['pointermove', 'pointerout', 'keydown', 'pointerdown', 'scroll'] as const;
export type InputType = (typeof INPUT_TYPES)[number];
export type InputHandlers = { [K in InputType]: (e: WindowEventMap[K]) => void };

export interface EarlyBridge {
  /** Null until content.js runs (and while it is stopped): the listeners then do nothing. */
  handlers: InputHandlers | null;
  /** The background's answer to the frame's `hello`, sent by early.js (null where it did not run). */
  hello: Promise<unknown> | null;
}

const KEY = '__companyContextEarly';

/**
 * The frame's bridge, with its listeners, made on first call (early.js at document_start; or
 * content.js itself, in a frame where early.js did not run).
 */
export function earlyBridge(): EarlyBridge {
  const world = globalThis as { [KEY]?: EarlyBridge };
  const existing = world[KEY];
  if (existing) return existing;
  const bridge: EarlyBridge = { handlers: null, hello: null };
  Object.defineProperty(world, KEY, { value: bridge });
  const opts = { capture: true, passive: true } as const;
  for (const type of INPUT_TYPES) {
    window.addEventListener(type, (e) => {
      const fn = bridge.handlers?.[type] as ((e: Event) => void) | undefined;
      fn?.(e);
    }, opts);
  }
  return bridge;
}
