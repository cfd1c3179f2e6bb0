// The scan queue's rest between passes: a bound on our share of the main thread, and no wait
// beyond MIN_DELAY_MS for a change that comes once we have rested (an endless feed's new paragraphs).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_DELAY_MS, ScanQueue } from '../../src/content/scan-queue.ts';

/** Our clock: a scan step costs what the test says, timers run on vitest's fake clock. */
let clock = 0;
const node = (name: string) => ({ name, isConnected: true, parentNode: null }) as unknown as Node;

function queue(costPerRoot: number) {
  const scanned: Array<{ root: string; at: number }> = [];
  const q = new ScanQueue(function* (root) {
    scanned.push({ root: (root as unknown as { name: string }).name, at: clock });
    // Four steps, each costing a quarter: slices are SLICE_MS long.
    for (let k = 0; k < 4; k++) {
      clock += costPerRoot / 4;
      yield;
    }
  }, () => undefined, () => clock);
  return { q, scanned };
}

/** Advances both clocks. */
function wait(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

describe('ScanQueue', () => {
  beforeEach(() => {
    clock = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('scans a change MIN_DELAY_MS after it when the last pass was cheap', () => {
    const { q, scanned } = queue(2);
    q.add(node('first'), true);
    wait(1);
    q.add(node('second'));
    wait(MIN_DELAY_MS - 5);
    expect(scanned.map((s) => s.root)).toEqual(['first']);
    wait(10);
    expect(scanned.map((s) => s.root)).toEqual(['first', 'second']);
  });

  it('rests ten times a costly pass before the next, and no longer than that', () => {
    const { q, scanned } = queue(40);
    q.add(node('heavy'), true);
    for (let k = 0; k < 20; k++) wait(1); // the pass's slices run
    expect(scanned).toHaveLength(1);
    q.add(node('soon'));
    wait(300);
    expect(scanned).toHaveLength(1);
    wait(150);
    expect(scanned.map((s) => s.root)).toEqual(['heavy', 'soon']);
    // Long after that pass and its rest, a change waits only MIN_DELAY_MS again.
    wait(5000);
    q.add(node('later'));
    wait(MIN_DELAY_MS + 50);
    expect(scanned.map((s) => s.root)).toEqual(['heavy', 'soon', 'later']);
  });

  it('scans what changed during a pass after it, and nothing after stop()', () => {
    const { q, scanned } = queue(40);
    q.add(node('a'), true);
    wait(0);
    q.add(node('during'));
    for (let k = 0; k < 1000; k++) wait(1);
    expect(scanned.map((s) => s.root)).toEqual(['a', 'during']);
    q.stop();
    q.add(node('stopped'));
    wait(5000);
    expect(scanned).toHaveLength(2);
  });
});
