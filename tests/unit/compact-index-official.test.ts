// The rules that bring official-list names into the index, and the checks on official.json.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileNameIndex } from '../../src/core/name-index.ts';
import { NAME_AMBIGUOUS, NAME_SHORT, Matcher, resolveMatches } from '../../src/core/matcher.ts';
import { officialCard, officialNameFlags, withOfficial, withOfficialRecords } from '../../src/core/official-card.ts';
import type { OfficialRecord } from '../../src/core/official.ts';
import { DatasetError } from '../../src/core/problems.ts';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { loadOfficial, OFFICIAL_ENV } from '../../scripts/load-official.ts';
import { curatedNames } from '../../scripts/lib/name-index.ts';
import { compileAll } from '../../scripts/vite-plugins.ts';

const { dataset } = loadDataset('data');
const curated = compileNameIndex(dataset);
const keys = new Set(curated.names.map((n) => n[0]));
const rec = (over: Partial<OfficialRecord>): OfficialRecord => ({
  list: 'Entity List (EL) - Bureau of Industry and Security', programs: ['EAR'], name: 'X', aliases: [],
  dates: [{ date: '2021-12-17', meaning: 'listed', label: 'start_date' }], ref: 'CSL _id 1', file: 'csl.csv', at: '2',
  asOf: '2022-04', asOfBasis: 'file name', ...over,
});

describe('official names', () => {
  it('leaves out one common word, a curated name or not-name, and a name of legal forms only', () => {
    expect(officialNameFlags('APEX', keys)).toBeNull();
    expect(officialNameFlags('Progress', keys)).toBeNull();
    expect(officialNameFlags('Huawei', keys)).toBeNull();
    const notName = dataset.entities.flatMap((e) => e.notNames ?? [])[0]!;
    expect(officialNameFlags(notName, keys)).toBeNull();
    expect(officialNameFlags('Limited Company', keys)).toBeNull();
  });

  it('makes a name of one or two words ambiguous and short unless its legal form is written', () => {
    expect(officialNameFlags('AL-AMIR ELECTRONICS', keys)).toBe(NAME_AMBIGUOUS | NAME_SHORT);
    expect(officialNameFlags('5th Shipyard', keys)).toBe(NAME_AMBIGUOUS | NAME_SHORT);
    expect(officialNameFlags('Abris LLC', keys)).toBe(0);
    expect(officialNameFlags('Academy of Military Medical Sciences', keys)).toBe(0);
  });

  it('marks a short imported name only with a legal form after it or its full name on the page', () => {
    const { index } = withOfficial(dataset, curated, [rec({ name: 'Zorvex Dynamics Research Bureau', aliases: ['Zorvex Dynamics'] })]);
    const m = new Matcher(index);
    const marked = (text: string) => resolveMatches(m.find(text)).map((x) => text.slice(x.start, x.end));
    expect(marked('Zorvex Dynamics said on Monday.')).toEqual([]);
    expect(marked('Zorvex Dynamics Ltd said on Monday.')).toEqual(['Zorvex Dynamics Ltd']);
    expect(marked('The Zorvex Dynamics Research Bureau, or Zorvex Dynamics, said.')).toEqual(['Zorvex Dynamics Research Bureau', 'Zorvex Dynamics']);
  });

  it('marks a one-word name written as the list writes it or as a name, with evidence, never in lower case', () => {
    const { index } = withOfficial(dataset, curated, [rec({ name: 'ZORVEXBANK' })], () => false);
    expect(index.names.slice(curated.names.length).map((n) => n[3])).toEqual(['ZORVEXBANK', 'Zorvexbank']);
    const m = new Matcher(index);
    const marked = (text: string) => resolveMatches(m.find(text)).map((x) => text.slice(x.start, x.end));
    expect(marked('Shares of Zorvexbank fell on Monday.')).toEqual(['Zorvexbank']);
    expect(marked("Analysts cut ZORVEXBANK's rating.")).toEqual(['ZORVEXBANK']);
    expect(marked('tags: zorvexbank and friends')).toEqual([]);
    expect(marked('See https://zorvexbank.example/ for details.')).toEqual([]);
  });

  it('never adds a name to a curated alias, however the official file writes it', () => {
    const ambiguous = dataset.entities.flatMap((e) => e.aliases.filter((a) => a.ambiguous).map((a) => a.text))[0]!;
    const { index } = withOfficial(dataset, curated, [rec({ name: `${ambiguous.toUpperCase()} Holdings Group International`, aliases: [ambiguous, ambiguous.toLowerCase()] })]);
    expect(index.names.slice(curated.names.length).map((n) => n[3])).toEqual([`${ambiguous.toUpperCase()} Holdings Group International`]);
  });

  it('groups one organisation across files, and attaches records to curated cards without repeating a curated listing', () => {
    const sber = dataset.entities.find((e) => e.id === 'sberbank')!;
    const onCurated = rec({ entity: 'sberbank', listId: sber.measures[0]!.list, ref: 'X 1' });
    const sameRef = rec({ entity: 'sberbank', ref: sber.measures.find((m) => m.citation.ref)!.citation.ref! });
    const extra = rec({ entity: 'sberbank', list: 'Consolidated Canadian Autonomous Sanctions List (SEMA)', listId: 'ca-sema', ref: 'SEMA Russia Schedule 2 Item 6' });
    const a = rec({ name: 'Qelvar Aerospace Works', ref: 'CSL _id 2' });
    const b = rec({ name: 'QELVAR AEROSPACE WORKS', list: 'UK', ref: 'UK Group ID 9', aliases: ['Qelvar Aero Plant No 2'] });
    const { index, bundle } = withOfficial(dataset, curated, [onCurated, sameRef, extra, a, b]);
    expect(bundle.records.sberbank!.map((r) => r.ref)).toEqual([extra.ref]);
    expect(bundle.entities).toHaveLength(1);
    expect(index.entities.at(-1)).toBe(bundle.entities[0]!.id);
    expect(bundle.records[bundle.entities[0]!.id]!.map((r) => r.ref)).toEqual(['CSL _id 2', 'UK Group ID 9']);
    const card = officialCard(bundle, bundle.entities[0]!.id, dataset.asOf)!;
    expect(card).toMatchObject({ name: 'Qelvar Aerospace Works', imported: true, jurisdictions: [] });
    expect(withOfficialRecords({ ...card, id: 'sberbank', imported: undefined } as never, bundle).official).toHaveLength(1);
  });
});

