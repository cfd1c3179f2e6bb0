// Checks the built extensions for what we promise never to ship: HTML sinks, dynamic code,
// network APIs, web_accessible_resources, host permissions, external messaging, dev-server
// leftovers. Prints every finding with file and line; exits 1 if there is any.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const FORBIDDEN: Array<[RegExp, string]> = [
  // Preact's diff still names the dangerouslySetInnerHTML prop; the sink behind it is rewritten.
  [/\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|createContextualFragment/, 'HTML sink'],
  [/\beval\(|new Function\(|setTimeout\(\s*["'`]|importScripts\(/, 'dynamic code'],
  [/\bfetch\(|XMLHttpRequest|new WebSocket|WebSocket\(|sendBeacon|new EventSource|RTCPeerConnection/, 'network API'],
  // The polyfill wraps every event by name; a listener on the external ones is what we forbid.
  [/(onMessageExternal|onConnectExternal)\.addListener|externally_connectable/, 'external messaging'],
  [/localhost|127\.0\.0\.1|\/@vite\/|@crx\/client/, 'dev-server leftover'],
];

export function checkDist(dir: string): string[] {
  const problems: string[] = [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const file of walk(dir)) {
    if (!/\.(js|mjs|html|css|json)$/.test(file)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const [re, what] of FORBIDDEN) if (re.test(line)) problems.push(`${relative(process.cwd(), file)}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
    });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const where = relative(process.cwd(), join(dir, 'manifest.json'));
  if ('web_accessible_resources' in manifest) problems.push(`${where}: has web_accessible_resources (pages could detect us)`);
  if ('host_permissions' in manifest || 'optional_host_permissions' in manifest) problems.push(`${where}: has host permissions`);
  if (JSON.stringify(manifest.permissions) !== JSON.stringify(['storage'])) problems.push(`${where}: permissions are ${JSON.stringify(manifest.permissions)}, expected ["storage"]`);
  const csp = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? '';
  if (!/script-src 'self';/.test(csp) || /unsafe-eval|unsafe-inline|http/.test(csp)) problems.push(`${where}: extension_pages CSP "${csp}" is looser than script-src 'self'`);
  // early.js (document_start: the input listeners only) and content.js (document_idle), each self-contained.
  const scripts = (manifest.content_scripts as Array<{ js: string[]; run_at?: string }> | undefined) ?? [];
  const files = scripts.map((s) => `${s.js.join('+')}@${s.run_at ?? 'document_idle'}`).join(', ');
  if (files !== 'early.js@document_start, content.js@document_idle') problems.push(`${where}: content scripts are ${files || 'none'}, expected early.js@document_start, content.js@document_idle`);
  // Each is an IIFE that runs its entry; one that hands back exports was built from a module, not the entry.
  for (const file of ['early.js', 'content.js']) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push(`${relative(process.cwd(), path)}: missing`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (!/\}\)\(\);\s*$/.test(text) || /^var \w+ = \(function\(exports\)/m.test(text)) problems.push(`${relative(process.cwd(), path)}: not an IIFE that runs its entry (built from a module with exports?)`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist/chrome', 'dist/firefox'];
  const problems = dirs.flatMap(checkDist);
  for (const p of problems) console.error(p);
  console.log(`check-dist: ${dirs.join(', ')}: ${problems.length} problem(s)`);
  process.exit(problems.length > 0 ? 1 : 0);
}
