// The matcher's first test of a word: a bit array of the hashes of every name's first word. An
// ASCII word whose bit is clear opens no name and is passed over without folding it or looking it
// up; most words of a page are. A collision lets a word through to the lookup, never stops one.

/** One bit per 2^20 hash values (128 KiB): few collisions even with the full lists' names. */
const BITS = 1 << 20;

function asciiLower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * FNV-1a over the characters of s[start, end), ASCII letters lower-cased: the same value for a
 * folded key and for an ASCII word as written.
 */
function wordHash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ asciiLower(s.charCodeAt(k)), 0x01000193);
  return (h >>> 0) & (BITS - 1);
}

export class Openers {
  private readonly bits = new Uint32Array(BITS >>> 5);

  /** From the folded keys of names' first words (the trie root's keys). */
  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      const h = wordHash(key, 0, key.length);
      this.bits[h >>> 5]! |= 1 << (h & 31);
    }
  }

  /** False when the ASCII word text[start, end) opens no name. */
  mayOpen(text: string, start: number, end: number): boolean {
    const h = wordHash(text, start, end);
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0;
  }
}
