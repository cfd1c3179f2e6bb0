// `npm run data:verify -- [dir]`: checks every measure that cites a snapshot against it
// (default ../shared). Prints facts verified per snapshot, every contradiction, and the facts that
// cannot be checked offline. Exits 1 on any contradiction; skips, saying so, when the folder is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatasetError, formatProblem } from '../src/core/problems.ts';
import { loadDataset } from './load-dataset.ts';
import { Snapshots } from './verify/snapshots.ts';
import { verifyDataset } from './verify/verify.ts';

const root = resolve(process.argv[2] ?? '../shared');
if (!existsSync(resolve(root, 'official-lists')) && !existsSync(resolve(root, 'reference-nc'))) {
  console.log(`data:verify: SKIPPED: no official-lists/ or reference-nc/ under ${root}`);
  process.exit(0);
}
let dataset;
try {
  ({ dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data'));
} catch (e) {
  if (!(e instanceof DatasetError)) throw e;
  for (const p of e.problems) console.error(formatProblem(p));
  console.error(`data:verify: the dataset has ${e.problems.length} problem(s); fix them first (npm run data:check)`);
  process.exit(1);
}
const r = verifyDataset(dataset, new Snapshots(root));

const byFile = new Map<string, number>();
for (const v of r.verified) byFile.set(v.file, (byFile.get(v.file) ?? 0) + 1);
console.log('Facts verified against each snapshot:');
for (const [file, n] of [...byFile].sort()) console.log(`  ${String(n).padStart(4)}  ${file}`);
console.log(`\nNot checkable offline (${r.notCheckable.length}), by list:`);
const byList = new Map<string, string[]>();
for (const n of r.notCheckable) byList.set(n.list, [...(byList.get(n.list) ?? []), `${n.entity}@${n.since}`]);
for (const [list, items] of [...byList].sort()) console.log(`  ${String(items.length).padStart(4)}  ${list}: ${items.join(', ')}`);
if (r.couldCheck.length > 0) {
  console.log(`\nMarked not checkable, though a snapshot of the list postdates them (${r.couldCheck.length}):`);
  for (const c of r.couldCheck) console.log(`  ${c.entity} ${c.list} since ${c.since}: ${c.snapshot}`);
}
if (r.errors.length > 0) {
  console.log(`\nContradictions (${r.errors.length}):`);
  for (const e of r.errors) console.log(`  ${e.entity} ${e.list} since ${e.since} vs ${e.file}${e.at ? ` (${e.at})` : ''}: ${e.message}`);
}
console.log(`\ndata:verify: ${r.verified.length} verified, ${r.errors.length} contradictions, ${r.notCheckable.length} not checkable offline`);
process.exit(r.errors.length > 0 ? 1 : 0);
