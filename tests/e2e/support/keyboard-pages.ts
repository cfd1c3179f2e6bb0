// Pages for the keyboard and accessibility tests, written here (no ../shared needed).
import type { Worker } from 'playwright-core';
import { RECORDER } from './pages.ts';

declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- evaluated in the service worker

/**
 * Our shortcut, as the browser would deliver it: headless Chromium cannot be sent a browser
 * command, so this sends, from our service worker, exactly what the background's onCommand
 * listener sends (src/background/commands.ts, unit-tested): `companyList` to the active tab's top frame.
 */
export async function pressShortcut(sw: Worker): Promise<void> {
  await sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await chrome.tabs.sendMessage(tab.id, { type: 'companyList' }, { frameId: 0 });
  });
}

const FILLER = 'The committee met again on Tuesday and heard from several witnesses about procurement rules, budgets and the timetable for the next review.';

/**
 * A long article: Hikvision named near the top and again far below the fold (so reaching its
 * second mention needs a scroll), Huawei once in between; a button to hold the page's focus, and
 * a page key listener that records what it saw.
 * `background`: a colour for the page (the card follows it), or null for none (the card follows the system).
 */
export function keyboardPage(background: string | null = '#ffffff', color = '#222222'): string {
  const fill = (n: number) => Array.from({ length: n }, () => `<p>${FILLER}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Keyboard test</title>${RECORDER}
<style>body{font:18px/1.6 Georgia,serif;max-width:720px;margin:24px auto;padding:0 16px;color:${color};${background ? `background:${background}` : ''}}</style>
<script>
window.__pageKeys = [];
addEventListener('keydown', (e) => window.__pageKeys.push({ key: e.key, prevented: e.defaultPrevented }));
</script></head>
<body><header><button id="before" type="button">Subscribe</button></header>
<main><h1>Cameras in the city</h1>
<p id="first">Hikvision cameras were installed at the station last year.</p>
${fill(6)}
<p id="huawei">Huawei supplied the network equipment.</p>
${fill(30)}
<p id="second">Officials said the Hikvision contract would be reviewed.</p>
${fill(6)}
</main></body></html>`;
}
