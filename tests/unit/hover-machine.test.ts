// Walks the hover state machine drawn in docs/architecture.md with a fake clock.
import { describe, expect, it } from 'vitest';
import {
  DWELL_MS, GRACE_MS, SHOW_MS, hoverReducer, initialHover, type HoverEffect, type HoverEvent, type HoverState,
} from '../../src/content/hover-machine.ts';

/** Runs the reducer with a clock: scheduled timers fire when `advance` passes them. */
class Harness {
  state: HoverState = initialHover;
  now = 0;
  timers: Array<{ at: number; timer: 'prepare' | 'show' | 'hide'; token: number }> = [];
  log: string[] = [];
  /** Card data arrives this long after `prepare` (null: never). */
  constructor(private readonly loadMs: number | null = 10) {}

  send(e: HoverEvent): void {
    const [s, fx] = hoverReducer(this.state, e);
    this.state = s;
    fx.forEach((f) => this.effect(f));
  }

  private effect(f: HoverEffect): void {
    if (f.type === 'schedule') this.timers.push({ at: this.now + f.delay, timer: f.timer, token: f.token });
    else if (f.type === 'prepare') {
      this.log.push(`prepare ${f.mention}@${this.now}`);
      if (this.loadMs !== null) this.timers.push({ at: this.now + this.loadMs, timer: 'ready' as never, token: f.token });
    } else if (f.type === 'show') this.log.push(`show ${f.mention}@${this.now}`);
    else this.log.push(`hide@${this.now}`);
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.now = next.at;
      if ((next.timer as string) === 'ready') this.send({ type: 'ready', token: next.token });
      else this.send({ type: 'timer', timer: next.timer, token: next.token });
    }
    this.now = end;
  }
}

const on = (mention: number): HoverEvent => ({ type: 'pointer', over: { mention } });
const off: HoverEvent = { type: 'pointer', over: null };
const card: HoverEvent = { type: 'pointer', over: 'card' };

describe('hover state machine', () => {
  it('prepares after the dwell and shows at 500 ms', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(1000);
    expect(h.log).toEqual([`prepare 1@${DWELL_MS}`, `show 1@${SHOW_MS}`]);
    expect(h.state.phase).toBe('open');
  });
  it('shows nothing when the pointer leaves before the dwell ends', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(DWELL_MS - 1);
    h.send(off);
    h.advance(1000);
    expect(h.log).toEqual([]);
    expect(h.state.phase).toBe('idle');
  });
  it('waits for slow data, then shows at once', () => {
    const h = new Harness(800);
    h.send(on(1));
    h.advance(2000);
    expect(h.log).toEqual([`prepare 1@${DWELL_MS}`, `show 1@${DWELL_MS + 800}`]);
  });
  it('keeps the card while the pointer moves onto it within the grace, and closes after leaving it', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(600);
    h.send(off);
    h.advance(GRACE_MS - 50);
    h.send(card);
    h.advance(5000);
    expect(h.state.phase).toBe('open');
    h.send(off);
    h.advance(GRACE_MS + 1);
    expect(h.log.at(-1)).toBe(`hide@${600 + GRACE_MS - 50 + 5000 + GRACE_MS}`);
    expect(h.state.phase).toBe('idle');
  });
  it('returning to the mention during the grace cancels the close', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(600);
    h.send(off);
    h.advance(100);
    h.send(on(1));
    h.advance(5000);
    expect(h.state.phase).toBe('open');
    expect(h.log.filter((l) => l.startsWith('hide'))).toEqual([]);
  });
  it('moving to another mention swaps the card at once', () => {
    const h = new Harness(5);
    h.send(on(1));
    h.advance(600);
    h.send(on(2));
    h.advance(5);
    expect(h.log.slice(-3)).toEqual(['hide@600', 'prepare 2@600', 'show 2@605']);
  });
  it('Escape closes and the same mention stays closed until the pointer leaves it', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(600);
    h.send({ type: 'escape' });
    expect(h.log.at(-1)).toBe('hide@600');
    h.send(on(1));
    h.advance(1000);
    expect(h.state.phase).toBe('idle');
    h.send(off);
    h.send(on(1));
    h.advance(1000);
    expect(h.state.phase).toBe('open');
  });
  it('ignores stale timers from an earlier interaction', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(100);
    h.send(on(2));
    h.advance(SHOW_MS - 100 + 1); // mention 1's show timer fires here, stale
    expect(h.log).toEqual([`prepare 2@${100 + DWELL_MS}`]);
    h.advance(1000);
    expect(h.log.at(-1)).toBe(`show 2@${100 + SHOW_MS}`);
  });
  it('closes when the mention scrolls away', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(600);
    h.send({ type: 'away' });
    expect(h.state.phase).toBe('idle');
    expect(h.log.at(-1)).toBe('hide@600');
  });
});
