// What a dataset problem is and how it is reported: the file, the record and the field, in text
// that is safe to print; and the partial dates every check reads.
import { isEntityId } from './ids.ts';

export interface DatasetProblem {
  file: string;
  record: string;
  field: string;
  message: string;
}

export function formatProblem(p: DatasetProblem): string {
  return `${p.file}: ${p.record}: ${p.field}: ${p.message}`;
}

/** A report stays readable when one broken array produces thousands of problems. */
const MAX_REPORTED = 100;

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    const more = problems.length > MAX_REPORTED ? `\n... and ${problems.length - MAX_REPORTED} more` : '';
    super(`dataset has ${problems.length} problem(s):\n${problems.slice(0, MAX_REPORTED).map(formatProblem).join('\n')}${more}`);
  }
}

/** Longer than any text a card shows; also keeps every check on a string linear and quick. */
export const MAX_TEXT = 2000;
/** More items than any record needs; bounds the pairwise checks (notNames against aliases). */
export const MAX_ITEMS = 1000;

/**
 * Tab and line feed are allowed in text (a quoted statement may have them), and the joiners
 * U+200C/U+200D that Persian and other scripts need; nothing else invisible.
 */
export const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * A value from the file as the report shows it: quoted, cut short, control and bidi characters
 * escaped, so a hostile value can neither flood the terminal nor reorder the report's own text.
 */
export function shown(v: string, max = 60): string {
  const cut = v.length > max ? `${v.slice(0, max)}…` : v;
  return `"${printable(cut.replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

/** Text with every control, bidi and invisible character written as \uXXXX. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A record's name in the report: its id when it is a valid one, else the id shown quoted. */
export function recordName(kind: 'entity' | 'list', id: unknown, fallback: string): string {
  if (typeof id !== 'string') return `${kind} ${fallback}`;
  return `${kind} ${isEntityId(id) ? id : shown(id)}`;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date. */
export function isPartialDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  if (Number(mo) < 1 || Number(mo) > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCDate() === Number(d);
}

/** Compares partial dates by their earliest possible day. */
export function compareDates(a: string, b: string): number {
  return a.padEnd(10, '-00').localeCompare(b.padEnd(10, '-00'));
}
