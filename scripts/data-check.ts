// `npm run data:check`: validates data/ as the build does and prints every problem, or a summary.
import { loadDataset } from './load-dataset.ts';
import { DatasetError, formatProblem } from '../src/core/problems.ts';

try {
  const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
  const measures = dataset.entities.reduce((n, e) => n + e.measures.length, 0);
  const claims = dataset.entities.reduce((n, e) => n + e.claims.length, 0);
  console.log(`data:check: ${dataset.entities.length} entities, ${dataset.lists.length} lists, ${measures} measures, ${claims} claims; as of ${dataset.asOf}`);
} catch (e) {
  if (!(e instanceof DatasetError)) throw e;
  for (const p of e.problems) console.error(formatProblem(p));
  console.error(`data:check: ${e.problems.length} problem(s)`);
  process.exit(1);
}
