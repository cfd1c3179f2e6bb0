import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { datasetPlugin } from '../../scripts/vite-plugins.ts';
import { cardData, entityStatus } from '../../src/core/card-data.ts';
import { compileNameIndex } from '../../src/core/name-index.ts';
import { DatasetError, isPartialDate } from '../../src/core/problems.ts';

const FIXTURE = 'tests/fixtures/dataset';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the fixture dataset with one entity file changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits arbitrary JSON on purpose
function broken(edit: (acme: Record<string, any>) => void, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-data-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, 'entities', 'acme.json');
  const acme = JSON.parse(readFileSync(path, 'utf8'));
  edit(acme);
  writeFileSync(path, JSON.stringify(acme));
  for (const [name, json] of Object.entries(extra)) writeFileSync(join(dir, 'entities', name), JSON.stringify(json));
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadDataset(dir, dir);
  } catch (e) {
    if (e instanceof DatasetError) return e.problems.map((p) => `${p.file} | ${p.record} | ${p.field} | ${p.message}`);
    throw e;
  }
  return [];
}

describe('dataset validation', () => {
  it('accepts the fixture dataset', () => {
    expect(problems(FIXTURE)).toEqual([]);
  });
  it('names file, record and field of a missing citation field', () => {
    const dir = broken((a) => delete a.measures[0].citation.publisher);
    expect(problems(dir)).toEqual(['entities/acme.json | entity acme | measures[0].citation.publisher | required non-empty string']);
  });
  it('rejects impossible and inverted dates', () => {
    expect(isPartialDate('2019-02-30')).toBe(false);
    expect(isPartialDate('2019-10')).toBe(true);
    const dir = broken((a) => (a.measures[0].removed = '2019-12-31'));
    expect(problems(dir)[0]).toContain('measures[0].removed | 2019-12-31 is before since 2020-01-02');
  });
  it('rejects unknown lists, unknown fields, dangling relations and non-https URLs', () => {
    const dir = broken((a) => {
      a.measures[0].list = 'no-such-list';
      a.measures[0].colour = 'red';
      a.related = [{ type: 'parent', entity: 'ghost', source: { publisher: 'P', title: 'T', url: 'javascript:alert(1)' } }];
    });
    const got = problems(dir).join('\n');
    expect(got).toContain('measures[0].colour | unknown field');
    expect(got).toContain('measures[0].list | unknown list id "no-such-list"');
    expect(got).toContain('related[0].entity | refers to unknown entity "ghost"');
    expect(got).toContain('related[0].source.url | "javascript:alert(1)" must be an https: URL');
  });
  it('rejects an unambiguous alias claimed by two entities, and duplicate ids', () => {
    const twin = JSON.parse(readFileSync(join(FIXTURE, 'entities', 'acme.json'), 'utf8'));
    const dir = broken(() => undefined, { 'acme2.json': { ...twin, id: 'acme2' }, 'acme3.json': { ...twin } });
    const got = problems(dir).join('\n');
    expect(got).toContain('entities/acme2.json | entity acme2 | aliases[0].text | "Acme Widgets" is also an alias of "acme"');
    expect(got).toContain('entities/acme3.json | entity acme | id | must equal the file name ("acme3")');
    expect(got).toContain('duplicate entity id');
  });
  it('requires a short name for every list, and keeps short names short', () => {
    const dir = broken(() => undefined);
    const path = join(dir, 'lists.json');
    const lists = JSON.parse(readFileSync(path, 'utf8'));
    delete lists[0].shortName;
    lists[0].authorityShort = 'A'.repeat(31);
    lists[0].shortNames = { zh: '测'.repeat(61), fr: 'Liste', de: '' };
    writeFileSync(path, JSON.stringify(lists));
    expect(problems(dir)).toEqual([
      'lists.json | list test-list | shortName | required non-empty string',
      'lists.json | list test-list | authorityShort | is 31 characters long; a short name is at most 30',
      'lists.json | list test-list | shortNames.fr | unknown field',
      'lists.json | list test-list | shortNames.zh | is 61 characters long; a short name is at most 60',
      'lists.json | list test-list | shortNames.de | must be a non-empty string when present',
    ]);
  });
  it('reads a list\'s short names and its authority\'s abbreviation', () => {
    const { dataset } = loadDataset(FIXTURE);
    expect(dataset.lists[0]).toMatchObject({ shortName: 'Test List', shortNames: { zh: '测试清单', de: 'Testliste' }, authorityShort: 'TA' });
    const dir = broken(() => undefined);
    const path = join(dir, 'lists.json');
    const lists = JSON.parse(readFileSync(path, 'utf8'));
    delete lists[0].shortNames;
    delete lists[0].authorityShort;
    writeFileSync(path, JSON.stringify(lists));
    expect(problems(dir)).toEqual([]);
  });
  it('reports invalid JSON with the file', () => {
    const dir = broken(() => undefined, {});
    writeFileSync(join(dir, 'entities', 'acme.json'), '{ "id": ');
    expect(problems(dir)[0]).toMatch(/^entities\/acme\.json \| \(file\) \| \(json\) \| /);
  });
  it('rejects bidi overrides that could disguise text on the card', () => {
    const dir = broken((a) => (a.name = 'Acme\u202EWidgets'));
    expect(problems(dir).join('\n')).toContain('entity acme | name | contains control, bidi or invisible characters');
  });
  it('fails a fact newer than its list\'s asOf date, naming file, record and field (the asOf rule)', () => {
    const dir = broken((a) => {
      a.measures[0].since = '2026-01-02';
      a.measures[0].removed = '2026-02';
      a.measures[0].citation.date = '2026-01';
    });
    expect(problems(dir)).toEqual([
      'entities/acme.json | entity acme | measures[0].since | 2026-01-02 is newer than the asOf date of list "test-list" (2026-01-01, data/lists.json): raise the list\'s asOf, or leave the fact out',
      'entities/acme.json | entity acme | measures[0].removed | 2026-02 is newer than the asOf date of list "test-list" (2026-01-01, data/lists.json): raise the list\'s asOf, or leave the fact out',
    ]);
    // A partial date counts from its earliest day: 2026-01 may be 2026-01-01, the asOf day itself.
    expect(problems(broken((a) => (a.measures[0].since = '2026')))).toEqual([]);
    // The same dataset passes once the list's asOf is raised to the newest fact.
    const lists = JSON.parse(readFileSync(join(dir, 'lists.json'), 'utf8'));
    lists[0].asOf = '2026-02-01';
    writeFileSync(join(dir, 'lists.json'), JSON.stringify(lists));
    expect(problems(dir)).toEqual([]);
  });
  it('checks the two new kinds: a class policy names nobody and cites its reporting; a government action names the company', () => {
    const withList = (kind: string, edit: (m: Record<string, unknown>) => void) => {
      const dir = broken((a) => edit(a.measures[0]));
      const lists = JSON.parse(readFileSync(join(dir, 'lists.json'), 'utf8'));
      lists[0].kind = kind;
      lists[0].shortName = 'Test';
      writeFileSync(join(dir, 'lists.json'), JSON.stringify(lists));
      return problems(dir);
    };
    const report = { publisher: 'Test Wire', title: 'Policy covers Acme', date: '2020-01-03' };
    expect(withList('class-policy', () => undefined)).toEqual([
      'entities/acme.json | entity acme | measures[0].listedAs | must be absent: list "test-list" is a class policy, which names no company',
      'entities/acme.json | entity acme | measures[0].reportedBy | required on a class policy (list "test-list"): the reporting that says it covers this entity',
    ]);
    expect(withList('class-policy', (m) => {
      delete m.listedAs;
      m.reportedBy = [];
    })).toEqual(['entities/acme.json | entity acme | measures[0].reportedBy | required on a class policy (list "test-list"): the reporting that says it covers this entity']);
    expect(withList('class-policy', (m) => {
      delete m.listedAs;
      m.reportedBy = [report];
    })).toEqual([]);
    expect(withList('class-policy', (m) => {
      delete m.listedAs;
      m.reportedBy = [{ ...report, date: '2026-03-01', url: 'http://x.example' }];
    })).toEqual([
      'entities/acme.json | entity acme | measures[0].reportedBy[0].url | "http://x.example" must be an https: URL',
      'entities/acme.json | entity acme | measures[0].reportedBy[0].date | 2026-03-01 is newer than the asOf date of list "test-list" (2026-01-01, data/lists.json): raise the list\'s asOf, or leave the fact out',
    ]);
    expect(withList('government-action', () => undefined)).toEqual([]);
    expect(withList('government-action', (m) => (m.reportedBy = [report]))).toEqual([]);
    expect(withList('government-action', (m) => delete m.listedAs)).toEqual(['entities/acme.json | entity acme | measures[0].listedAs | required non-empty string']);
    expect(withList('no-such-kind', () => undefined)[0]).toContain('kind | must be one of sanctions, export-control, investment-ban, procurement-ban, equipment-ban, designation, import-ban, counter-sanctions, government-action, class-policy');
  });
  it('fails a real build through the vite plugin, naming file, record and field', async () => {
    const dir = broken((a) => (a.measures[0].sinceMeaning = 'sometime'));
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, "import d from 'virtual:company-context/dataset'; console.log(d);");
    await expect(
      build({ configFile: false, logLevel: 'silent', plugins: [datasetPlugin(dir)], build: { write: false, lib: { entry, formats: ['es'] } } }),
    ).rejects.toThrow(/entities\/acme\.json: entity acme: measures\[0\]\.sinceMeaning: must be one of listed/);
  });
});

