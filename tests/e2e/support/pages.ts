// Test pages, made at test time. The seed article is read in place from ../shared (never copied).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SEED = resolve('../shared/seeds/000_3e4525fb21b57f90.txt');
export const hasSeed = existsSync(SEED);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Runs first in the page: records every DOM mutation, in the page's own world, so a test can
 * prove we changed nothing before the first hover.
 */
export const RECORDER = `<script>
window.__mutations = [];
// From the end of parsing (our content script runs later, at document_idle): everything after that is not the parser.
document.addEventListener('DOMContentLoaded', () => new MutationObserver((records) => {
  for (const r of records) window.__mutations.push({ type: r.type, target: r.target.nodeName, added: [...r.addedNodes].map((n) => n.nodeName), attr: r.attributeName });
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true }));
</script>`;

/** The seed article as a news page, plus controls whose text must never be marked. */
export function seedPage(): string {
  const [title, ...paras] = readFileSync(SEED, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${esc(title!)}</title>${RECORDER}
<style>body{font:18px/1.6 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px;color:#222;background:#fff}</style></head>
<body><article><h1>${esc(title!)}</h1>
${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<p id="split">Huawei <em>Technologies</em> and Dahua are named in the same rule.</p>
</article>
<form><label>Comment <textarea id="ta">Hikvision and Huawei in a textarea</textarea></label>
<input id="in" value="Dahua in an input">
<div id="ce" contenteditable="true">IPVM and Hikvision in an editor</div>
<div hidden>Hikvision hidden</div></form>
</body></html>`;
}

/**
 * A page that keeps adding text, then swaps its whole content as a client-side router would.
 * Written here, not taken from ../shared, so it runs everywhere.
 */
export function dynamicPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Live</title></head>
<body><main id="app"><h1>Live updates</h1><p>Hikvision said little.</p></main>
<script>
let n = 0;
const tick = setInterval(() => {
  n += 1;
  const p = document.createElement('p');
  p.textContent = n === 3 ? 'Update 3: Huawei Technologies answered.' : 'Update ' + n + ': nothing to report.';
  document.getElementById('app').append(p);
  if (n === 6) {
    clearInterval(tick);
    // Client-side navigation: the router replaces everything under #app.
    history.pushState({}, '', '/dynamic#next');
    const main = document.getElementById('app');
    main.replaceChildren();
    const h = document.createElement('h1');
    h.textContent = 'Next story';
    const q = document.createElement('p');
    q.append('Dahua ', Object.assign(document.createElement('em'), { textContent: 'Technology' }), ' was named.');
    main.append(h, q);
    document.title = 'done';
  }
}, 100);
</script></body></html>`;
}

/** A page policy that refuses every inline style and script and requires Trusted Types. */
export const STRICT_CSP = "default-src 'none'; style-src 'none'; script-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

/** A short news-like page about one company, written for the tests. */
export function articlePage(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${esc(title)}</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px}</style></head>
<body><article><h1>${esc(title)}</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></body></html>`;
}

/** One page per region the dataset covers, each naming one company the reader should see a card for. */
export const REGION_PAGES: Array<{ region: string; entity: string; hover: string; title: string; paragraphs: string[] }> = [
  {
    region: 'china', entity: 'smic', hover: 'Semiconductor Manufacturing International Corporation',
    title: 'Chipmaker expands despite export curbs',
    paragraphs: ['Semiconductor Manufacturing International Corporation said on Thursday that it would add capacity at its Shanghai plants.', 'Analysts said SMIC still depends on imported tools.'],
  },
  {
    region: 'russia', entity: 'sberbank', hover: 'Sberbank',
    title: 'Russian lender reports profit',
    paragraphs: ['Sberbank, Russia’s largest bank, reported a rise in quarterly net profit, the bank said.'],
  },
  {
    region: 'iran', entity: 'mahan-air', hover: 'Mahan Air',
    title: 'Airline adds routes',
    paragraphs: ['Mahan Air said it would add weekly flights from Tehran this winter.'],
  },
  {
    region: 'counter-sanctions', entity: 'lockheed-martin', hover: 'Lockheed Martin',
    title: 'Beijing responds to arms sale',
    paragraphs: ['China’s commerce ministry named Lockheed Martin among the companies it said it would restrict.'],
  },
  {
    region: 'dispute without measures', entity: 'nike', hover: 'Nike, Inc.',
    title: 'Sportswear maker reviews suppliers',
    paragraphs: ['Nike, Inc. said it had reviewed its supply chain after a think-tank report.'],
  },
];

/** Ambiguous names used both ways on one page, with one unambiguous mention to wait on. */
export const AMBIGUOUS_PAGE = articlePage('Energy and orchards', [
  'Shell said on Monday it would sell its stake in the field.',
  'On the beach, a child held a shell to her ear.',
  'Apple growers in Kent expect a good harvest this year.',
  'Separately, Hikvision reported its results.',
]);

/** A Chinese page: names without spaces, and a bank whose name contains 大华 (not Dahua). */
export const CHINESE_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>科技新闻</title></head>
<body><article><h1>华为发布新手机</h1>
<p>华为技术有限公司周二发布了新款手机。分析人士说，海康威视的营收也有所增长。</p>
<p>新加坡大华银行公布了季度业绩。</p></article></body></html>`;
