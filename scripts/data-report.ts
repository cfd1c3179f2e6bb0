// `npm run data:report`: a static HTML page of every entity and fact with its source and
// verification status (dist/data-report.html), for a human reviewer; and the summary table in
// docs/data.md (between its summary markers). Verification uses ../shared when present.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MEASURE_KINDS, type Citation, type Dataset } from '../src/core/dataset.ts';
import { isInForce } from '../src/core/card-data.ts';
import { loadDataset } from './load-dataset.ts';
import { Snapshots } from './verify/snapshots.ts';
import { verifyDataset, type VerifyResult } from './verify/verify.ts';

const shared = resolve(process.argv[2] ?? '../shared');
const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
const verify: VerifyResult | null = existsSync(resolve(shared, 'official-lists')) ? verifyDataset(dataset, new Snapshots(shared)) : null;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cite = (c: Citation) => {
  const text = esc([c.ref, c.publisher, `“${c.title}”`, c.date].filter(Boolean).join(', '));
  return c.url ? `<a href="${esc(c.url)}">${text}</a>` : text;
};

function status(entity: string, list: string, since: string): string {
  if (!verify) return 'not run (../shared absent)';
  const key = (x: { entity: string; list: string; since: string }) => x.entity === entity && x.list === list && x.since === since;
  const err = verify.errors.find(key);
  if (err) return `<b class="bad">contradiction</b>: ${esc(err.message)}`;
  const ok = verify.verified.find(key);
  if (ok) return `<span class="ok">verified</span> against ${esc(ok.file)}`;
  return 'not checkable offline';
}

export function summary(d: Dataset, v: VerifyResult | null): string {
  const lists = new Map(d.lists.map((l) => [l.id, l]));
  const measures = d.entities.flatMap((e) => e.measures);
  const claims = d.entities.flatMap((e) => e.claims);
  const rows = [...new Set(measures.map((m) => m.list))].sort().map((id) => {
    const ms = measures.filter((m) => m.list === id);
    return `| ${lists.get(id)?.jurisdiction} | ${lists.get(id)?.name} | ${ms.filter(isInForce).length} | ${ms.length - ms.filter(isInForce).length} |`;
  });
  const kinds = (k: string) => d.entities.filter((e) => e.kind === k).length;
  return [
    `| | count |`, `|---|---|`,
    `| entities | ${d.entities.length} (${kinds('company')} companies, ${kinds('organisation')} organisations) |`,
    `| entities with a measure in force | ${d.entities.filter((e) => e.measures.some(isInForce)).length} |`,
    `| measures | ${measures.length} (${measures.filter(isInForce).length} in force, ${measures.filter((m) => !isInForce(m)).length} removed) |`,
    `| claims / counter-claims | ${claims.length} / ${claims.reduce((n, c) => n + c.counterClaims.length, 0)} |`,
    `| aliases (ambiguous) | ${d.entities.reduce((n, e) => n + e.aliases.length, 0)} (${d.entities.reduce((n, e) => n + e.aliases.filter((a) => a.ambiguous).length, 0)}) |`,
    v ? `| facts verified against a snapshot / not checkable offline / contradictions | ${v.verified.length} / ${v.notCheckable.length} / ${v.errors.length} |` : '| verification | not run |',
    `| dataset "as of" | ${d.asOf} |`,
    '', '| kind of measure | lists | in force | removed | not checkable offline |', '|---|---|---|---|---|', ...byKind(d, v),
    '', '| jurisdiction | list | in force | removed |', '|---|---|---|---|', ...rows,
  ].join('\n');
}

/** Per kind of measure (MEASURE_KINDS order): how many lists declare it, its measures, and those no snapshot covers. */
function byKind(d: Dataset, v: VerifyResult | null): string[] {
  const kindOf = new Map(d.lists.map((l) => [l.id, l.kind]));
  const all = d.entities.flatMap((e) => e.measures.map((m) => ({ entity: e.id, m })));
  return MEASURE_KINDS.map((k) => {
    const ms = all.filter(({ m }) => kindOf.get(m.list) === k);
    const offline = v ? String(v.notCheckable.filter((n) => kindOf.get(n.list) === k).length) : '—';
    return `| ${k} | ${d.lists.filter((l) => l.kind === k).length} | ${ms.filter(({ m }) => isInForce(m)).length} | ${ms.filter(({ m }) => !isInForce(m)).length} | ${offline} |`;
  });
}

