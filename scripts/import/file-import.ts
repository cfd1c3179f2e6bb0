// The account of one imported file: every row read ends as a kept organisation, a skip with its
// reason, or an error with its line. Nothing leaves a reader without being counted here.
import { basename } from 'node:path';
import { excelDate, isoDate } from '../lib/csv.ts';
import type { AsOfBasis, OfficialDate, OfficialDateMeaning, OfficialRecord } from '../../src/core/official.ts';
import type { PartialDate } from '../../src/core/dataset.ts';

/** Why a record was left out. Persons, vessels and aircraft are not organisations. */
export type SkipReason = 'person' | 'vessel' | 'aircraft' | 'likely person (untyped row)' | 'empty row' | `other type (${string})`;

/** A record as a reader builds it; the file, its "as of" date and the curated entity are added later. */
export type RecordDraft = Omit<OfficialRecord, 'file' | 'asOf' | 'asOfBasis' | 'entity' | 'attachedBy'>;

/** isoDate reads the shape only; "31/31/2024" must not become a date. */
const REAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface Problem {
  at: string;
  message: string;
}

export class FileImport {
  /** Physical rows (or XML elements) read: name variations count one each. */
  rows = 0;
  readonly kept: OfficialRecord[] = [];
  readonly skipped = new Map<SkipReason, number>();
  /** Malformed rows: reported with their line and left out of every record. */
  readonly errors: Problem[] = [];
  /** A value that could not be read (a date), the record kept without it. */
  readonly warnings: Problem[] = [];
  asOf: PartialDate | null = null;
  asOfBasis: AsOfBasis = 'unknown';

  constructor(
    /** Path relative to the imported folder. */
    readonly file: string,
    readonly format: string,
    /** Whether a name key is an organisation known from elsewhere (a curated entity), for lists that do not type their rows. */
    readonly known: (nameKey: string) => boolean = () => false,
  ) {}

  keep(draft: RecordDraft): void {
    const aliases = uniqueNames(draft.name, draft.aliases);
    this.kept.push({ ...draft, aliases, file: this.file, asOf: null, asOfBasis: 'unknown' });
  }

  skip(reason: SkipReason): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  error(at: string, message: string): void {
    this.errors.push({ at: `${this.file}:${at}`, message });
  }

  warn(at: string, message: string): void {
    this.warnings.push({ at: `${this.file}:${at}`, message });
  }

  /** Records formed from the rows: kept plus skipped. */
  get records(): number {
    return this.kept.length + [...this.skipped.values()].reduce((a, b) => a + b, 0);
  }

  /** Reads a date value into `dates`; an unreadable one is a warning, never silently lost. */
  date(dates: OfficialDate[], at: string, raw: string | undefined, meaning: OfficialDateMeaning, label: string): void {
    const value = (raw ?? '').trim();
    if (!value) return;
    const date = isoDate(value) ?? excelDate(value);
    if (date && REAL_DATE.test(date)) dates.push({ date, meaning, label });
    else this.warn(at, `${label}: "${value}" is not a date`);
  }

  /** The file states its date: this wins over anything inferred. */
  statedAsOf(raw: string, at: string): void {
    const d = isoDate(raw);
    if (d) {
      this.asOf = d;
      this.asOfBasis = 'stated';
    } else this.warn(at, `"as of" date "${raw}" is not a date`);
  }

  /**
   * Sets the "as of" date on every kept record. Without a stated one: a date in the file's name
   * (snapshots are saved so), else the newest date of a kept record (a lower bound of the list's date).
   */
  finish(): void {
    if (this.asOfBasis === 'unknown') {
      const latest = this.kept.flatMap((r) => r.dates.filter((d) => d.meaning !== 'ended').map((d) => d.date)).sort().at(-1);
      const named = /(\d{4}-\d{2}(?:-\d{2})?)/.exec(basename(this.file))?.[1];
      if (named) [this.asOf, this.asOfBasis] = [named, 'file name'];
      else if (latest) [this.asOf, this.asOfBasis] = [latest, 'latest date in file'];
    }
    for (const r of this.kept) Object.assign(r, { asOf: this.asOf, asOfBasis: this.asOfBasis });
  }
}

/** Aliases without blanks, repeats or the name itself (compared case-insensitively). */
function uniqueNames(name: string, aliases: string[]): string[] {
  const seen = new Set([name.trim().toLowerCase()]);
  const out: string[] = [];
  for (const a of aliases.map((x) => x.trim())) {
    const k = a.toLowerCase();
    if (a && !seen.has(k)) {
      seen.add(k);
      out.push(a);
    }
  }
  return out;
}
