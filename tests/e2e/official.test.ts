// A `--with-official` build (data/generated/official.json from the snapshots in ../shared) in
// Chromium: an organisation known only from the official lists is marked, and its card cites the
// list, the date with its meaning and the source record; a curated entity's card gains the record
// attached to it. Builds into a scratch folder in beforeAll (chrome only, ~5 s).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OfficialRecord } from '../../src/core/official.ts';
import { evalInCard, hover } from './support/card.ts';
import { marks } from './support/probe.ts';
import { withExtension } from './support/with-extension.ts';

const LISTS = '../shared/official-lists';
const OFFICIAL = 'data/generated/official.json';
const MARK = 'company-context';
const hasLists = existsSync(LISTS);
if (!hasLists) console.warn(`SKIPPED official-lists e2e: ${LISTS} is absent (../shared is not on this machine).`);

/** Not curated; on the 2022 Entity List in the CSL snapshot. */
const IMPORTED = 'Academy of Military Medical Sciences';
const PAGE = `<!doctype html><html lang="en"><head><title>t</title></head><body><article>
      <p>Researchers at the ${IMPORTED} published a paper, the institute said.</p>
      <p>Sberbank said its profit rose. Apex is a common word and so is progress.</p></article></body></html>`;

describe.skipIf(!hasLists)('Chromium: a --with-official build', () => {
  let ctx: BrowserContext;
  let page: Page;
  let imported: OfficialRecord;
  let attached: OfficialRecord;
  let records: OfficialRecord[];
  let out = '';

  beforeAll(async () => {
    if (!existsSync(OFFICIAL)) execFileSync('npx', ['tsx', 'scripts/data-import.ts', LISTS], { stdio: 'ignore' });
    records = (JSON.parse(readFileSync(OFFICIAL, 'utf8')) as { records: OfficialRecord[] }).records;
    imported = records.find((r) => r.name === IMPORTED && r.file.startsWith('us-trade-csl/') && !r.entity)!;
    attached = records.find((r) => r.entity === 'sberbank' && r.file.startsWith('ca-sema/'))!;
    expect(imported, `${IMPORTED} on the CSL snapshot`).toBeDefined();
    expect(attached, 'a SEMA record attached to Sberbank').toBeDefined();
    out = mkdtempSync(join(tmpdir(), 'cc-official-'));
    execFileSync('npx', ['tsx', 'scripts/build.ts', 'chrome', '--with-official'], { env: { ...process.env, COMPANY_CONTEXT_OUT: out }, stdio: 'ignore' });
  }, 120_000);

  withExtension({
    browser: 'chromium',
    route: (path) => (path === '/official' ? { body: PAGE } : null),
    launch: () => ({ extensionDir: join(out, 'chrome') }),
    open: { path: '/official', marks: 2 },
  }, (s) => ({ ctx, page } = s));

  const cardText = async () => (await evalInCard(ctx, page, 'return root.textContent;')) as string | null;

  it('marks the imported-only organisation beside the curated one, and no single common word', async () => {
    expect(new Set(await page.evaluate(marks, MARK))).toEqual(new Set([IMPORTED, 'Sberbank']));
  });

  it("shows the imported organisation's card with list, date and its meaning, source record and the file's date", async () => {
    await hover(page, IMPORTED, 0);
    const text = (await cardText())!;
    expect(text).toContain(IMPORTED);
    expect(text).toContain(imported.list);
    const listed = imported.dates.find((d) => d.meaning === 'listed')!;
    expect(text).toContain(`${listed.label}: ${listed.date} (date added to the list)`);
    expect(text).toContain(`Source record ${imported.ref} · list file as of ${imported.asOf}`);
    expect(text).toContain('A listing is not proof of wrongdoing');
    expect(text).not.toContain('No listing');
    await page.keyboard.press('Escape');
  });

  it("adds the attached record to the curated card as 'also on', beside its curated measures", async () => {
    await page.mouse.move(5, 5);
    await hover(page, 'Sberbank', 0);
    const text = (await cardText())!;
    expect(text).toContain(`Also on ${attached.list} (source record ${attached.ref}, as of ${attached.asOf})`);
    // The curated measures are still there, each once, and the attached record is not one of them.
    const measures = (JSON.parse(readFileSync('data/entities/sberbank.json', 'utf8')) as { measures: Array<{ list: string; citation: { ref?: string } }> }).measures;
    expect(await evalInCard(ctx, page, "return root.querySelectorAll('li.measure:not(.official)').length;")).toBe(measures.length);
    // Records of the same listing (same source record) or of a list with a curated measure are not repeated.
    const refs = new Set(measures.map((m) => m.citation.ref));
    const lists = new Set(measures.map((m) => m.list));
    const extra = records.filter((r) => r.entity === 'sberbank' && ![r.ref, ...(r.otherRefs ?? [])].some((x) => refs.has(x)) && !lists.has(r.listId ?? ''));
    expect(extra.map((r) => r.ref)).toContain(attached.ref);
    expect(await evalInCard(ctx, page, "return [...root.querySelectorAll('li.measure.official')].map((li) => li.dataset.ref);")).toEqual(extra.map((r) => r.ref));
  });
});
