// Reads and validates `data/`: lists.json and one file per entity under entities/. Used by the
// build (through the vite plugin) and by the data scripts. Throws DatasetError naming every
// problem's file, record and field.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Dataset, Entity, ListDef } from '../src/core/dataset.ts';
import { DatasetError, checkDataset, validateEntity, validateLists, type DatasetProblem } from '../src/core/validate.ts';

function readJson(path: string, shown: string, problems: DatasetProblem[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    problems.push({ file: shown, record: '(file)', field: '(json)', message: (e as Error).message });
    return undefined;
  }
}

export function loadDataset(dataDir: string, cwd = process.cwd()): { dataset: Dataset; files: string[] } {
  const problems: DatasetProblem[] = [];
  const shown = (p: string) => relative(cwd, p) || p;
  const listsPath = join(dataDir, 'lists.json');
  const listsJson = readJson(listsPath, shown(listsPath), problems);
  const lists: Array<{ file: string; list: ListDef }> =
    listsJson === undefined ? [] : validateLists(shown(listsPath), listsJson, problems).map((list) => ({ file: shown(listsPath), list }));
  const dir = join(dataDir, 'entities');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const entities: Array<{ file: string; entity: Entity }> = [];
  for (const f of files) {
    const path = join(dir, f);
    const json = readJson(path, shown(path), problems);
    if (json === undefined) continue;
    const entity = validateEntity(shown(path), json, problems);
    if (entity) entities.push({ file: shown(path), entity });
  }
  const dataset = checkDataset(lists, entities, problems);
  if (problems.length > 0) throw new DatasetError(problems);
  return { dataset, files: [listsPath, ...files.map((f) => join(dir, f))] };
}
