// `npm run demo`: the built extension (dist/chrome) in Debian's Chromium on the seed article,
// served on 127.0.0.1. With a DISPLAY it opens a window to try by hand; without one it writes
// screenshots of the marked page, a hover card and the popup to demo-output/.
// The seed is read in place from ../shared (never copied into the repo).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from './lib/harness/browsers.ts';
import { hasSeed, seedPage, SEED } from '../tests/e2e/support/pages.ts';
import { textPoint } from '../tests/e2e/support/probe.ts';
import { startServer } from './lib/harness/server.ts';

const MARK = 'company-context';
const OUT = resolve(process.cwd(), 'demo-output');
const headed = Boolean(process.env.DISPLAY);

// The one extension API the demo calls, inside the service worker (the repo has no chrome typings).
declare const chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

if (!hasSeed) {
  console.error(`The demo needs the seed article at ${SEED}, which comes from the ../shared folder beside this repo (run from the repo root). It is absent, so nothing was started.`);
  process.exit(1);
}

const server = await startServer((path) => (path === '/seed' ? { body: seedPage() } : null));
const seedUrl = server.allow('/seed');

// No proxy here: the demo shows the extension, the e2e tests record the network.
const { ctx, sw, extId } = await launchChromium({ headless: !headed, viewport: { width: 1100, height: 800 } });
const closed = new Promise<void>((ok) => ctx.on('close', () => ok()));

/** Closes the browser and the server. */
async function shutdown(): Promise<void> {
  await ctx.close().catch(() => undefined);
  await server.close();
}

try {
  // A persistent context opens with one blank tab: reuse it so the window shows the article.
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(seedUrl);
  await page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 4, MARK);

  const found = await page.evaluate((name) => [...(CSS.highlights.get(name) ?? [])].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); }), MARK);
  const counts = new Map<string, number>();
  for (const t of found) counts.set(t, (counts.get(t) ?? 0) + 1);
  console.log(`Mentions marked on ${seedUrl}:`);
  for (const [text, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(n).padStart(3)}  ${text}`);
  console.log(`  ${String(found.length).padStart(3)}  total`);

  if (headed) {
    console.log('\nHover a dotted-underlined name to see its card; the toolbar button opens the popup.');
    console.log('Close the browser window to end the demo.');
    // Ctrl-C in the terminal ends it too, closing the browser rather than orphaning it.
    process.once('SIGINT', () => void ctx.close());
    await closed;
  } else {
    mkdirSync(OUT, { recursive: true });
    const written: string[] = [];

    const marked = join(OUT, 'marked-page.png');
    await page.screenshot({ path: marked });
    written.push(marked);

    // A trusted hover (real mouse input): the card ignores synthetic events by design.
    const p = await page.evaluate(textPoint, ['Hikvision', 1] as [string, number]);
    if (!p) throw new Error('the seed page has no second "Hikvision" to hover');
    await page.mouse.move(p.x - 30, p.y - 40);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.waitForFunction(() => [...document.documentElement.children].some((e) => e.matches(':popover-open')));
    await page.waitForTimeout(400); // let the card's fade-in finish
    const card = join(OUT, 'card.png');
    await page.screenshot({ path: card });
    written.push(card);

    // The popup reads per-tab state the background keeps under `tab:<id>` in session storage.
    const tabId = await sw!.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      const key = Object.keys(all).find((k) => k.startsWith('tab:'));
      return key ? Number(key.slice(4)) : null;
    });
    if (tabId === null) throw new Error('the background recorded no tab for the article');
    const popup = await ctx.newPage();
    await popup.goto(`chrome-extension://${extId}/src/popup/index.html?tab=${tabId}`);
    await popup.waitForSelector('#companies li');
    const popupPng = join(OUT, 'popup.png');
    await popup.screenshot({ path: popupPng });
    written.push(popupPng);

    console.log('\nScreenshots written:');
    for (const f of written) console.log(`  ${f}`);
  }
} catch (err) {
  await shutdown();
  throw err;
}

await shutdown();
process.exit(0);
