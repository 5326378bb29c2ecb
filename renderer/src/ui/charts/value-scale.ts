// The value axis of a chart drawn against limits (spend against the budget's soft and hard
// limits, cache bytes against the cache's maximum). 'fit' scales the axis to the data, so that its
// shape shows even far below the limits, and reaches a limit only once the data nears it;
// 'limits' always reaches the limits, so that the distance to them shows. Limits above a fitted
// axis are named beside the chart instead of drawn.
import { niceTicks } from './nice-ticks';

export type ValueScale = 'fit' | 'limits';

/** Room above the highest limit, so that its line's label stays inside the plot. */
const LIMIT_HEADROOM = 1.04;
/** Room above the data, so that a flat line is not drawn on the plot's top edge. */
const DATA_HEADROOM = 1.05;
/**
 * Once the lowest limit is this close above the data, a fitted scale reaches the limits too: the
 * data keeps most of the plot's height, and limits that near are what an operator most needs to
 * see (the soft and hard budget limits go together).
 */
const NEAR_LIMIT = 1.5;

/**
 * Round ticks from 0 up to the data's maximum ('fit'; up to the limits too once the data nears
 * them), or to the highest limit ('limits'). `unit` makes the ticks round in that unit (1 MiB:
 * 0, 10 MiB, 20 MiB…).
 */
export function valueTicks(
  dataMax: number,
  limits: readonly number[],
  scale: ValueScale,
  unit = 1,
): number[] {
  const data = dataMax * DATA_HEADROOM;
  const near = limits.length > 0 && Math.min(...limits) * LIMIT_HEADROOM <= data * NEAR_LIMIT;
  const reach = scale === 'limits' || near ? limits : [];
  const top = Math.max(data, ...reach.map((l) => l * LIMIT_HEADROOM));
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

/** Labels for money ticks, with the decimals their step needs ($0.0025, not a second "$0.00"). */
export function usdTickFormatter(ticks: readonly number[]): (v: number) => string {
  const digits = tickDecimals(ticks);
  const usd = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return (v: number) => usd.format(v);
}

export function isValueScale(v: unknown): v is ValueScale {
  return v === 'fit' || v === 'limits';
}
