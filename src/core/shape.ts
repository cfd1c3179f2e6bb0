// Checks on values that come from outside this context (messages, replies, stored data): what a
// parser reads is a plain object, or an array with no holes that pass as items.

/** A plain object (not null, not an array), else null. */
export function record(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Like `every`, but holes count as `undefined`: structured cloning (Firefox) keeps an array's holes. */
export function everyItem(list: unknown[], check: (x: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!check(list[i])) return false;
  return true;
}

/** The object's own keys are exactly `keys`. */
export function keysAre(o: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}
