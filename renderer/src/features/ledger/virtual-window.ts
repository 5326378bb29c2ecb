// Geometry of the virtualized ledger table: fixed-height rows, a spacer as tall as all rows
// (total × rowHeight), and only the rows inside the viewport rendered. Beyond what a browser can
// scroll (about 33.5M px in Chromium) the spacer is capped and scroll positions are scaled.

export const MAX_SCROLL_PX = 32_000_000;

export interface Geometry {
  total: number;
  rowHeight: number;
  /** Height of the visible rows area in px. */
  viewport: number;
}

export function spacerHeight(g: Geometry): number {
  return Math.min(g.total * g.rowHeight, MAX_SCROLL_PX);
}

/** The virtual (unscaled) pixel offset shown at the top of the viewport for a scrollTop. */
export function virtualOffset(scrollTop: number, g: Geometry): number {
  const content = g.total * g.rowHeight;
  const spacer = spacerHeight(g);
  if (content === spacer) return scrollTop;
  const maxScroll = spacer - g.viewport;
  return maxScroll <= 0 ? 0 : (scrollTop * (content - g.viewport)) / maxScroll;
}

/** The inverse of virtualOffset. */
export function scrollTopFor(virtual: number, g: Geometry): number {
  const content = g.total * g.rowHeight;
  const spacer = spacerHeight(g);
  if (content === spacer) return virtual;
  const maxVirtual = content - g.viewport;
  return maxVirtual <= 0 ? 0 : (virtual * (spacer - g.viewport)) / maxVirtual;
}

export interface VisibleRange {
  /** First row position rendered (inclusive). */
  first: number;
  /** One past the last row position rendered. */
  last: number;
}

export function visibleRange(scrollTop: number, g: Geometry, overscan = 4): VisibleRange {
  if (g.total <= 0) return { first: 0, last: 0 };
  const v = virtualOffset(scrollTop, g);
  const first = Math.max(0, Math.floor(v / g.rowHeight) - overscan);
  const last = Math.min(g.total, Math.ceil((v + g.viewport) / g.rowHeight) + overscan);
  return { first, last };
}

/** Top of row `position` inside the spacer, for the current scroll. */
export function rowTop(position: number, scrollTop: number, g: Geometry): number {
  return scrollTop + position * g.rowHeight - virtualOffset(scrollTop, g);
}

/** The scrollTop that brings `position` fully into view, moving as little as possible. */
export function revealScrollTop(position: number, scrollTop: number, g: Geometry): number {
  const v = virtualOffset(scrollTop, g);
  const top = position * g.rowHeight;
  if (top < v) return scrollTopFor(top, g);
  if (top + g.rowHeight > v + g.viewport) return scrollTopFor(top + g.rowHeight - g.viewport, g);
  return scrollTop;
}

/** How many whole rows fit in the viewport (at least 1). */
export function rowsPerViewport(g: Geometry): number {
  return Math.max(1, Math.floor(g.viewport / g.rowHeight));
}

/** Page numbers covering positions [first, last). */
export function pagesCovering(first: number, last: number, pageSize: number): number[] {
  if (last <= first) return [];
  const out: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((last - 1) / pageSize); p++) out.push(p);
  return out;
}
