// Walks the hover state machine drawn in docs/architecture.md with a fake clock.
import { HOVER_DELAY_DEFAULT } from '../../src/core/settings.ts';
import { describe, expect, it } from 'vitest';
import {
  DWELL_MS, GRACE_MS, hoverReducer, initialHover, type HoverEffect, type HoverEvent, type HoverState,
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
    } else if (f.type === 'show') this.log.push(`show ${f.mention}${f.keyboard ? ' by keyboard' : ''}@${this.now}`);
    else if (f.type === 'showList') this.log.push(`list@${this.now}`);
    else if (f.type === 'release') this.log.push(`release@${this.now}`);
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
    expect(h.log).toEqual([`prepare 1@${DWELL_MS}`, `show 1@${HOVER_DELAY_DEFAULT}`]);
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
    h.advance(HOVER_DELAY_DEFAULT - 100 + 1); // mention 1's show timer fires here, stale
    expect(h.log).toEqual([`prepare 2@${100 + DWELL_MS}`]);
    h.advance(1000);
    expect(h.log.at(-1)).toBe(`show 2@${100 + HOVER_DELAY_DEFAULT}`);
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

describe('keyboard states', () => {
  const list: HoverEvent = { type: 'list' };
  const pick = (mention: number): HoverEvent => ({ type: 'pick', mention });
  const escape: HoverEvent = { type: 'escape' };

  it('the shortcut opens the list; Enter opens the card at once, by keyboard, with no dwell', () => {
    const h = new Harness(5);
    h.send(list);
    expect(h.state.phase).toBe('list');
    h.send(pick(3));
    h.advance(5);
    expect(h.log).toEqual(['list@0', 'prepare 3@0', 'show 3 by keyboard@5']);
    expect(h.state).toMatchObject({ phase: 'open', mention: 3, keyboard: true });
  });
  it('Enter again steps to the next mention without closing the card in between', () => {
    const h = new Harness(0);
    h.send(list);
    h.send(pick(3));
    h.advance(0);
    h.send(pick(4));
    h.advance(0);
    expect(h.log).toEqual(['list@0', 'prepare 3@0', 'show 3 by keyboard@0', 'prepare 4@0', 'show 4 by keyboard@0']);
  });
  it('Escape in a keyboard card goes back to the list; Escape in the list closes and gives focus back', () => {
    const h = new Harness(0);
    h.send(list);
    h.send(pick(3));
    h.advance(0);
    h.send(escape);
    expect(h.state.phase).toBe('list');
    expect(h.log.at(-1)).toBe('list@0');
    h.send(escape);
    expect(h.state).toMatchObject({ phase: 'idle', keyboard: false, mention: null });
    expect(h.log.slice(-2)).toEqual(['hide@0', 'release@0']);
  });
  it('the pointer never moves or closes what the keyboard opened', () => {
    const h = new Harness(0);
    h.send(list);
    h.send(on(7));
    h.advance(2000);
    expect(h.state.phase).toBe('list');
    h.send(pick(3));
    h.advance(0);
    for (const e of [off, on(7), card, off]) h.send(e);
    h.advance(5000);
    expect(h.state).toMatchObject({ phase: 'open', mention: 3, keyboard: true });
    expect(h.log).toEqual(['list@0', 'prepare 3@2000', 'show 3 by keyboard@2000']);
  });
  it('a pick without the list (no keyboard session) does nothing', () => {
    const h = new Harness(0);
    h.send(pick(3));
    h.send(on(1));
    h.advance(600);
    h.send(pick(3));
    h.advance(100);
    expect(h.log).toEqual([`prepare 1@${DWELL_MS}`, `show 1@${HOVER_DELAY_DEFAULT}`]);
    expect(h.state.keyboard).toBe(false);
  });
  it('the shortcut over a hovered card replaces it with the list', () => {
    const h = new Harness();
    h.send(on(1));
    h.advance(600);
    h.send(list);
    expect(h.log.slice(-2)).toEqual(['hide@600', 'list@600']);
    expect(h.state.phase).toBe('list');
  });
  it('away (mention removed, paused) ends a keyboard session and gives focus back', () => {
    const h = new Harness(0);
    h.send(list);
    h.send(pick(3));
    h.advance(0);
    h.send({ type: 'away' });
    expect(h.log.slice(-2)).toEqual(['hide@0', 'release@0']);
    expect(h.state.phase).toBe('idle');
  });
  it('after a keyboard session the hover works as before', () => {
    const h = new Harness();
    h.send(list);
    h.send(escape);
    h.send(on(1));
    h.advance(1000);
    expect(h.log.slice(-2)).toEqual([`prepare 1@${DWELL_MS}`, `show 1@${HOVER_DELAY_DEFAULT}`]);
  });
});
