// npm run data:import -- <dir>: imports the official list files under <dir> into
// data/generated/official.json (organisations only; curated entities win) and prints, per file,
// rows read, organisations kept, skipped by reason and errors. See docs/data.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadDataset } from './load-dataset.ts';
import { importOfficialLists, reportTable } from './import/run.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run data:import -- <folder with official list files>');
  process.exit(2);
}
const out = resolve('data/generated/official.json');
const { dataset } = loadDataset(resolve(process.env.COMPANY_CONTEXT_DATA ?? 'data'));
const started = performance.now();
const result = importOfficialLists(resolve(dir), dataset.entities);

for (const f of result.files) for (const p of [...f.errors, ...f.warnings]) console.error(`${f.errors.includes(p) ? 'error' : 'warning'}: ${p.at}: ${p.message}`);
for (const c of result.review) console.error(`not attached (${c.why === 'several' ? 'name of several curated entities' : 'only an alias equals a curated name'}): ${c.record.file}:${c.record.at} "${c.record.name}" -> ${c.entities.join(', ')}`);
for (const i of result.ignored) console.log(`ignored: ${i.file} (${i.why})`);
console.log(reportTable(result));

const records = result.records;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({
    files: result.files.map((f) => ({ file: f.file, format: f.format, asOf: f.asOf, asOfBasis: f.asOfBasis, rows: f.rows, records: f.records, kept: f.kept.length, skipped: Object.fromEntries(f.skipped), errors: f.errors, warnings: f.warnings.length })),
    records,
    review: result.review.map((c) => ({ file: c.record.file, at: c.record.at, ref: c.record.ref, name: c.record.name, entities: c.entities, why: c.why })),
  })}\n`,
);
const attached = records.filter((r) => r.entity).length;
console.log(`\n${records.length} organisations (${attached} attached to curated entities, ${records.length - attached} imported only) from ${result.files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${out}`);
if (result.files.length === 0) process.exit(1);
