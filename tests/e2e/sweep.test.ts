// Every real page in ../shared/pages, in Chromium with the extension: no error from our code, and
// not one DOM mutation from us before a hover. Pages are served with `script-src 'none'` so their
// own scripts stay still; the recorder is injected by the browser, which page CSP does not stop,
// so every mutation it sees after parsing is ours. Prints a summary: pages, mentions, time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const PAGES = '../shared/pages';
const present = existsSync(PAGES);
if (!present) console.warn(`SKIPPED the real-page sweep: ${PAGES} is absent (../shared is not on this machine).`);

function pageList(): string[] {
  if (!present) return [];
  const out: string[] = [];
  for (const d of readdirSync(join(PAGES, 'readability/test-pages')).sort()) out.push(`readability/test-pages/${d}/source.html`);
  for (const f of readdirSync(join(PAGES, 'scrapinghub-aeb/html')).sort()) if (f.endsWith('.html')) out.push(`scrapinghub-aeb/html/${f}`);
  return out;
}

const RECORDER = `
window.__ccMutations = 0;
document.addEventListener('DOMContentLoaded', () => new MutationObserver((r) => { window.__ccMutations += r.length; })
  .observe(document, { subtree: true, childList: true, attributes: true, characterData: true }));
`;

describe.skipIf(!present)('Chromium: sweep over the real pages in ../shared/pages', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  const ourErrors: string[] = [];

  withExtension({
    browser: 'chromium',
    route: (path) => {
      const page = decodeURIComponent(path.slice(1));
      if (!page.endsWith('.html') || page.includes('..')) return null;
      const file = join(PAGES, page);
      if (!existsSync(file)) return null;
      return { body: readFileSync(file, 'utf8'), headers: { 'content-security-policy': "script-src 'none'" } };
    },
    ourErrors,
  }, async (s) => {
    ({ server, ctx } = s);
    await ctx.addInitScript(RECORDER);
  });

  it('changes no page and throws nothing, on every page', async () => {
    const pages = pageList();
    const page = await ctx.newPage();
    let mentions = 0;
    let withMentions = 0;
    const mutated: string[] = [];
    const t0 = Date.now();
    for (const p of pages) {
      await page.goto(server.allow(`/${p}`), { waitUntil: 'domcontentloaded', timeout: 20_000 }).catch(() => undefined);
      // The first scan pass starts at document_idle and runs in 8 ms slices: give it time to finish.
      await page.waitForTimeout(600);
      const r = await page.evaluate(() => ({
        mutations: (window as unknown as { __ccMutations?: number }).__ccMutations ?? -1,
        marks: CSS.highlights.get('company-context')?.size ?? 0,
      })).catch(() => ({ mutations: -1, marks: 0 }));
      if (r.mutations !== 0) mutated.push(`${p}: ${r.mutations}`);
      mentions += r.marks;
      if (r.marks > 0) withMentions++;
    }
    const seconds = (Date.now() - t0) / 1000;
    console.log(`sweep: ${pages.length} pages, ${withMentions} with marks, ${mentions} mentions marked, ${seconds.toFixed(1)} s (${((seconds * 1000) / pages.length).toFixed(0)} ms a page incl. a 600 ms wait)`);
    expect(pages.length).toBeGreaterThan(300);
    expect(mutated).toEqual([]);
    expect(ourErrors).toEqual([]);
    // Control: the recorder does see a mutation when there is one.
    await page.evaluate(() => document.body.append(document.createElement('i')));
    expect(await page.evaluate(() => (window as unknown as { __ccMutations: number }).__ccMutations)).toBe(1);
    await page.close();
  }, 900_000);
});
