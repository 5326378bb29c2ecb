// The BudgetTracker's public types: its options, the seed's check result and usage, and the
// reservation a request holds while it is in flight.
import type { SoftLimitMode } from '../../../shared/domain';
import type { Clock } from '../model/clock';

export interface BudgetOptions {
  dailyLimitUsd: number;
  /** IANA time zone whose calendar day the budget covers; default 'UTC'. */
  timeZone?: string;
  clock?: Clock;
  /** Percent of the limit at which new requests are refused (or only warned of, see softLimitMode); default 95. */
  softLimitPct?: number;
  /** `refuse` (default, the seed's check_budget) or `warn`: keep admitting until the hard limit. */
  softLimitMode?: SoftLimitMode;
  /** Percent of the limit that must never be passed; default 100. */
  hardLimitPct?: number;
}

export type BudgetReason = 'OK' | 'SOFT_LIMIT_EXCEEDED' | 'HARD_LIMIT_EXCEEDED';

export interface BudgetCheck {
  allowed: boolean;
  remainingPct: number;
  reason: BudgetReason;
}

/** The seed's BudgetUsage (settled spend only). `lastReset` is the start of the current budget day. */
export interface BudgetUsage {
  dailyLimitUsd: number;
  currentSpendUsd: number;
  requestsCount: number;
  tokensUsed: number;
  lastReset: number;
  percentUsed: number;
  remainingUsd: number;
}

export interface Reservation {
  readonly id: number;
  readonly amountUsd: number;
  settle(actualCostUsd: number, tokens: number, provider: string, model: string): void;
  release(): void;
}

export interface BudgetRefusal {
  refused: true;
  reason: 'SOFT_LIMIT_EXCEEDED' | 'HARD_LIMIT_EXCEEDED';
  remainingPct: number;
  detail: string;
}

/** Provider/model bucket used when a cost is recorded without one. */
