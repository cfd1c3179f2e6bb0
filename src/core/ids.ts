// What names an entity, an alias and a site wherever they cross a boundary (messages, stored
// lists, the settings file, the dataset): each check says what a well-formed one is.

const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isEntityId(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 80 && ENTITY_ID.test(x);
}

/** An alias as the dataset writes it: printable text of reasonable length. */
export function isAliasText(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 200 && !/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(x);
}

/** A site key as siteOf makes it: a host name, or a bracketed IPv6 address. */
export function isSite(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 253 && /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(x);
}

/** Site key for "pause on this site": the host name, without a leading "www.". */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
