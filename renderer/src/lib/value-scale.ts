// The value axis of a chart drawn against limits (spend against the budget's soft and hard
// limits, cache bytes against the cache's maximum). 'fit' scales the axis to the data, so that its
// shape shows even far below the limits; 'limits' always reaches the limits, so that the distance
// to them shows. Limits above a fitted axis are named beside the chart instead of drawn.
import { niceTicks } from './nice-ticks';

export type ValueScale = 'fit' | 'limits';

export const VALUE_SCALES: readonly ValueScale[] = ['fit', 'limits'];

/** Room above the highest limit, so that its line's label stays inside the plot. */
const LIMIT_HEADROOM = 1.04;
/** Room above the data, so that a flat line is not drawn on the plot's top edge. */
const DATA_HEADROOM = 1.05;

/**
 * Round ticks from 0 up to the data's maximum ('fit') or to the highest limit as well
 * ('limits'). `unit` makes the ticks round in that unit (1 MiB: 0, 10 MiB, 20 MiB…).
 */
export function valueTicks(
  dataMax: number,
  limits: readonly number[],
  scale: ValueScale,
  unit = 1,
): number[] {
  const data = dataMax * DATA_HEADROOM;
  const top = scale === 'limits' ? Math.max(data, ...limits.map((l) => l * LIMIT_HEADROOM)) : data;
  return niceTicks(top / unit, 5).map((t) => Number((t * unit).toPrecision(12)));
}

/** The limits above the axis's last tick: not drawn, so the chart names them. */
export function limitsAbove<T extends { value: number }>(
  limits: readonly T[],
  ticks: readonly number[],
): T[] {
  const top = ticks[ticks.length - 1] ?? 0;
  return limits.filter((l) => l.value > top);
}

/** Decimals that tell money ticks apart: those of their step, at least 2 (cents), at most 6. */
export function tickDecimals(ticks: readonly number[]): number {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  if (!(step > 0)) return 2;
  if (step < 1e-6) return 6;
  const text = String(Number(step.toPrecision(6))); // 0.00009999999999 → "0.0001"
  const dot = text.indexOf('.');
  return Math.min(6, Math.max(2, dot < 0 ? 0 : text.length - dot - 1));
}

export function isValueScale(v: unknown): v is ValueScale {
  return v === 'fit' || v === 'limits';
}
