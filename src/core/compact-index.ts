// The name index as a trie built once, at build time, and shipped in typed arrays, so that a page
// does not build one: the content script decodes one base64 string and walks the arrays. Lookups
// go through a hash table keyed by (parent node, token); a node's entries become NameEntry tuples
// only when a page reaches that node. Same trie as Matcher's own constructor builds, node for
// node (tests/unit/compact-index.test.ts compares every match).
import type { NameEntry, NameIndex, TrieNode } from './matcher.ts';
import { tokenize } from './normalize.ts';

/** What the bundle carries. */
export interface CompactIndex {
  /** Entity ids, "\n"-joined, except a trailing run `<prefix>0 … <prefix>n-1` given as `generated`. */
  entities: string;
  generated?: { prefix: string; count: number };
  /** Token dictionary, concatenated; offsets in `data`. */
  tokens: string;
  /** Each entry's alias as written, concatenated; offsets in `data`. */
  texts: string;
  /** Little-endian Uint32 sections, base64: see SECTIONS. */
  data: string;
}

const PUNCTUATED = 0x80000000;
const FLAG_BITS = 4;

/** FNV-1a over UTF-16 code units, mixed with the parent node: the same in Node and the page. */
function slot(key: string, parent: number, size: number): number {
  let h = 0x811c9dc5 ^ Math.imul(parent + 1, 0x9e3779b1);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h ^ (h >>> 15)) >>> 0) % size;
}

interface BuildNode {
  next: Map<string, BuildNode>;
  ends: NameEntry[];
  punctuated: boolean;
}

/** Builds the trie exactly as Matcher's constructor does, then lays it out flat. */
export function buildCompactIndex(index: NameIndex, generatedPrefix?: string): CompactIndex {
  const root: BuildNode = { next: new Map(), ends: [], punctuated: false };
  for (const entry of index.names) {
    let node = root;
    const written = tokenize(entry[3]);
    entry[0].split(' ').forEach((key, k) => {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), ends: [], punctuated: false };
        node.next.set(key, child);
      }
      if (k > 0 && /[.,()/]/.test(entry[3].slice(written[k - 1]?.end, written[k]?.start))) child.punctuated = true;
      node = child;
    });
    node.ends.push(entry);
  }
  // Breadth-first numbering; node 0 is the root.
  const nodes: Array<{ n: BuildNode; parent: number; key: string }> = [{ n: root, parent: 0, key: '' }] // the root's parent is never read;
  for (let i = 0; i < nodes.length; i++) for (const [key, n] of nodes[i]!.n.next) nodes.push({ n, parent: i, key });
  const tokenIds = new Map<string, number>();
  const tokenOffsets = [0];
  let tokens = '';
  const tokenOf = (key: string) => {
    let id = tokenIds.get(key);
    if (id === undefined) {
      id = tokenIds.size;
      tokenIds.set(key, id);
      tokens += key;
      tokenOffsets.push(tokens.length);
    }
    return id;
  };
  const N = nodes.length;
  const parent = new Uint32Array(N);
  const token = new Uint32Array(N);
  const endStart = new Uint32Array(N + 1);
  const meta: number[] = [];
  const textOffsets = [0];
  let texts = '';
  nodes.forEach(({ n, parent: p, key }, i) => {
    parent[i] = p;
    token[i] = (i === 0 ? 0 : tokenOf(key)) | (n.punctuated ? PUNCTUATED : 0);
    endStart[i] = meta.length;
    for (const e of n.ends) {
      if (e[2] >= 1 << FLAG_BITS) throw new Error(`name flags ${e[2]} do not fit in ${FLAG_BITS} bits`);
      meta.push(e[1] * (1 << FLAG_BITS) + e[2]);
      texts += e[3];
      textOffsets.push(texts.length);
    }
  });
  endStart[N] = meta.length;
  // Load factor 0.75: short probe runs, and a table not much bigger than the nodes.
  const size = Math.ceil(N / 0.75) + 1;
  const table = new Uint32Array(size);
  for (let i = 1; i < N; i++) {
    let s = slot(nodes[i]!.key, parent[i]!, size);
    while (table[s] !== 0) s = (s + 1) % size;
    table[s] = i;
  }
  const sections = [parent, token, endStart, Uint32Array.from(tokenOffsets), Uint32Array.from(meta), Uint32Array.from(textOffsets), table];
  // A section whose values all fit in 16 bits is stored in 16 (the curated build: every section).
  // The punctuated bit moves to bit 15 of a 16-bit token section.
  const wide = sections.map((a, k) => a.some((v) => (k === 1 ? (v & ~PUNCTUATED) >= 0x7fff : v > 0xfffe)));
  const header = Uint32Array.of(N, tokenIds.size, meta.length, size, wide.reduce((m, w, k) => m | (Number(w) << k), 0));
  const pad = (n: number) => (n + 3) & ~3;
  const total = header.byteLength + sections.reduce((sum, a, k) => sum + pad(a.length * (wide[k] ? 4 : 2)), 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const v of header) {
    view.setUint32(at, v, true);
    at += 4;
  }
  sections.forEach((a, k) => {
    const start = at;
    for (let v of a) {
      if (k === 1 && !wide[k] && v & PUNCTUATED) v = (v & ~PUNCTUATED) | 0x8000;
      if (wide[k]) view.setUint32(at, v, true);
      else view.setUint16(at, v, true);
      at += wide[k] ? 4 : 2;
    }
    at = start + pad(a.length * (wide[k] ? 4 : 2));
  });
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  let ids = index.entities;
  let count = 0;
  if (generatedPrefix) {
    const first = ids.indexOf(`${generatedPrefix}0`);
    if (first >= 0 && ids.slice(first).every((id, i) => id === `${generatedPrefix}${i}`)) [ids, count] = [ids.slice(0, first), ids.length - first];
  }
  const out: CompactIndex = { entities: ids.join('\n'), tokens, texts, data: btoa(bin) };
  if (count > 0) out.generated = { prefix: generatedPrefix!, count };
  return out;
}

