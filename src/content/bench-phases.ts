// Where the content script's time goes, for `npm run bench` builds only (__CC_BENCH__, set by
// scripts/build.ts): in the shipped extension every function here returns at once. The totals
// are left as performance marks named `cc-phase:<phase>:<ms>`, which scripts/bench.ts reads.

/** Set for `npm run bench` builds only. */
declare const __CC_BENCH__: boolean;
/** Off where nothing defines it: the build scripts and the matching evaluation share text-scan.ts. */
const ON = typeof __CC_BENCH__ !== 'undefined' && __CC_BENCH__;

/**
 * walk: reading the page's text (the tree walk, runs); tokenise: words and their offsets;
 * match: the trie walk, evidence and resolution; ranges: nodes, visibility and StaticRanges of
 * the mentions kept; paint: handing them to the highlights (registry and near-viewport boxes).
 */
export type Phase = 'walk' | 'tokenise' | 'match' | 'ranges' | 'paint';
const PHASES: readonly Phase[] = ['walk', 'tokenise', 'match', 'ranges', 'paint'];
const totals = new Map<Phase, number>(PHASES.map((p) => [p, 0]));

export function phaseStart(): number {
  return ON ? performance.now() : 0;
}

export function phaseEnd(phase: Phase, t0: number): void {
  if (ON) totals.set(phase, totals.get(phase)! + performance.now() - t0);
}

/** Replaces the phase marks with the totals so far. */
export function publishPhases(): void {
  if (!ON) return;
  for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('cc-phase:')) performance.clearMarks(e.name);
  for (const [p, ms] of totals) performance.mark(`cc-phase:${p}:${ms.toFixed(3)}`);
}
