// What BudgetTracker.reserve answered, narrowed for a test: a hold it expects, or a refusal.
import type { BudgetRefusal, Reservation } from '../../electron/core/budget/budget';

export function held(r: Reservation | BudgetRefusal): Reservation {
  if ('refused' in r) throw new Error(`expected a reservation, got a refusal: ${r.detail}`);
  return r;
}

export function refusal(r: Reservation | BudgetRefusal): BudgetRefusal {
  if (!('refused' in r)) throw new Error(`expected a refusal, got reservation ${r.id}`);
  return r;
}
