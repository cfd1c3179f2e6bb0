// docs/performance.md has one section per benchmark script; each run replaces its own section
// (from its heading to the next `## `) and leaves the others, hand-written analysis included, as
// they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const PERF_DOC = 'docs/performance.md';

/** `body` is everything under `heading`; a section not there yet is appended at the end. */
export function writeSection(heading: string, body: string, file = PERF_DOC): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = before.indexOf(`${heading}\n`);
  let out: string;
  if (start < 0) out = `${before.trimEnd()}\n\n${section}`;
  else {
    const next = before.indexOf('\n## ', start + heading.length);
    out = `${before.slice(0, start)}${section}${next >= 0 ? `\n${before.slice(next + 1)}` : ''}`;
  }
  writeFileSync(file, out);
  console.log(`wrote ${file}`);
}
