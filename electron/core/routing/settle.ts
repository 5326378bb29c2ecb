// Settling a served request: its hold becomes the real cost of the answer, and usage reported
// above the reservation's bound is noted (ledger violation reservation_exceeded, budget overrun
// count that the console alerts on). Done by each Delivery (attempt.ts) once it has the answer.
import type { BudgetPort } from '../budget/budget-port';
import { MAX_CHARGE_USD } from '../budget/budget-money';
import type { Candidate } from './candidates';
import { costUsd, type Usage } from '../model/cost';
import { reservationExcess } from '../budget/reservation-bound';
import type { Admitted, Spend } from './attempt';
import type { RouteState } from './route-state';

/** Settles `admitted`'s hold at what `c`'s answer cost (the provider's usage, else an estimate). */
export function settleSpend(
  budget: BudgetPort,
  state: RouteState,
  admitted: Admitted,
  c: Candidate,
  reported: Usage | null,
  completionChars: number,
): Spend {
  const { usage, source } = state.usage(reported, completionChars);
  // Not NaN: token counts are safe integers and prices finite; at most MAX_CHARGE_USD (absurd usage).
  const cost = Math.min(costUsd(usage, c.price), MAX_CHARGE_USD);
  const tokens = Math.min(usage.promptTokens + usage.completionTokens, Number.MAX_SAFE_INTEGER);
  const { reservation, bound } = admitted;
  // The real cost counts in full, even above the hold: spend must say what was spent.
  // A fleet hold's settle never rejects: while Redis is away it is queued and resent (idempotent
  // by decision id), so the answer is not held up by it.
  void reservation.settle(cost, tokens, c.provider, state.req.model);
  const own = bound.byProvider.get(c.provider);
  const excess = own ? reservationExcess(reservation.amountUsd, own, usage, cost) : null;
  if (excess) {
    state.violate('reservation_exceeded');
    state.excess = excess;
    budget.noteOverrun({
      decisionId: state.decisionId,
      provider: c.provider,
      model: state.req.model,
      reservedUsd: excess.reserved.usd,
      actualUsd: excess.actual.usd,
      reservedTokens: excess.reserved.promptTokens + excess.reserved.completionTokens,
      actualTokens: tokens,
      exceeded: excess.exceeded,
    });
  }
  return { usage, source, costUsd: cost };
}
