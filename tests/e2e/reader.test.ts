// Matching as a reader meets it, in Chromium: an ambiguous name used both ways on one page, a
// Chinese page, and "Not this company" persisting across reloads until undone in the options.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evalInCard, hover } from './support/card.ts';
import { AMBIGUOUS_PAGE, CHINESE_PAGE } from './support/pages.ts';
import { marks } from './support/probe.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const MARK = 'company-context';

describe('Chromium: what a reader sees matched', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  let extId: string;

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/ambiguous' ? { body: AMBIGUOUS_PAGE } : path === '/zh' ? { body: CHINESE_PAGE } : null),
  }, (s) => ({ server, ctx, extId } = s));

  async function openAmbiguous() {
    const page = await ctx.newPage();
    await page.goto(server.allow('/ambiguous'));
    // Hikvision is unambiguous: once it is marked, the page has been scanned.
    await page.waitForFunction((n) => [...(CSS.highlights.get(n) ?? [])].some((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString() === 'Hikvision'; }), MARK);
    return page;
  }

  it('marks an ambiguous name only where the text shows a company is meant, and says why', async () => {
    const page = await openAmbiguous();
    expect(await page.evaluate(marks, MARK)).toEqual(['Shell', 'Hikvision']);
    await hover(page, 'Shell', 0);
    const text = (await evalInCard(ctx, page, 'return root.textContent;')) as string;
    expect(text).toContain('matched “Shell”');
    const at = async (selector: string) => {
      const b = (await evalInCard(ctx, page, `const r = root.querySelector('${selector}').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 };`)) as { x: number; y: number };
      // One step, straight onto the card: a path over the page would start the 300 ms grace, and
      // headless Chromium, once a highlight has been repainted, delivers moves about once a
      // second (requestAnimationFrame drops to 1 Hz), so a stepped path outlasts the grace.
      await page.mouse.move(b.x, b.y);
      await page.mouse.click(b.x, b.y);
    };
    // Why it counted: on the same line as what matched, one click away.
    const evidence = "const p = root.querySelector('.evidence'); return [p.checkVisibility(), p.textContent];";
    expect(await evalInCard(ctx, page, evidence)).toEqual([false, '“Shell” can mean other things; counted because the word “said” is near it.']);
    await at('[data-action=why]');
    expect(await evalInCard(ctx, page, evidence)).toEqual([true, '“Shell” can mean other things; counted because the word “said” is near it.']);
    // "Report a problem": plain text to copy, the page address only when the reader ticks it.
    await at('[data-action=report]');
    const report = (await evalInCard(ctx, page, "return root.querySelector('.report textarea').value;")) as string;
    expect(report).toContain('Matched text: Shell');
    expect(report).toContain('Entity: shell (Shell plc)');
    expect(report).toMatch(/Dataset: as of \d{4}-\d{2}-\d{2}; extension \d+\.\d+\.\d+/);
    expect(report).not.toContain('Page:');
    await at('.report input[type=checkbox]');
    expect(await evalInCard(ctx, page, "return root.querySelector('.report textarea').value;")).toContain(`Page: ${server.origin}/ambiguous`);
    await page.close();
  });

  it('matches Chinese names without spaces, and not inside another company’s name', async () => {
    const page = await ctx.newPage();
    await page.goto(server.allow('/zh'));
    await page.waitForFunction((n) => (CSS.highlights.get(n)?.size ?? 0) >= 2, MARK);
    expect(await page.evaluate(marks, MARK)).toEqual(['华为', '华为技术有限公司', '海康威视']);
    await page.close();
  });

  it('hides an alias on the site after "Not this company", across reloads, until undone', async () => {
    let page = await openAmbiguous();
    await hover(page, 'Shell', 0);
    const box = (await evalInCard(ctx, page, "const r = root.querySelector('[data-action=reject]').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 };")) as { x: number; y: number };
    await page.mouse.move(box.x, box.y, { steps: 6 }); // across to the card, within the grace
    await page.mouse.click(box.x, box.y);
    await page.waitForFunction((n) => ![...(CSS.highlights.get(n) ?? [])].some((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString() === 'Shell'; }), MARK);
    await page.reload();
    await page.waitForFunction((n) => [...(CSS.highlights.get(n) ?? [])].some((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString() === 'Hikvision'; }), MARK);
    expect(await page.evaluate(marks, MARK)).toEqual(['Hikvision']);

    const options = await ctx.newPage();
    await options.goto(`chrome-extension://${extId}/src/options/index.html`);
    await options.waitForSelector('li[data-entity="shell"]');
    expect(await options.textContent('li[data-entity="shell"]')).toContain('“Shell” is not shell');
    expect(await options.textContent('h3')).toBe('127.0.0.1');
    await options.click('li[data-entity="shell"] button');
    await options.waitForSelector('#none');
    await options.close();

    // The open tab is told at once; a reload marks it too.
    await page.waitForFunction((n) => [...(CSS.highlights.get(n) ?? [])].some((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString() === 'Shell'; }), MARK);
    await page.close();
    page = await openAmbiguous();
    expect(await page.evaluate(marks, MARK)).toEqual(['Shell', 'Hikvision']);
    await page.close();
  });

  it('made no network request', () => {
    expect(server.unexpected().filter((l) => !/google|gvt1|gstatic/.test(l.url))).toEqual([]);
  });
});
