// The import-cycle check must itself fail on a cycle, type-only imports included, and name its files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../scripts/check-cycles.ts';

describe('check-cycles', () => {
  const root = mkdtempSync(join(tmpdir(), 'cc-cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const cycles = () => findCycles(importGraph(root, ['src'])).map((c) => c.map((f) => basename(f)));

  it('passes a tree without cycles, whatever does not resolve to its files', () => {
    write('src/a.ts', "import { b } from './b.ts';\nimport x from 'virtual:x';\nimport './a.css';\nexport const a = b + x;\n");
    write('src/b.ts', "import type { C } from './lib/c.ts';\nexport const b: C = 1;\n");
    write('src/lib/c.ts', 'export type C = number;\n');
    expect(cycles()).toEqual([]);
  });

  it('names the files of a cycle made of type-only imports, in import order', () => {
    write('src/lib/c.ts', "import type { A } from '../d.ts';\nexport type C = number;\nexport type D = A;\n");
    write('src/d.ts', "export type A = import('./b.ts').B;\n");
    write('src/b.ts', "import type { C } from './lib/c.ts';\nexport const b: C = 1;\nexport type B = C;\n");
    expect(cycles()).toEqual([['b.ts', 'c.ts', 'd.ts']]);
  });

  it('finds a module that imports itself, and one cycle per group', () => {
    write('src/e.ts', "export * from './e.ts';\n");
    write('src/f.ts', "export { g } from './g.ts';\nexport const f = 1;\n");
    write('src/g.ts', "import { f } from './f.ts';\nexport const g = f;\n");
    expect(cycles()).toHaveLength(3);
    expect(cycles()).toContainEqual(['e.ts']);
    expect(cycles()).toContainEqual(['f.ts', 'g.ts']);
  });
});
