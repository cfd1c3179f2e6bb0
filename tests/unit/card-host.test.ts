// Where the card goes beside a mention: below when it fits, else above, else on the roomier side
// with its height capped, never over the mention, and inside the viewport.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeCard } from '../../src/content/card-host.ts';

const viewport = { width: 1000, height: 800 };
const card = (height: number, width = 400) => ({ width, height });
const anchor = (top: number, left = 50, height = 20) => ({ top, bottom: top + height, left });

describe('placeCard', () => {
  it('goes below the mention when it fits there, uncapped', () => {
    expect(placeCard(viewport, anchor(100), card(300))).toEqual({ top: 126, left: 50, maxHeight: null });
  });

  it('goes above when it does not fit below but fits above', () => {
    expect(placeCard(viewport, anchor(600), card(300))).toEqual({ top: 294, left: 50, maxHeight: null });
  });

  it('fits nowhere: the roomier side, capped to it', () => {
    expect(placeCard(viewport, anchor(300), card(1000))).toEqual({ top: 326, left: 50, maxHeight: 466 });
    expect(placeCard(viewport, anchor(500), card(1000))).toEqual({ top: 8, left: 50, maxHeight: 486 });
  });

  it('keeps to the viewport sideways, left edge first on a viewport narrower than the card', () => {
    expect(placeCard(viewport, anchor(100, 900), card(300)).left).toBe(592);
    expect(placeCard(viewport, anchor(100, -20), card(300)).left).toBe(8);
    expect(placeCard({ width: 300, height: 800 }, anchor(100, 120), card(300)).left).toBe(8);
  });

  it('never covers the mention and stays inside the viewport', () => {
    const cases = fc.record({
      vw: fc.integer({ min: 320, max: 2000 }),
      vh: fc.integer({ min: 200, max: 2000 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      lineHeight: fc.integer({ min: 10, max: 40 }),
      left: fc.integer({ min: -100, max: 2100 }),
      height: fc.integer({ min: 1, max: 3000 }),
    });
    fc.assert(fc.property(cases, ({ vw, vh, at, lineHeight, left, height }) => {
      const a = anchor(Math.floor(at * (vh - lineHeight)), left, lineHeight);
      const width = Math.min(400, vw - 16);
      const p = placeCard({ width: vw, height: vh }, a, card(height, width));
      const shown = p.maxHeight === null ? height : Math.min(height, p.maxHeight);
      const bottom = p.top + shown;
      expect(bottom <= a.top || p.top >= a.bottom).toBe(true);
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(bottom).toBeLessThanOrEqual(vh - 8);
      expect(p.left).toBeGreaterThanOrEqual(8);
      expect(p.left + width).toBeLessThanOrEqual(vw - 8);
    }));
  });
});
