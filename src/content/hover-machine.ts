// The hover card's state machine, pure and timer-free so it is unit-tested with a fake clock.
// Timings follow Wikipedia's Page Previews: 150 ms dwell before preparing the card, shown after
// the reader's hover delay (500 ms by default) from the dwell's start, 300 ms grace when the pointer leaves the mention or the card.
// Every interaction gets a token; a timer carrying an older token is stale and ignored.
// Keyboard states: our shortcut opens LIST; Enter there opens the card for a mention by
// keyboard (same DWELL/OPEN phases, `keyboard: true`, no timers); the pointer never moves or
// closes a keyboard session, only Escape, another shortcut or `away` does.

import { HOVER_DELAY_DEFAULT } from '../core/settings.ts';

export const DWELL_MS = 150;
export const GRACE_MS = 300;

type Phase = 'idle' | 'dwell' | 'open' | 'grace' | 'list';

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
  /** The card is (being) opened from the keyboard list: modal, focused, announced. */
  keyboard: boolean;
}

export type HoverEvent =
  | { type: 'pointer'; over: { mention: number } | 'card' | null }
  | { type: 'timer'; timer: 'prepare' | 'show' | 'hide'; token: number }
  | { type: 'ready'; token: number }
  | { type: 'escape' }
  | { type: 'away' } // the mention scrolled out of view, the page changed under it, or we paused
  | { type: 'list' } // our keyboard shortcut: open the list of companies on the page
  | { type: 'pick'; mention: number }; // Enter in the list or in a keyboard card: the card for this mention

export type HoverEffect =
  | { type: 'schedule'; timer: 'prepare' | 'show' | 'hide'; delay: number; token: number }
  | { type: 'prepare'; mention: number; token: number } // load card data, then dispatch `ready`
  | { type: 'show'; mention: number; keyboard: boolean }
  | { type: 'hide' }
  | { type: 'showList' } // render the company list and focus it
  | { type: 'release' }; // the keyboard session ended: give focus back to where it was

export const initialHover: HoverState = { phase: 'idle', mention: null, token: 0, ready: false, due: false, suppressed: null, keyboard: false };

/** A card or the list is on screen. */
const shown = (s: HoverState) => s.phase === 'open' || s.phase === 'grace' || s.phase === 'list' || (s.keyboard && s.phase === 'dwell');
/** The reader is in the keyboard list or a card opened from it. */
export const keyed = (s: HoverState) => s.phase === 'list' || s.keyboard;

function dwell(s: HoverState, mention: number, hoverDelay: number): [HoverState, HoverEffect[]] {
  const token = s.token + 1;
  const effects: HoverEffect[] = s.phase === 'open' || s.phase === 'grace' ? [{ type: 'hide' }] : [];
  effects.push({ type: 'schedule', timer: 'prepare', delay: DWELL_MS, token }, { type: 'schedule', timer: 'show', delay: hoverDelay, token });
  return [{ phase: 'dwell', mention, token, ready: false, due: false, suppressed: null, keyboard: false }, effects];
}

/** Moving from one open card's mention to another swaps at once: prepare now, show when ready. */
function swap(s: HoverState, mention: number): [HoverState, HoverEffect[]] {
  const token = s.token + 1;
  return [
    { phase: 'dwell', mention, token, ready: false, due: true, suppressed: null, keyboard: false },
    [{ type: 'hide' }, { type: 'prepare', mention, token }],
  ];
}

function close(s: HoverState, suppressed: number | null = null): [HoverState, HoverEffect[]] {
  const effects: HoverEffect[] = shown(s) ? [{ type: 'hide' }] : [];
  if (keyed(s)) effects.push({ type: 'release' });
  return [{ ...initialHover, token: s.token + 1, suppressed }, effects];
}

/** The list, from anywhere (the shortcut again, or Escape in a keyboard card). */
function list(s: HoverState): [HoverState, HoverEffect[]] {
  const effects: HoverEffect[] = s.phase === 'open' || s.phase === 'grace' ? [{ type: 'hide' }] : [];
  effects.push({ type: 'showList' });
  return [{ ...initialHover, phase: 'list', token: s.token + 1 }, effects];
}

/** The card for `mention`, opened by keyboard: prepared at once, shown as soon as its data is there. */
function pick(s: HoverState, mention: number): [HoverState, HoverEffect[]] {
  const token = s.token + 1;
  return [{ phase: 'dwell', mention, token, ready: false, due: true, suppressed: null, keyboard: true }, [{ type: 'prepare', mention, token }]];
}

/** `hoverDelay`: the reader's hover delay (settings), from the dwell's start to the card showing. */
export function hoverReducer(s: HoverState, e: HoverEvent, hoverDelay = HOVER_DELAY_DEFAULT): [HoverState, HoverEffect[]] {
  switch (e.type) {
    case 'pointer': {
      // A mouse moving about never takes over or closes what the keyboard opened.
      if (keyed(s)) return [s, []];
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
      if (s.phase === 'idle') return dwell(s, m, hoverDelay);
      if (m === s.mention) {
        if (s.phase === 'grace') return [{ ...s, phase: 'open', token: s.token + 1 }, []];
        return [s, []];
      }
      // A different mention: while a card is open it swaps at once; during a dwell it restarts.
      if (s.phase === 'open' || s.phase === 'grace') return swap(s, m);
      return dwell(s, m, hoverDelay);
    }
    case 'timer': {
      if (e.token !== s.token) return [s, []];
      if (e.timer === 'prepare' && s.phase === 'dwell' && s.mention !== null) {
        return [s, [{ type: 'prepare', mention: s.mention, token: s.token }]];
      }
      if (e.timer === 'show' && s.phase === 'dwell' && s.mention !== null) {
        if (s.ready) return [{ ...s, phase: 'open' }, [{ type: 'show', mention: s.mention, keyboard: s.keyboard }]];
        return [{ ...s, due: true }, []];
      }
      if (e.timer === 'hide' && s.phase === 'grace') return close(s);
      return [s, []];
    }
    case 'ready': {
      if (e.token !== s.token || s.phase !== 'dwell' || s.mention === null) return [s, []];
      if (s.due) return [{ ...s, phase: 'open', ready: true }, [{ type: 'show', mention: s.mention, keyboard: s.keyboard }]];
      return [{ ...s, ready: true }, []];
    }
    case 'escape':
      // Escape in a keyboard card goes back to the list; in the list it ends the session.
      if (s.keyboard) return list(s);
      if (s.phase === 'list') return close(s);
      return s.phase === 'idle' ? [s, []] : close(s, s.mention);
    case 'away':
      return s.phase === 'idle' ? [s, []] : close(s);
    case 'list':
      return list(s);
    case 'pick':
      return keyed(s) ? pick(s, e.mention) : [s, []];
  }
}