const body = dataset.entities.map((e) => `
<section id="${esc(e.id)}"><h2>${esc(e.name)} <small>${esc(e.id)} · ${esc(e.kind)} · ${esc(e.country)}</small></h2>
<p><b>Aliases:</b> ${e.aliases.map((a) => `${esc(a.text)} <small>(${a.kind}${a.lang ? `, ${esc(a.lang)}` : ''}${a.ambiguous ? ', ambiguous' : ''})</small>`).join('; ')}</p>
${e.measures.length === 0 ? '<p>No listing in this dataset.</p>' : `<table><tr><th>list</th><th>program</th><th>listed as</th><th>since</th><th>removed</th><th>scope</th><th>citation</th><th>verification</th></tr>
${e.measures.map((m) => `<tr><td>${esc(m.list)}</td><td>${esc(m.program)}</td><td>${esc(m.listedAs ?? '')}</td><td>${esc(m.since)} (${m.sinceMeaning})</td><td>${esc(m.removed ?? '')}</td><td>${esc(m.scope ?? '')}</td><td>${cite(m.citation)}${m.reportedBy?.length ? `<br><small>reported by: ${m.reportedBy.map(cite).join('; ')}</small>` : ''}</td><td>${esc(m.verification)}<br>${status(e.id, m.list, m.since)}</td></tr>`).join('\n')}</table>`}
${e.claims.map((c) => `<div class="claim"><p><b>Claim</b> (${esc(c.by)}, ${esc(c.date)}): ${esc(c.text)}<br><small>${cite(c.source)}</small></p>
${c.counterClaims.map((cc) => `<p class="counter"><b>Answer</b> (${esc(cc.by)}, ${esc(cc.date)}): ${esc(cc.text)}<br><small>${cite(cc.source)}</small></p>`).join('') || '<p class="counter">No answer recorded.</p>'}</div>`).join('\n')}
${e.related.map((r) => `<p>${esc(r.type)}: <a href="#${esc(r.entity)}">${esc(r.entity)}</a>${r.note ? ` (${esc(r.note)})` : ''} <small>${cite(r.source)}</small></p>`).join('')}
</section>`).join('\n');

const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Company Context dataset review</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;max-width:1400px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}.bad{color:#b00}.ok{color:#060}.counter{margin-left:24px}section{border-top:2px solid #333;margin-top:24px}</style></head>
<body><h1>Company Context dataset review</h1><p>Generated from data/ on ${new Date().toISOString().slice(0, 10)}. Dataset as of ${esc(dataset.asOf)}.</p>
<h2>Lists</h2><table><tr><th>id</th><th>name</th><th>authority</th><th>short name</th><th>kind</th><th>dates mean</th><th>as of</th></tr>
${dataset.lists.map((l) => `<tr><td>${esc(l.id)}</td><td><a href="${esc(l.url)}">${esc(l.name)}</a></td><td>${esc(l.authority)}</td><td>${esc(l.shortName ?? '')}</td><td>${l.kind}</td><td>${esc(l.dateNote)}</td><td>${l.asOf}</td></tr>`).join('\n')}</table>
${body}</body></html>`;

mkdirSync('dist', { recursive: true });
writeFileSync('dist/data-report.html', html);
const table = summary(dataset, verify);
const docs = 'docs/data.md';
if (existsSync(docs)) {
  const text = readFileSync(docs, 'utf8');
  const next = text.replace(/<!-- summary:start -->[\s\S]*<!-- summary:end -->/, `<!-- summary:start -->\n${table}\n<!-- summary:end -->`);
  if (next !== text) writeFileSync(docs, next);
}
console.log(table);
console.log('\nwrote dist/data-report.html and the summary in docs/data.md');
