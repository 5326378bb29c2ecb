// Shared recharts props derived from the theme palette: every time-series chart spreads these
// onto its own recharts elements (recharts needs the elements themselves as chart children).
import type { CSSProperties } from 'react';
import type { Palette } from '../palette';
import { formatClock, formatClockSeconds } from '../../lib/format';

export const CHART_MARGIN = { top: 12, right: 16, bottom: 4, left: 8 };

export function tooltipStyle(p: Palette): CSSProperties {
  return {
    background: p.panel,
    border: `1px solid ${p.grid}`,
    borderRadius: 6,
    color: p.text,
    fontSize: 12,
    boxShadow: '0 4px 14px rgba(0,0,0,0.25)',
  };
}

export function axisTick(p: Palette) {
  return { fill: p.muted, fontSize: 11 };
}

/** Below this span a time axis labels seconds: minute labels would all read the same. */
const SECONDS_SPAN_MS = 10 * 60_000;

/** The clock label for a time axis over `points` (in time order): HH:MM, or HH:MM:SS over a short span. */
export function timeTickFormat(points: readonly { at: number }[]): (at: number) => string {
  const span = points.length > 1 ? points[points.length - 1].at - points[0].at : 0;
  return span < SECONDS_SPAN_MS ? formatClockSeconds : formatClock;
}

/** The X axis of every time series over `points`: epoch ms, clock labels. */
export function timeAxisProps(p: Palette, points: readonly { at: number }[]) {
  return {
    dataKey: 'at',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    tickFormatter: timeTickFormat(points),
    tick: axisTick(p),
    stroke: p.grid,
    minTickGap: 40,
  };
}

/** A value axis over fixed ticks (from niceTicks), labelled with `format`. */
export function valueAxisProps(p: Palette, ticks: number[], format: (v: number) => string, width = 72) {
  return {
    domain: [0, ticks[ticks.length - 1]] as [number, number],
    ticks,
    tickFormatter: format,
    tick: axisTick(p),
    stroke: p.grid,
    width,
  };
}

/** A tooltip naming one series, values shown with `format`, times with seconds. */
export function tooltipProps(p: Palette, name: string, format: (v: number) => string) {
  return {
    contentStyle: tooltipStyle(p),
    labelFormatter: (l: unknown) => formatClockSeconds(Number(l)),
    // A gap in the series (null: nothing measured) is "no data", not zero.
    formatter: (v: unknown) =>
      [v === null || v === undefined ? 'no data' : format(Number(v)), name] as [string, string],
  };
}

/** A dashed horizontal limit line labelled on the right. */
export function limitLineProps(
  y: number,
  color: string,
  label: string,
  position: 'insideTopRight' | 'insideBottomRight' = 'insideTopRight',
) {
  return {
    y,
    stroke: color,
    strokeDasharray: '5 4',
    label: { value: label, fill: color, fontSize: 11, position },
  };
}
