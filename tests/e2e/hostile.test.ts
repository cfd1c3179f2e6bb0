// Pages that fight back, in Chromium: patched and frozen built-ins, clobbered names, capture-phase
// listeners that swallow every pointer event, a timer that clears the highlight registry. Marks
// and the card must still work. Everything is observed from the content script's own world,
// since the page's world cannot be trusted on these pages.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browsers.ts';
import { evalInCard, evalInContentWorld } from './support/card.ts';
import { HOSTILE_PAGES } from './support/pages.ts';
import { startServer, type TestServer } from './support/server.ts';

const CASES: Array<{ page: keyof typeof HOSTILE_PAGES; name: string; entity: string }> = [
  { page: 'tampered', name: 'Hikvision', entity: 'hikvision' },
  { page: 'clobbered', name: 'Huawei', entity: 'huawei' },
  { page: 'swallowing', name: 'Dahua Technology', entity: 'dahua' },
  { page: 'clearing', name: 'Sberbank', entity: 'sberbank' },
];

/** In the content script's world: the marked texts, and the centre of the first mark (marks are StaticRanges: read through live ones). */
const MARKS = `(() => { const h = CSS.highlights.get('company-context'); if (!h) return null; const rs = [...h].map((s) => { const r = document.createRange(); r.setStart(s.startContainer, s.startOffset); r.setEnd(s.endContainer, s.endOffset); return r; }); const b = rs[0] && rs[0].getClientRects()[0]; return { texts: rs.map((r) => r.toString()), x: b ? b.left + b.width / 2 : 0, y: b ? b.top + b.height / 2 : 0 }; })()`;

describe('Chromium: hostile pages', () => {
  let server: TestServer;
  let ctx: BrowserContext;
  const ourErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer((path) => {
      const body = HOSTILE_PAGES[path.slice(1)];
      return body ? { body } : null;
    });
    ({ ctx } = await launchChromium({ proxyPort: server.port }));
    ctx.on('weberror', (e) => {
      const stack = e.error().stack ?? '';
      if (/chrome-extension:\/\//.test(stack)) ourErrors.push(stack.split('\n')[0]!);
    });
  });

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });

  async function waitForMarks(page: Page, name: string): Promise<{ texts: string[]; x: number; y: number }> {
    for (let i = 0; i < 50; i++) {
      const m = (await evalInContentWorld(ctx, page, MARKS)) as { texts: string[]; x: number; y: number } | null;
      if (m?.texts.includes(name)) return m;
      await page.waitForTimeout(100);
    }
    throw new Error(`"${name}" was never marked`);
  }

  for (const c of CASES) {
    it(`${c.page}: marks ${c.name} and opens its card on a trusted hover`, async () => {
      const page = await ctx.newPage();
      await page.goto(server.allow(`/${c.page}`));
      const m = await waitForMarks(page, c.name);
      await page.mouse.move(m.x - 30, m.y - 40);
      await page.mouse.move(m.x, m.y, { steps: 4 });
      let entity: unknown = null;
      for (let i = 0; i < 30 && entity === null; i++) {
        await page.waitForTimeout(100);
        entity = await evalInCard(ctx, page, "return root.querySelector('.card')?.getAttribute('data-entity') ?? null;");
      }
      expect(entity).toBe(c.entity);
      await page.close();
    });
  }

  it('threw nothing from our code', () => {
    expect(ourErrors).toEqual([]);
  });
});
