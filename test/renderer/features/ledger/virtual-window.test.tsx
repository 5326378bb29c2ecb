// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_PX,
  pagesCovering,
  revealScrollTop,
  rowTop,
  scrollTopFor,
  spacerHeight,
  virtualOffset,
  visibleRange,
} from '../../../../renderer/src/features/ledger/virtual-window';

const g = { total: 1_000_000, rowHeight: 28, viewport: 560 };

describe('virtual window', () => {
  it('is as tall as every row for a million rows and renders only a screenful', () => {
    expect(spacerHeight(g)).toBe(28_000_000);
    const r = visibleRange(14_000_000, g, 0);
    expect(r.first).toBe(500_000);
    expect(r.last - r.first).toBe(20);
  });

  it('clamps the range at both ends', () => {
    expect(visibleRange(0, g, 5)).toEqual({ first: 0, last: 25 });
    const end = visibleRange(spacerHeight(g) - g.viewport, g, 5);
    expect(end.last).toBe(1_000_000);
  });

  it('scales beyond what a browser can scroll, reaching the last row', () => {
    const huge = { total: 5_000_000, rowHeight: 28, viewport: 560 };
    expect(spacerHeight(huge)).toBe(MAX_SCROLL_PX);
    const bottom = MAX_SCROLL_PX - huge.viewport;
    expect(visibleRange(bottom, huge, 0).last).toBe(5_000_000);
    expect(scrollTopFor(virtualOffset(123_456, huge), huge)).toBeCloseTo(123_456, 3);
    // The last row sits at the bottom of the viewport.
    expect(rowTop(4_999_999, bottom, huge) + 28).toBeCloseTo(bottom + huge.viewport, 3);
  });

  it('reveals a row with the smallest scroll', () => {
    expect(revealScrollTop(5, 0, g)).toBe(0);
    expect(revealScrollTop(20, 0, g)).toBe(21 * 28 - 560);
    expect(revealScrollTop(3, 28 * 10, g)).toBe(3 * 28);
  });

  it('lists the pages covering a range', () => {
    expect(pagesCovering(0, 20, 100)).toEqual([0]);
    expect(pagesCovering(95, 130, 100)).toEqual([0, 1]);
    expect(pagesCovering(10, 10, 100)).toEqual([]);
  });
});
