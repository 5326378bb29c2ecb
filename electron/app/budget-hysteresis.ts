// When the budget alert turns: at once upwards (an operator must hear of a limit passed), but back
// down only once spend has clearly recovered. The budget's status counts in-flight reservations,
// so near a limit it flips with every request that starts and ends: alerting each flip told an
// operator nine alternating warn/ok stories in two seconds. Turning back down needs spend below
// the limit minus RECOVERY_MARGIN_PCT percentage points, held for RECOVERY_HOLD_MS (by the clock
// the caller passes), or a new budget day (at once). Plain: fed snapshots, answers turns.
import type { BudgetSnapshot, BudgetStatus } from '../../shared/domain';

/** Percentage points below a limit that spend must fall before the alert turns back down. */
export const RECOVERY_MARGIN_PCT = 2;
/** How long spend must stay that low before it does. */
export const RECOVERY_HOLD_MS = 30_000;

const RANK: Record<BudgetStatus, number> = { OK: 0, SOFT_LIMIT_EXCEEDED: 1, HARD_LIMIT_EXCEEDED: 2 };

/** The status an alert last announced, on which day. */
export interface AlertedBudget {
  status: BudgetStatus;
  day: string;
}

export interface BudgetTurn {
  /** The status to announce now. */
  status: BudgetStatus;
  /** What was announced before; null on the first look. */
  prev: AlertedBudget | null;
}

/** How far below `limitPct` spend must be to count as clearly under it (never more than half). */
function clearlyBelow(percentUsed: number, limitPct: number): boolean {
  return percentUsed < limitPct - Math.min(RECOVERY_MARGIN_PCT, limitPct / 2);
}

/** The status `b` has clearly recovered to from `current` (current itself if not clearly lower). */
function recoveredTo(current: BudgetStatus, b: BudgetSnapshot): BudgetStatus {
  let status = b.status;
  if (status === 'OK' && !clearlyBelow(b.percentUsed, b.softLimitPct)) status = 'SOFT_LIMIT_EXCEEDED';
  if (status === 'SOFT_LIMIT_EXCEEDED' && !clearlyBelow(b.percentUsed, b.hardLimitPct))
    status = 'HARD_LIMIT_EXCEEDED';
  return RANK[status] < RANK[current] ? status : current;
}

export class BudgetHysteresis {
  private alerted: AlertedBudget | null = null;
  /** Since when spend has been clearly below the announced status (null: it is not). */
  private lowSince: number | null = null;

  /** The turn to announce for this snapshot, or null (the first look announces only trouble). */
  observe(b: BudgetSnapshot, now: number): BudgetTurn | null {
    const prev = this.alerted;
    if (prev === null || prev.day !== b.day) {
      this.alerted = { status: b.status, day: b.day };
      this.lowSince = null;
      const quiet = prev === null ? b.status === 'OK' : prev.status === b.status;
      return quiet ? null : { status: b.status, prev };
    }
    if (RANK[b.status] > RANK[prev.status]) return this.turn(b.status, prev);
    const lower = recoveredTo(prev.status, b);
    if (lower === prev.status) {
      this.lowSince = null;
      return null;
    }
    this.lowSince ??= now;
    return now - this.lowSince >= RECOVERY_HOLD_MS ? this.turn(lower, prev) : null;
  }

  private turn(status: BudgetStatus, prev: AlertedBudget): BudgetTurn {
    this.alerted = { status, day: prev.day };
    this.lowSince = null;
    return { status, prev };
  }
}
