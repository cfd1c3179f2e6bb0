// The one set of summary figures `npm run bench` and `npm run stress` print into docs/performance.md,
// so that a "p95" means the same thing in both sections.

/**
 * Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
 * Always a value that was measured (no interpolation between two runs), which is what a "p95 ms"
 * of a handful of pages should report. NaN for no samples, shown as "—" by `fmt`.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summary(xs: readonly number[]): Summary {
  return { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : NaN };
}

/** Mean of the finite samples (a failed heap reading is NaN and left out). */
export function mean(xs: readonly number[]): number {
  const ok = xs.filter(Number.isFinite);
  return ok.reduce((a, b) => a + b, 0) / Math.max(1, ok.length);
}

/** A figure for a table: `digits` decimals, "—" where nothing was measured. */
export const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');
