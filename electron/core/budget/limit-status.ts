// Where a day's committed spend stands against the limits: the one rule the local budget and the
// Redis budget both apply in TypeScript (the Redis budget's Lua script applies it inside Redis).
import type { BudgetReason } from './budget-types';

/** `micro` as a percentage of the daily limit. */
export function percentOf(micro: number, limitMicro: number): number {
  return (micro * 100) / limitMicro;
}

/** HARD at or over the hard limit, SOFT at or over the soft limit, else OK (integer arithmetic). */
export function limitStatus(
  micro: number,
  limitMicro: number,
  softLimitPct: number,
  hardLimitPct: number,
): BudgetReason {
  if (micro * 100 >= hardLimitPct * limitMicro) return 'HARD_LIMIT_EXCEEDED';
  if (micro * 100 >= softLimitPct * limitMicro) return 'SOFT_LIMIT_EXCEEDED';
  return 'OK';
}
