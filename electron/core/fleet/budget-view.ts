// The budget as the console reads it: a snapshot now (synchronously: the live feed and the gauge
// never wait on a network), and a signal when it changed.
//
// Local gateway: the in-memory tracker's own snapshot. Fleet: the fleet's snapshot from Redis,
// fetched after every change this instance makes and on a slow poll (other instances' spend), and
// kept: while Redis is away the console shows the last figures it had (requests are refused with
// 503 budget_unavailable meanwhile, so nothing is spent unseen).
import type { BudgetSnapshot, FleetInstanceSpend } from '../../../shared/domain';
import type { BudgetTracker } from '../budget/budget';
import type { FleetBudgetSnapshot, RedisBudget } from '../budget/redis-budget';

export interface BudgetView {
  snapshot(): BudgetSnapshot;
  /** Called after the snapshot changed; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): void;
}

export function localBudgetView(tracker: BudgetTracker): BudgetView {
  return {
    snapshot: () => tracker.snapshot(),
    onChange: (listener) => tracker.onChange(listener),
    close: () => undefined,
  };
}

/** The console's BudgetSnapshot of a fleet snapshot: the fleet's figures plus spend by instance. */
export function consoleSnapshot(s: FleetBudgetSnapshot): BudgetSnapshot {
  const { instance, byInstance, liveHolds: _h, pendingSettlements: _p, ...plain } = s;
  const instances: FleetInstanceSpend[] = Object.entries(byInstance)
    .map(([name, b]) => ({ name, spentUsd: b.spendUsd, requests: b.requests }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { ...plain, fleet: { instance, instances } };
}

export interface FleetBudgetViewOptions {
  /** How often the fleet's figures are read when nothing changed here; default 1000 ms. */
  pollMs?: number;
  /** Changes within this long are read once; default 50 ms. */
  coalesceMs?: number;
}

export class FleetBudgetView implements BudgetView {
  private last: BudgetSnapshot;
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<void> | null = null;
  private again = false;
  private pending: NodeJS.Timeout | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private closed = false;

  private constructor(
    private readonly budget: RedisBudget,
    first: FleetBudgetSnapshot,
    private readonly coalesceMs: number,
    pollMs: number,
  ) {
    this.last = consoleSnapshot(first);
    this.unsubscribe = budget.onChange(() => this.schedule());
    this.timer = setInterval(() => void this.refresh(), pollMs);
    this.timer.unref();
  }

  /** Reads the fleet's figures once (Redis is reachable: the fleet was just opened). */
  static async open(budget: RedisBudget, opts: FleetBudgetViewOptions = {}): Promise<FleetBudgetView> {
    return new FleetBudgetView(budget, await budget.snapshot(), opts.coalesceMs ?? 50, opts.pollMs ?? 1000);
  }

  snapshot(): BudgetSnapshot {
    return this.last;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reads the fleet's figures now (one at a time; a change during a read reads again after it). */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.read().finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.inFlight;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.pending || this.closed) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.refresh();
    }, this.coalesceMs);
    this.pending.unref();
  }

  private async read(): Promise<void> {
    let next: FleetBudgetSnapshot;
    try {
      next = await this.budget.snapshot();
    } catch {
      return; // Redis away: keep the last figures (requests are refused meanwhile)
    }
    this.last = consoleSnapshot(next);
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A faulty listener must not starve the others.
      }
    }
  }
}
