// Small parsers for what storage gives back. Storage holds only what this extension wrote, but an
// older version, a crash mid-write or a hand-edited profile can leave anything there: a value is
// checked on every read and what does not fit is dropped, never cast.
import type { Storage } from 'webextension-polyfill';

/** The part of a storage area the background uses (a plain object in unit tests). */
export type Area = Pick<Storage.StorageArea, 'get' | 'set' | 'remove'>;

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The strings of a list, in order; anything else (a non-list, a non-string item) is dropped. */
export function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}

/** One key's stored value (undefined when missing). */
export async function stored(area: Pick<Area, 'get'>, key: string): Promise<unknown> {
  return (await area.get(key))[key];
}
