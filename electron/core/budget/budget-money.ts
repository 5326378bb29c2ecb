// The BudgetTracker's money: amounts in integer micro-dollars (sums never drift), validated
// charges, per-provider/model buckets, and their display.
import type { SpendBucket } from '../../../shared/domain';

/** Provider/model bucket used when a cost is recorded without one. */
export const UNKNOWN_LABEL = 'unknown';

export const MICRO_PER_USD = 1_000_000;

/**
 * The most one request is charged: $1,000,000,000, far past any daily limit and exact in integer
 * micro-dollars. A provider reporting absurd usage (up to 2^53 tokens) is charged this much, which
 * closes the budget, instead of breaking the arithmetic and escaping the accounting.
 */
export const MAX_CHARGE_USD = 1_000_000_000;

export function toMicro(usd: number, what: string): number {
  if (typeof usd !== 'number' || !Number.isFinite(usd)) {
    throw new RangeError(`${what} must be a finite number of USD, got ${String(usd)}`);
  }
  if (usd < 0) throw new RangeError(`${what} must not be negative, got ${usd}`);
  const micro = Math.round(usd * MICRO_PER_USD);
  if (!Number.isSafeInteger(micro)) throw new RangeError(`${what} is too large: ${usd}`);
  return micro;
}

export const toUsd = (micro: number): number => micro / MICRO_PER_USD;

export function fmtUsd(micro: number): string {
  return `$${toUsd(micro)
    .toFixed(6)
    .replace(/0{1,4}$/, '')}`;
}

/** A validated cost: integer micro-dollars, tokens, and the provider/model buckets it counts in. */
export interface Charge {
  micro: number;
  tokens: number;
  provider: string;
  model: string;
}

export function label(value: string | undefined, what: string): string {
  if (value === undefined) return UNKNOWN_LABEL;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function charge(
  costUsd: number,
  tokens: number,
  provider?: string,
  model?: string,
  costName = 'cost',
): Charge {
  if (!Number.isSafeInteger(tokens) || tokens < 0) {
    throw new RangeError(`tokens must be a non-negative integer, got ${String(tokens)}`);
  }
  const micro = toMicro(costUsd, costName);
  return { micro, tokens, provider: label(provider, 'provider'), model: label(model, 'model') };
}

export function checkPct(pct: number, what: string): number {
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct <= 0) {
    throw new RangeError(`${what} must be a positive finite percentage, got ${String(pct)}`);
  }
  return pct;
}

export interface Bucket {
  micro: number;
  requests: number;
  tokens: number;
}

/** Today's settled spend: the total and its provider and model buckets. */
export interface DayTotals {
  all: Bucket;
  byProvider: Map<string, Bucket>;
  byModel: Map<string, Bucket>;
}

export const noSpend = (): DayTotals => ({
  all: { micro: 0, requests: 0, tokens: 0 },
  byProvider: new Map(),
  byModel: new Map(),
});

export function addTo(bucket: Bucket, c: Charge): Bucket {
  bucket.micro += c.micro;
  bucket.requests += 1;
  bucket.tokens += c.tokens;
  return bucket;
}

export function exportBuckets(map: Map<string, Bucket>): Record<string, SpendBucket> {
  return Object.fromEntries(
    [...map].map(([k, b]) => [k, { spendUsd: toUsd(b.micro), requests: b.requests, tokens: b.tokens }]),
  );
}
