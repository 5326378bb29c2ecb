// What the gateway does at each budget limit, in words: one source for the budget panel, the Gateway
// screen and the alerts, so that none of them can say something the gateway does not do (see
// BudgetTracker.reserve: cached answers come first, then the reservation).
import type { BudgetStatus, SoftLimitMode } from './domain';

export const SOFT_LIMIT_MODE_LABEL: Record<SoftLimitMode, string> = {
  refuse: 'refuse',
  warn: 'warn only',
};

interface Limits {
  softLimitMode: SoftLimitMode;
  softLimitPct: number;
  hardLimitPct: number;
}

const pct = (n: number): string => `${n}%`;

/** The rule in force at the soft limit, as one sentence. */
export function softLimitRule(b: Limits): string {
  return b.softLimitMode === 'refuse'
    ? `At the soft limit (${pct(b.softLimitPct)} of the daily limit) the gateway refuses new requests with 429 budget_exceeded (soft) until the day rolls over.`
    : `At the soft limit (${pct(b.softLimitPct)} of the daily limit) the gateway raises an alert and keeps routing; it refuses with 429 budget_exceeded (hard) any request whose worst-case cost would pass the hard limit (${pct(b.hardLimitPct)}).`;
}

/** What the gateway does now, in the given status. */
export function budgetAdvice(status: BudgetStatus, b: Limits): string {
  if (status === 'HARD_LIMIT_EXCEEDED')
    return 'At the hard limit: new requests are refused with 429 budget_exceeded (hard) until the day rolls over; cached answers are still served.';
  if (status === 'SOFT_LIMIT_EXCEEDED')
    return b.softLimitMode === 'refuse'
      ? 'Past the soft limit: new requests are refused with 429 budget_exceeded (soft) until the day rolls over; cached answers are still served.'
      : `Past the soft limit (warn only): requests are still routed while their worst-case cost fits under the hard limit (${pct(b.hardLimitPct)}); past that they get 429 budget_exceeded (hard).`;
  return `Requests are routed normally. ${softLimitRule(b)}`;
}