describe('compiled data', () => {
  const { dataset } = loadDataset(FIXTURE);
  it('indexes every alias with its ambiguity flag', () => {
    expect(compileNameIndex(dataset).names).toEqual([
      ['acme widgets', 0, 0, 'Acme Widgets'],
      ['acme widgets corporation', 0, 0, 'Acme Widgets Corporation'],
      ['acme', 0, 1, 'Acme'],
    ]);
  });
  it('builds card data grouped by jurisdiction, with the list and its "as of" date', () => {
    const card = cardData(dataset, 'acme', '2026-02-01')!;
    expect(card.jurisdictions.map((j) => j.jurisdiction)).toEqual(['US']);
    expect(card.jurisdictions[0]!.measures[0]).toMatchObject({ listName: 'Test List', since: '2020-01-02', sinceMeaning: 'effective', listAsOf: '2026-01-01' });
    expect(card.staleDays).toBeUndefined();
    expect(cardData(dataset, 'acme', '2027-01-01')!.staleDays).toBe(365);
    expect(cardData(dataset, 'nobody', '2026-01-01')).toBeNull();
  });
  it('carries a class policy\'s reporting, and no listed name, onto the card', () => {
    const m = { ...dataset.entities[0]!.measures[0]! };
    delete m.listedAs;
    const report = { publisher: 'Test Wire', title: 'Policy covers Acme', date: '2020-01-03' };
    const policy = { ...dataset, lists: [{ ...dataset.lists[0]!, kind: 'class-policy' as const }], entities: [{ ...dataset.entities[0]!, measures: [{ ...m, reportedBy: [report] }] }] };
    const cm = cardData(policy, 'acme', '2026-02-01')!.jurisdictions[0]!.measures[0]!;
    expect(cm).toMatchObject({ kind: 'class-policy', reportedBy: [report] });
    expect(cm.listedAs).toBeUndefined();
  });
  it('states a status as facts (the interface words them: tests/unit/i18n.test.tsx)', () => {
    const lists = new Map(dataset.lists.map((l) => [l.id, l]));
    const e = dataset.entities[0]!;
    expect(entityStatus(e, lists)).toEqual({ inForce: 1, jurisdictions: ['US'], removedEarlier: false });
    expect(entityStatus({ ...e, measures: [] }, lists)).toEqual({ inForce: 0, jurisdictions: [], removedEarlier: false });
    expect(entityStatus({ ...e, measures: [{ ...e.measures[0]!, removed: '2021-01-01' }] }, lists)).toEqual({ inForce: 0, jurisdictions: [], removedEarlier: true });
  });
});