describe('official.json checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-official-'));
  const write = (v: unknown) => {
    const p = join(dir, `${Math.random()}.json`);
    writeFileSync(p, JSON.stringify(v));
    return p;
  };
  const problems = (path: string) => {
    try {
      loadOfficial(path, dataset, dir);
      return [];
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      return e.problems.map((p) => `${p.record} ${p.field}: ${p.message}`);
    }
  };
  afterEach(() => {
    delete process.env[OFFICIAL_ENV];
  });

  it('names a missing file, a record and its field', () => {
    expect(problems(join(dir, 'absent.json'))[0]).toMatch(/does not exist: run `npm run data:import/);
    const bad = problems(write({ records: [rec({}), { ...rec({ ref: 'OFAC UID 7' }), dates: [{ date: '2021-13', meaning: 'sanctioned', label: 'x' }], entity: 'nobody' }] }));
    expect(bad).toEqual([
      'records[1] (OFAC UID 7) entity: is not a curated entity id: nobody',
      'records[1] (OFAC UID 7) dates[0].meaning: must be one of listed, designated, effective, divestment, ended, changed',
    ]);
    expect(problems(write({ records: [rec({})] }))).toEqual([]);
  });

  it('changes nothing without the flag, and fails the index with a bad file', () => {
    expect(compileAll('data').index).toEqual(curatedNames(dataset));
    process.env[OFFICIAL_ENV] = write({ records: 'none' });
    expect(() => compileAll('data')).toThrow(/records: is not an array/);
  });
});
