// The daily limits, as the local budget and the Redis budget both take them (checked once, here),
// and where a day's committed spend stands against them: the one rule both apply in TypeScript
// (the Redis budget's Lua script applies it inside Redis).
import { SOFT_LIMIT_MODES, type SoftLimitMode } from '../../../shared/domain';
import { assertTimeZone } from '../config/time-zone';
import { checkPct, toMicro } from './budget-money';
import type { BudgetOptions, BudgetReason } from './budget-types';

export interface BudgetLimits {
  limitMicro: number;
  timeZone: string;
  softLimitPct: number;
  hardLimitPct: number;
  softLimitMode: SoftLimitMode;
}

/** The options' limits with their defaults; a RangeError names the first one out of range. */
export function checkedLimits(opts: BudgetOptions): BudgetLimits {
  const limitMicro = toMicro(opts.dailyLimitUsd, 'dailyLimitUsd');
  if (limitMicro <= 0) throw new RangeError(`dailyLimitUsd must be positive, got ${opts.dailyLimitUsd}`);
  const timeZone = assertTimeZone(opts.timeZone ?? 'UTC');
  const softLimitPct = checkPct(opts.softLimitPct ?? 95, 'softLimitPct');
  const hardLimitPct = checkPct(opts.hardLimitPct ?? 100, 'hardLimitPct');
  if (softLimitPct > hardLimitPct)
    throw new RangeError(`softLimitPct (${softLimitPct}) must not be above hardLimitPct (${hardLimitPct})`);
  // Only an absent mode defaults: a null (from JSON) is refused like any other unknown mode.
  const softLimitMode = opts.softLimitMode === undefined ? 'refuse' : opts.softLimitMode;
  if (!SOFT_LIMIT_MODES.includes(softLimitMode))
    throw new RangeError(`softLimitMode must be "refuse" or "warn", got ${JSON.stringify(softLimitMode)}`);
  return { limitMicro, timeZone, softLimitPct, hardLimitPct, softLimitMode };
}

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
