// What each chart shows, in words: the text a screen reader gets for a chart (which is one image
// to it, not a tab stop), and a check for anyone who wants the figures without reading the plot.
// The breaker timeline's is beside its bands (features/breakers/breaker-bands.ts).
import { formatBytes, formatClock, formatRatio, formatSpend } from '../../lib/format';

/** How far back "recently" looks for a trend. */
export const TREND_MS = 10 * 60_000;

/** "rising by $0.42 over the last 10 minutes", "flat over the last 10 minutes", or '' (too few points). */
export function trend<T extends { at: number }>(
  points: readonly T[],
  value: (p: T) => number | null,
  format: (v: number) => string,
  windowMs: number = TREND_MS,
): string {
  const known = points.filter((p) => value(p) !== null);
  if (known.length < 2) return '';
  const last = known[known.length - 1];
  const from = last.at - windowMs;
  // The value at the start of the window: the last point at or before it, else the first point.
  const base = [...known].reverse().find((p) => p.at <= from) ?? known[0];
  if (base === last) return '';
  const minutes = Math.max(1, Math.round((last.at - Math.max(base.at, from)) / 60_000));
  const span = `over the last ${minutes === 1 ? 'minute' : `${minutes} minutes`}`;
  const delta = (value(last) ?? 0) - (value(base) ?? 0);
  if (delta === 0) return `flat ${span}`;
  return `${delta > 0 ? 'rising' : 'falling'} by ${format(Math.abs(delta))} ${span}`;
}

const sentence = (...parts: string[]) => `${parts.filter((p) => p !== '').join('; ')}.`;

export function spendSummary(
  history: readonly { at: number; spendUsd: number }[],
  softUsd: number,
  hardUsd: number,
): string {
  const last = history[history.length - 1];
  const limits = `soft limit ${formatSpend(softUsd)}, hard limit ${formatSpend(hardUsd)}`;
  if (!last) return sentence('Spend today: no points yet', limits);
  return sentence(
    `Spend today: ${formatSpend(last.spendUsd)} at ${formatClock(last.at)}`,
    limits,
    trend(history, (p) => p.spendUsd, formatSpend),
  );
}

export function spendBarsSummary(rows: readonly { name: string; spendUsd: number }[], what: string): string {
  const total = rows.reduce((s, r) => s + r.spendUsd, 0);
  if (rows.length === 0) return `Spend by ${what}: none yet.`;
  const parts = rows.map(
    (r) => `${r.name} ${formatSpend(r.spendUsd)}${total > 0 ? ` (${formatRatio(r.spendUsd / total)})` : ''}`,
  );
  return `Spend by ${what}: ${parts.join(', ')}.`;
}

export function hitRateSummary(history: readonly { at: number; hitRate: number | null }[]): string {
  const known = history.filter((p): p is { at: number; hitRate: number } => p.hitRate !== null);
  const last = known[known.length - 1];
  if (!last) return 'Cache hit rate: no lookups yet.';
  const rates = known.map((p) => p.hitRate);
  return sentence(
    `Cache hit rate: ${formatRatio(last.hitRate)} at ${formatClock(last.at)}`,
    `between ${formatRatio(Math.min(...rates))} and ${formatRatio(Math.max(...rates))} since ${formatClock(known[0].at)}`,
    known[0] !== history[0] ? `no lookups before ${formatClock(known[0].at)}` : '',
    trend(
      known,
      (p) => p.hitRate,
      (v) => `${(v * 100).toFixed(1)} points`,
    ),
  );
}

export function cacheSizeSummary(
  history: readonly { at: number; bytes: number }[],
  maxBytes: number,
): string {
  const last = history[history.length - 1];
  if (!last) return `Cache size: no points yet; at most ${formatBytes(maxBytes)}.`;
  return sentence(
    `Cache size: ${formatBytes(last.bytes)} stored of ${formatBytes(maxBytes)} at most`,
    trend(history, (p) => p.bytes, formatBytes),
  );
}
