// The budget as the router needs it, local or fleet-wide: a port that the in-memory BudgetTracker
// satisfies as it is (its answers are plain values) and RedisBudget satisfies with promises.
//
// Callers handle both without a promise hop on the local path:
//
//   const held = budget.reserve(bound.usd, state.decisionId);
//   const r = held instanceof Promise ? await held : held;   // may reject: BudgetUnavailableError
//
// A hold ends once: the first settle() or release() counts, later calls do nothing. settle() of a
// fleet budget never rejects: while Redis is away the settlement is kept and sent when it is back
// (idempotent by the hold's id, so a settlement whose answer was lost is never counted twice).
import type { BudgetSnapshot, ReservationOverrun } from '../../../shared/domain';
import type { BudgetCheck, BudgetRefusal } from './budget-types';
import type { MaybePromise } from '../model/maybe-promise';

export interface BudgetHold {
  /** The in-memory tracker numbers its holds; the fleet budget uses the request's decision_id. */
  readonly id: number | string;
  readonly amountUsd: number;
  /** Ends the hold and counts the real cost in full, even above the amount held. */
  settle(actualCostUsd: number, tokens: number, provider: string, model: string): MaybePromise<unknown>;
  /** Ends the hold without a cost (the request was not served). */
  release(): MaybePromise<unknown>;
}

export interface BudgetPort {
  readonly timeZone: string;
  readonly dailyLimitUsd: number;
  /**
   * Holds `worstCaseUsd` for a request about to be made, or refuses it (429 budget_exceeded).
   * `decisionId` names the hold (the fleet budget's idempotency key; the local tracker ignores it).
   * Rejects with BudgetUnavailableError when the shared budget cannot be reached (503).
   */
  reserve(worstCaseUsd: number, decisionId: string): MaybePromise<BudgetHold | BudgetRefusal>;
  /** Counts a request whose cost is known without a hold (the seed's record_usage). */
  recordUsage(costUsd: number, tokens?: number, provider?: string, model?: string): MaybePromise<void>;
  check(): MaybePromise<BudgetCheck>;
  snapshot(): MaybePromise<BudgetSnapshot>;
  /** A settled request cost more than its hold: kept for the snapshot's `overruns` (this instance's). */
  noteOverrun(o: Omit<ReservationOverrun, 'at'>): void;
  /** Calls `listener` after a change this instance made or saw; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * The shared budget could not be reached or answered nonsense: the request is refused with 503
 * `budget_unavailable` and recorded as BLOCK (fail closed: no spend without the fleet's budget).
 */
export class BudgetUnavailableError extends Error {
  override readonly name = 'BudgetUnavailableError';
  readonly code = 'budget_unavailable' as const;
  readonly status = 503;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`budget unavailable: ${detail}`, options);
  }
}

export function isBudgetUnavailable(e: unknown): e is BudgetUnavailableError {
  return e instanceof BudgetUnavailableError;
}