function decodeBase64(s: string): Uint8Array {
  const from = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (from) return from(s);
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Reads a CompactIndex into what Matcher takes: entity ids and a root node read on demand. */
export function loadCompactIndex(c: CompactIndex): { entities: string[]; root: TrieNode } {
  const bytes = decodeBase64(c.data);
  // Typed arrays are little-endian on every platform a browser runs on.
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, 5);
  const [N, T, E, S, wideMask] = [head[0]!, head[1]!, head[2]!, head[3]!, head[4]!];
  let at = bytes.byteOffset + 20;
  let k = 0;
  const take = (n: number): Uint16Array | Uint32Array => {
    const wide = (wideMask >> k++) & 1;
    const a = wide ? new Uint32Array(bytes.buffer, at, n) : new Uint16Array(bytes.buffer, at, n);
    at += (n * (wide ? 4 : 2) + 3) & ~3;
    return a;
  };
  const parent = take(N), token = take(N), endStart = take(N + 1), tokenOffsets = take(T + 1);
  const meta = take(E), textOffsets = take(E + 1), table = take(S);
  const punct = token instanceof Uint32Array ? PUNCTUATED : 0x8000;
  const { tokens, texts } = c;
  const views: Array<CompactNode | undefined> = [];

  const sameToken = (t: number, key: string) => {
    const from = tokenOffsets[t]!;
    if (tokenOffsets[t + 1]! - from !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (tokens.charCodeAt(from + i) !== key.charCodeAt(i)) return false;
    return true;
  };
  const child = (p: number, key: string): number => {
    for (let s = slot(key, p, S); ; s = s + 1 === S ? 0 : s + 1) {
      const n = table[s]!;
      if (n === 0) return -1;
      if (parent[n] === p && sameToken(token[n]! & ~punct, key)) return n;
    }
  };
  const keyOf = (n: number): string => {
    const parts: string[] = [];
    for (; n !== 0; n = parent[n]!) {
      const t = token[n]! & ~punct;
      parts.push(tokens.slice(tokenOffsets[t], tokenOffsets[t + 1]));
    }
    return parts.reverse().join(' ');
  };
  const view = (n: number) => (views[n] ??= new CompactNode(n));

  /** `next` is a Map only in type: Matcher calls nothing on it but get() and, on the root, keys(). */
  class Edges extends Map<string, TrieNode> {
    constructor(private readonly node: number) {
      super();
    }
    override get(key: string): TrieNode | undefined {
      const n = child(this.node, key);
      return n < 0 ? undefined : view(n);
    }
    /** The keys out of this node, by a pass over every node: asked once, of the root (src/core/openers.ts). */
    override *keys(): MapIterator<string> {
      for (let n = 1; n < N; n++) {
        if (parent[n] === this.node) {
          const t = token[n]! & ~punct;
          yield tokens.slice(tokenOffsets[t], tokenOffsets[t + 1]);
        }
      }
    }
  }
  class CompactNode implements TrieNode {
    readonly next: Map<string, TrieNode>;
    readonly punctuated: boolean;
    private own: NameEntry[] | undefined;
    constructor(private readonly id: number) {
      this.next = new Edges(id);
      this.punctuated = (token[id]! & punct) !== 0;
    }
    get ends(): NameEntry[] {
      if (this.own) return this.own;
      const out: NameEntry[] = [];
      const from = endStart[this.id]!, to = endStart[this.id + 1]!;
      if (to > from) {
        const key = keyOf(this.id);
        for (let e = from; e < to; e++) {
          const m = meta[e]!;
          out.push([key, Math.floor(m / (1 << FLAG_BITS)), m % (1 << FLAG_BITS), texts.slice(textOffsets[e], textOffsets[e + 1])]);
        }
      }
      return (this.own = out);
    }
  }
  const entities = c.entities === '' ? [] : c.entities.split('\n');
  for (let i = 0; i < (c.generated?.count ?? 0); i++) entities.push(`${c.generated!.prefix}${i}`);
  return { entities, root: view(0) };
}

/** Bytes the index adds to the bundle, as shipped (base64 and strings). */
export function compactIndexBytes(c: CompactIndex): number {
  return new TextEncoder().encode(JSON.stringify(c)).length;
}
