// Reads and validates `data/`: lists.json and one file per entity under entities/. Used by the
// build (through the vite plugin) and by the data scripts. Throws DatasetError naming every
// problem's file, record and field, and nothing else: a broken file is a report, never a crash.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Dataset, Entity, ListDef } from '../src/core/dataset.ts';
import { checkDataset } from '../src/core/check-dataset.ts';
import { DatasetError, printable, type DatasetProblem } from '../src/core/problems.ts';
import { validateEntity, validateLists } from '../src/core/validate.ts';

/** Twenty times the largest entity file; a bigger one is not hand-written data. */
const MAX_FILE_BYTES = 200_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function readJson(path: string, shown: string, problems: DatasetProblem[]): unknown {
  const fail = (message: string) => problems.push({ file: shown, record: '(file)', field: '(json)', message });
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) return void fail(`is ${size} bytes; at most ${MAX_FILE_BYTES}`);
    // Fatal decoding: invalid UTF-8 would otherwise become U+FFFD and pass as text.
    return JSON.parse(utf8.decode(readFileSync(path))) as unknown;
  } catch (e) {
    // JSON.parse quotes the bad input in its message: keep it printable and on one line.
    return void fail(printable(String((e as Error).message).slice(0, 300)));
  }
}

export function loadDataset(dataDir: string, cwd = process.cwd()): { dataset: Dataset; files: string[] } {
  const problems: DatasetProblem[] = [];
  const shown = (p: string) => printable(relative(cwd, p) || p);
  const listsPath = join(dataDir, 'lists.json');
  const listsJson = readJson(listsPath, shown(listsPath), problems);
  const lists: Array<{ file: string; list: ListDef }> =
    listsJson === undefined ? [] : validateLists(shown(listsPath), listsJson, problems).map((list) => ({ file: shown(listsPath), list }));
  const dir = join(dataDir, 'entities');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    problems.push({ file: shown(dir), record: '(folder)', field: '(files)', message: (e as Error).message });
  }
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
