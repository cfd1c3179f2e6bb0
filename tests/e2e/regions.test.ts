// One page per region (China, Russia, Iran, counter-sanctions, a dispute without measures): the
// card must show that entity's measures and claims from the dataset, and nothing of another's.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { evalInCard, hover } from './support/card.ts';
import { articlePage, REGION_PAGES } from './support/pages.ts';
import type { TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
const lists = new Map(dataset.lists.map((l) => [l.id, l]));

describe('Chromium: a card per region', () => {
  let server: TestServer;
  let ctx: BrowserContext;

  withExtension({
    browser: 'chromium',
    route: (path) => {
      const page = REGION_PAGES.find((p) => `/${p.entity}` === path);
      return page ? { body: articlePage(page.title, page.paragraphs) } : null;
    },
  }, (s) => ({ server, ctx } = s));

  for (const region of REGION_PAGES) {
    it(`${region.region}: ${region.entity}`, async () => {
      const entity = dataset.entities.find((e) => e.id === region.entity)!;
      expect(entity, `${region.entity} is in the dataset`).toBeDefined();
      const page = await ctx.newPage();
      await page.goto(server.allow(`/${region.entity}`));
      await page.waitForFunction(() => (CSS.highlights.get('company-context')?.size ?? 0) >= 1);
      await hover(page, region.hover, 0);
      const text = (await evalInCard(ctx, page, 'return root.textContent;')) as string;
      expect(text).toContain(entity.name);
      if (entity.measures.length === 0) expect(text).toContain('No listing in this dataset.');
      for (const m of entity.measures) {
        expect(text, `${m.list} since ${m.since}`).toContain(lists.get(m.list)!.name);
        expect(text).toContain(m.since);
        if (m.citation.ref) expect(text).toContain(m.citation.ref);
        if (m.removed) expect(text).toContain(`Removed on ${m.removed}`);
      }
      for (const c of entity.claims) {
        expect(text).toContain(c.text);
        for (const cc of c.counterClaims) expect(text).toContain(cc.text);
      }
      // Another entity's listing never shows on this card.
      const shown = (await evalInCard(ctx, page, "return [...root.querySelectorAll('[data-entity]')].map((e) => e.getAttribute('data-entity'));")) as string[];
      expect(shown).toEqual([region.entity]);
      await page.close();
    });
  }

  it('made no network request', () => {
    expect(server.unexpected().filter((l) => !/google|gvt1|gstatic/.test(l.url))).toEqual([]);
  });
});
