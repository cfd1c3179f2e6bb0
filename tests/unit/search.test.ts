// Looking a company up by any name: folded like the matcher folds, prefix, any script.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { buildSearchIndex, search } from '../../src/core/search.ts';

const { dataset } = loadDataset('data');
const index = buildSearchIndex(dataset);
const first = (q: string) => search(index, q)[0]?.id;

describe('search', () => {
  it.each([
    ['hikvision', 'hikvision'],
    ['HIKVISION', 'hikvision'],
    ['hikv', 'hikvision'],
    ['海康威视', 'hikvision'],
    ['海康', 'hikvision'],
    ['ｈｉｋｖｉｓｉｏｎ', 'hikvision'], // full width
    ['Hangzhou Hikvision Digital Technology Ltd', 'hikvision'], // legal forms do not matter
    ['digital technology co', 'hikvision'], // a later word of a name
  ])('finds %s', (q, id) => {
    expect(search(index, q).map((h) => h.id)).toContain(id);
    expect(first(q)).toBe(id);
  });
  it('finds Cyrillic names in any case ending, and Latin ones without their accents', () => {
    const ru = dataset.entities.find((e) => e.aliases.some((a) => /^[\p{sc=Cyrillic}\s]{6,}$/u.test(a.text)))!;
    const alias = ru.aliases.find((a) => /^[\p{sc=Cyrillic}\s]{6,}$/u.test(a.text))!.text;
    expect(search(index, alias.toUpperCase()).map((h) => h.id)).toContain(ru.id);
    expect(search(index, alias.slice(0, 4)).map((h) => h.id)).toContain(ru.id);
    const accented = dataset.entities.find((e) => [e.name, ...e.aliases.map((a) => a.text)].some((n) => /[À-ž]/.test(n)));
    if (accented) {
      const n = [accented.name, ...accented.aliases.map((a) => a.text)].find((x) => /[À-ž]/.test(x))!;
      expect(search(index, n.normalize('NFD').replace(/\p{Mn}/gu, '')).map((h) => h.id)).toContain(accented.id);
    }
  });
  it('finds every entity by every one of its names', () => {
    for (const e of dataset.entities) {
      for (const n of [e.name, ...e.aliases.map((a) => a.text)]) {
        expect(search(index, n, 1000).map((h) => h.id), `${e.id} by ${n}`).toContain(e.id);
      }
    }
  });
  it('lists each entity once, whole-name matches first, and nothing for an empty query', () => {
    const hits = search(index, 'h', 1000);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, 'zzzzqqq')).toEqual([]);
    expect(search(index, 'h', 3)).toHaveLength(3);
  });
});
