// Measures that are not list entries, in Chromium and in Firefox: a government action
// that names the company (the BIS final determination on Kaspersky) and a policy on a class of
// suppliers that names nobody (the UK statement of 2022-11-24, reported as covering Dahua). The
// class policy must say that it does not name the company and cite the reporting that says it
// covers it; the named action must not.
import type { BrowserContext, Page as ChromiumPage } from 'playwright-core';
import type { Browser, Page as FirefoxPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../scripts/load-dataset.ts';
import { evalInCard, hover } from './support/card.ts';
import { articlePage } from './support/pages.ts';
import { cardTextBox, textPoint } from './support/probe.ts';
import type { Route, TestServer } from '../../scripts/lib/harness/server.ts';
import { withExtension } from './support/with-extension.ts';

const MARK = 'company-context';
const { dataset } = loadDataset(process.env.COMPANY_CONTEXT_DATA ?? 'data');
const list = (id: string) => dataset.lists.find((l) => l.id === id)!;
const measure = (entity: string, listId: string) => dataset.entities.find((e) => e.id === entity)!.measures.find((m) => m.list === listId)!;

const POLICY = list('gb-surveillance-equipment-government-sites');
const ACTION = list('us-bis-icts-final-determinations');
const policy = measure('dahua', POLICY.id);
const action = measure('kaspersky', ACTION.id);

const PAGES: Record<string, { hover: string; body: string }> = {
  '/policy': {
    hover: 'Dahua Technology',
    body: articlePage('Cameras on government sites', ['Officials said cameras made by Dahua Technology were found in several buildings.']),
  },
  '/action': {
    hover: 'Kaspersky',
    body: articlePage('Antivirus maker barred', ['US regulators barred sales of Kaspersky software to American customers.']),
  },
};

/** What the card must say for each, in the interface's English. */
const POLICY_TEXT = [
  POLICY.name, // "UK government: no new surveillance cameras from companies subject to China's National Intelligence Law on sensitive sites"
  policy.since, // 2022-11-24
  'Does not name the company',
  'reported as covering it:',
  'reported as covering Hikvision and Dahua',
  policy.citation.title, // the written ministerial statement
  ...policy.reportedBy!.map((c) => c.title), // the reporting
];
const ACTION_TEXT = [ACTION.name, `since ${action.since}`, action.citation.ref!, `listed as “${action.listedAs!}”`];

it('the dataset holds both kinds of measure the tests look for', () => {
  expect(POLICY.kind).toBe('class-policy');
  expect(policy.listedAs).toBeUndefined();
  expect(policy.reportedBy?.length).toBeGreaterThan(0);
  expect(ACTION.kind).toBe('government-action');
  expect(action.listedAs).toBeTruthy();
});

const route: Route = (path) => (PAGES[path] ? { body: PAGES[path].body } : null);

describe('Chromium: government actions and class policies on the card', () => {
  let server: TestServer;
  let ctx: BrowserContext;

  withExtension({ browser: 'chromium', route }, (s) => ({ server, ctx } = s));

  async function open(path: string): Promise<ChromiumPage> {
    const page = await ctx.newPage();
    await page.goto(server.allow(path));
    await page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 1, MARK);
    await hover(page, PAGES[path]!.hover, 0);
    return page;
  }
  /** The text of the card's item for one list, and whether it is the class-policy kind. */
  const item = (page: ChromiumPage, name: string) =>
    evalInCard(ctx, page, `const li = [...root.querySelectorAll('li.measure')].find((e) => e.getAttribute('data-list') === ${JSON.stringify(name)}); return li ? { text: li.textContent, kind: li.getAttribute('data-kind') } : null;`) as Promise<{ text: string; kind: string } | null>;

  it('shows a class policy as one that does not name the company, with the statement and the reporting cited', async () => {
    const page = await open('/policy');
    const li = (await item(page, POLICY.name))!;
    expect(li, 'the UK statement is on the Dahua card').not.toBeNull();
    expect(li.kind).toBe('class-policy');
    expect(li.text).toContain('names no company');
    for (const text of POLICY_TEXT) expect(li.text, text).toContain(text);
    expect(li.text).not.toContain('listed as');
    await page.close();
  });

  it('shows a government action that names the company, under the name it uses, without the class-policy line', async () => {
    const page = await open('/action');
    const li = (await item(page, ACTION.name))!;
    expect(li, 'the final determination is on the Kaspersky card').not.toBeNull();
    expect(li.kind).toBe('government-action');
    for (const text of ACTION_TEXT) expect(li.text, text).toContain(text);
    expect(li.text).not.toContain('Does not name the company');
    await page.close();
  });

  it('made no network request', () => {
    expect(server.unexpected().filter((l) => !/google|gvt1|gstatic/.test(l.url))).toEqual([]);
  });
});

/** Firefox has no way into a closed shadow root from a test: window.find() searches rendered text, shadow trees too. */
/** The first words of a text: enough to find it, short enough not to depend on how the card wraps it. */
const head = (text: string) => text.split(' ').slice(0, 4).join(' ');
/** Searches from the top each time: wrapping around does not reach back into a shadow tree. */
const onCard = (text: string) => {
  window.getSelection()?.removeAllRanges();
  return (window as unknown as { find: (s: string, c: boolean, b: boolean, w: boolean) => boolean }).find(text, true, false, true);
};
const cardOpen = () => [...document.documentElement.children].some((e) => e.matches(':popover-open'));

describe('Firefox: government actions and class policies on the card', () => {
  let server: TestServer;
  let browser: Browser;

  withExtension({ browser: 'firefox', route }, (s) => ({ server, browser } = s));

  async function open(path: string): Promise<FirefoxPage> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(server.allow(path));
    await page.waitForFunction((name) => (CSS.highlights.get(name)?.size ?? 0) >= 1, { timeout: 15_000 }, MARK);
    const p = (await page.evaluate(textPoint, [PAGES[path]!.hover, 0] as [string, number]))!;
    await page.mouse.move(p.x - 30, p.y - 40);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.waitForFunction(cardOpen, { timeout: 5000 });
    return page;
  }

  /** Opens a measure's details by a trusted click on its line (found by its short name). */
  async function openLine(page: FirefoxPage, shortName: string): Promise<void> {
    const box = await page.evaluate(cardTextBox, shortName);
    expect(box, shortName).not.toBeNull();
    await page.mouse.click(box!.x, box!.y);
    await new Promise((r) => setTimeout(r, 150));
  }

  it('shows a class policy as one that does not name the company, with the statement and the reporting cited', async () => {
    const page = await open('/policy');
    // At a glance, on the line itself; the rest behind the line's disclosure.
    expect(await page.evaluate(onCard, 'names no company')).toBe(true);
    await openLine(page, POLICY.shortName);
    for (const text of POLICY_TEXT.map(head)) expect(await page.evaluate(onCard, text), text).toBe(true);
    await page.close();
  });

  it('shows a government action that names the company, without the class-policy line', async () => {
    const page = await open('/action');
    expect(await page.evaluate(onCard, 'names no company')).toBe(false);
    await openLine(page, ACTION.shortName);
    for (const text of ACTION_TEXT.map(head)) expect(await page.evaluate(onCard, text), text).toBe(true);
    expect(await page.evaluate(onCard, 'Does not name the company')).toBe(false);
    await page.close();
  });

  it('made no network request', () => {
    expect(server.unexpected().filter((l) => !/mozilla|firefox|mozaws/.test(l.url))).toEqual([]);
  });
});
