// The hover card's state machine, pure and timer-free so it is unit-tested with a fake clock.
// Timings follow Wikipedia's Page Previews: 150 ms dwell before preparing the card, shown 500 ms
// after the dwell began, 300 ms grace when the pointer leaves the mention or the card.
// Every interaction gets a token; a timer carrying an older token is stale and ignored.

export const DWELL_MS = 150;
export const SHOW_MS = 500;
export const GRACE_MS = 300;

export type Phase = 'idle' | 'dwell' | 'open' | 'grace';

export interface HoverState {
  phase: Phase;
  /** The mention the card is for (or is being prepared for). */
  mention: number | null;
  token: number;
  /** Card data for `mention` has arrived. */
  ready: boolean;
  /** The show time has passed while the data was not ready yet. */
  due: boolean;
  /** After Escape, the mention under the pointer stays closed until the pointer leaves it. */
  suppressed: number | null;
}

export type HoverEvent =
  | { type: 'pointer'; over: { mention: number } | 'card' | null }
  | { type: 'timer'; timer: 'prepare' | 'show' | 'hide'; token: number }
  | { type: 'ready'; token: number }
  | { type: 'escape' }
  | { type: 'away' }; // the mention scrolled out of view, the page changed under it, or we paused

export type HoverEffect =
  | { type: 'schedule'; timer: 'prepare' | 'show' | 'hide'; delay: number; token: number }
  | { type: 'prepare'; mention: number; token: number } // load card data, then dispatch `ready`
  | { type: 'show'; mention: number }
  | { type: 'hide' };

export const initialHover: HoverState = { phase: 'idle', mention: null, token: 0, ready: false, due: false, suppressed: null };

function dwell(s: HoverState, mention: number, showMs: number): [HoverState, HoverEffect[]] {
  const token = s.token + 1;
  const effects: HoverEffect[] = s.phase === 'open' || s.phase === 'grace' ? [{ type: 'hide' }] : [];
  effects.push({ type: 'schedule', timer: 'prepare', delay: DWELL_MS, token }, { type: 'schedule', timer: 'show', delay: showMs, token });
  return [{ phase: 'dwell', mention, token, ready: false, due: false, suppressed: null }, effects];
}

/** Moving from one open card's mention to another swaps at once: prepare now, show when ready. */
function swap(s: HoverState, mention: number): [HoverState, HoverEffect[]] {
  const token = s.token + 1;
  return [
    { phase: 'dwell', mention, token, ready: false, due: true, suppressed: null },
    [{ type: 'hide' }, { type: 'prepare', mention, token }],
  ];
}

function close(s: HoverState, suppressed: number | null = null): [HoverState, HoverEffect[]] {
  const effects: HoverEffect[] = s.phase === 'open' || s.phase === 'grace' ? [{ type: 'hide' }] : [];
  return [{ ...initialHover, token: s.token + 1, suppressed }, effects];
}

/** `showMs`: the reader's hover delay (settings), from the dwell's start to the card showing. */
export function hoverReducer(s: HoverState, e: HoverEvent, showMs = SHOW_MS): [HoverState, HoverEffect[]] {
  switch (e.type) {
    case 'pointer': {
      const over = e.over;
      if (over === 'card') {
        if (s.phase === 'grace') return [{ ...s, phase: 'open', token: s.token + 1 }, []];
        return [s, []];
      }
      if (over === null) {
        const cleared = s.suppressed === null ? s : { ...s, suppressed: null };
        if (s.phase === 'dwell') return close(cleared);
        if (s.phase === 'open') {
          const token = s.token + 1;
          return [{ ...cleared, phase: 'grace', token }, [{ type: 'schedule', timer: 'hide', delay: GRACE_MS, token }]];
        }
        return [cleared, []];
      }
      const m = over.mention;
      if (m === s.suppressed) return [s, []];
      if (s.phase === 'idle') return dwell(s, m, showMs);
      if (m === s.mention) {
        if (s.phase === 'grace') return [{ ...s, phase: 'open', token: s.token + 1 }, []];
        return [s, []];
      }
      // A different mention: while a card is open it swaps at once; during a dwell it restarts.
      if (s.phase === 'open' || s.phase === 'grace') return swap(s, m);
      return dwell(s, m, showMs);
    }
    case 'timer': {
      if (e.token !== s.token) return [s, []];
      if (e.timer === 'prepare' && s.phase === 'dwell' && s.mention !== null) {
        return [s, [{ type: 'prepare', mention: s.mention, token: s.token }]];
      }
      if (e.timer === 'show' && s.phase === 'dwell' && s.mention !== null) {
        if (s.ready) return [{ ...s, phase: 'open' }, [{ type: 'show', mention: s.mention }]];
        return [{ ...s, due: true }, []];
      }
      if (e.timer === 'hide' && s.phase === 'grace') return close(s);
      return [s, []];
    }
    case 'ready': {
      if (e.token !== s.token || s.phase !== 'dwell' || s.mention === null) return [s, []];
      if (s.due) return [{ ...s, phase: 'open', ready: true }, [{ type: 'show', mention: s.mention }]];
      return [{ ...s, ready: true }, []];
    }
    case 'escape':
      return s.phase === 'idle' ? [s, []] : close(s, s.mention);
    case 'away':
      return s.phase === 'idle' ? [s, []] : close(s);
  }
}
