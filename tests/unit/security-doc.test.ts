// docs/security.md must name every fixture the suite runs, with its threat, so the table stays true.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_FIXTURES } from '../e2e/fixtures/index.ts';
import { WEIGHT_FIXTURES } from '../e2e/fixtures/weight.ts';

const EVERY = [...ALL_FIXTURES, ...WEIGHT_FIXTURES];

describe('docs/security.md', () => {
  const doc = readFileSync('docs/security.md', 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|').map((c) => c.trim()));

  it('has a row for every fixture, under the fixture\'s threat', () => {
    const missing = EVERY.filter((f) => !rows.some((r) => r.includes(`\`${f.path}\``) && r[1] === f.threat));
    expect(missing.map((f) => `${f.threat} ${f.path}`)).toEqual([]);
  });

  it('names no fixture that does not exist', () => {
    const paths = new Set(EVERY.map((f) => f.path));
    const named = [...doc.matchAll(/`(\/(?:policy|tamper|content|structure|weight|frames?)\/[^`]*)`/g)].map((m) => m[1]!);
    expect(named.filter((p) => !paths.has(p))).toEqual([]);
  });
});
