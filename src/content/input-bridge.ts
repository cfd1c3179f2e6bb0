// Our window input listeners, put on at document_start by the small `early.js` (src/content/early.ts),
// before any page script: a page's own capture listener that stops propagation then runs after
// ours instead of silencing us. The rest of the content script (content.js) is injected at
// document_idle, in its own task, instead of being evaluated inside the page's parsing task; it
// takes the listeners over through this bridge. Both files run in the extension's one isolated
// world per frame (a content-script sandbox in Firefox), whose globals the page cannot see.

export const INPUT_TYPES = ['pointermove', 'pointerout', 'keydown', 'pointerdown', 'scroll'] as const;
export type InputType = (typeof INPUT_TYPES)[number];
export type InputHandlers = { [K in InputType]: (e: WindowEventMap[K]) => void };

export interface InputBridge {
  /** Null until content.js runs (and while it is stopped): the listeners then do nothing. */
  handlers: InputHandlers | null;
}

const KEY = '__companyContextInput';

/**
 * The frame's bridge, with its listeners, made on first call (early.js at document_start; or
 * content.js itself, in a frame where early.js did not run).
 */
export function inputBridge(): InputBridge {
  const world = globalThis as { [KEY]?: InputBridge };
  const existing = world[KEY];
  if (existing) return existing;
  const bridge: InputBridge = { handlers: null };
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
