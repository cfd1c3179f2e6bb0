// The project's guards must themselves fail on bad input: lint boundaries and sink bans, and the
// built-extension check.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDist } from '../../scripts/check-dist.ts';

const eslint = new ESLint();
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint rules', () => {
  it('keeps contexts apart', async () => {
    expect((await lint('src/content/x.ts', "import { a } from '../popup/main.tsx';\nexport const b = a;\n")).join()).toContain('another context');
    expect((await lint('src/popup/x.ts', "import { a } from '../background/index.ts';\nexport const b = a;\n")).join()).toContain('another context');
    expect(await lint('src/popup/x.ts', "import { siteOf } from '../core/ids.ts';\nexport const b = siteOf;\n")).toEqual([]);
  });
  it('keeps core free of the DOM framework and extension APIs', async () => {
    expect((await lint('src/core/x.ts', "import { h } from 'preact';\nexport const b = h;\n")).join()).toContain('DOM-free');
    expect((await lint('src/core/x.ts', "import { Card } from '../ui/Card.tsx';\nexport const b = Card;\n")).join()).toContain('another context');
  });
  it('bans HTML sinks, dynamic code, network and message listeners in shipped code', async () => {
    const bad = [
      'document.body.innerHTML = "x";', 'el.insertAdjacentHTML("beforeend", "x");', 'eval("1");', 'new Function("return 1");',
      'fetch("https://x.example");', 'new XMLHttpRequest();', 'navigator.sendBeacon("/x");', 'new WebSocket("wss://x");',
      'window.addEventListener("message", () => {});', 'chrome.runtime.onMessageExternal.addListener(() => {});',
    ];
    for (const code of bad) expect((await lint('src/content/x.ts', `${code}\nexport {};\n`)).length, code).toBeGreaterThan(0);
    expect((await lint('src/ui/x.tsx', 'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;\n')).join()).toContain('HTML sink');
  });
});

describe('check-dist', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-dist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = { permissions: ['storage'], content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" }, content_scripts: [{ js: ['early.js'], run_at: 'document_start' }, { js: ['content.js'], run_at: 'document_idle' }] };

  it('passes a clean build and names every problem in a bad one', () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'early.js'), '(function() {\n\tsend("hello");\n})();\n');
    writeFileSync(join(dir, 'content.js'), '(function() {\n\tel.textContent = "ok";\n})();\n');
    expect(checkDist(dir)).toEqual([]);
    // Built from a module rather than the entry: an IIFE that returns exports and runs nothing.
    writeFileSync(join(dir, 'content.js'), 'var cc = (function(exports) {\n\texports.Page = Page;\n\treturn exports;\n})({});\n');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'a.js'), 'x.innerHTML = y;\nfetch(u);\nimport("http://localhost:5173/@vite/client");\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, permissions: ['storage', 'tabs'], web_accessible_resources: [], host_permissions: ['<all_urls>'], content_scripts: [{ js: ['content.js'], run_at: 'document_start' }] }));
    const got = checkDist(dir).join('\n');
    expect(got).toMatch(/assets\/a\.js:1: HTML sink/);
    expect(got).toMatch(/assets\/a\.js:2: network API/);
    expect(got).toMatch(/assets\/a\.js:3: dev-server leftover/);
    expect(got).toContain('has web_accessible_resources');
    expect(got).toContain('has host permissions');
    expect(got).toContain('permissions are ["storage","tabs"]');
    expect(got).toContain('content scripts are content.js@document_start');
    expect(got).toMatch(/content\.js: not an IIFE that runs its entry/);
  });
});
