// Appends decisions to the ledger, failing closed. When an append fails the decision is not lost:
// it is kept (marked BLOCK / ledger_unavailable, since its client is refused) and appended first
// once the ledger works again; until then `ready()` is false and the router dispatches nothing,
// so no money is spent that the ledger cannot record.
import { isPyFloat } from '../../ledger/pyfloat';
import type { DecisionData, LedgerSink, PyJson } from '../../ledger/types';

/** Zero-cost decisions kept at most while the ledger is down (decisions with spend are always kept). */
const MAX_FREE_BACKLOG = 10_000;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hasSpend(d: DecisionData): boolean {
  const cost = d.metrics?.cost_usd;
  const n = typeof cost === 'number' ? cost : isPyFloat(cost) ? cost.pyFloat : 0;
  return n > 0;
}

/** The decision as it stands once its client got 503 ledger_unavailable instead of its answer. */
function markUnrecorded(d: DecisionData, cause: string): DecisionData {
  const violations: PyJson[] = d.violations ?? [];
  if (violations.includes('ledger_unavailable')) return d; // already a ledger_unavailable refusal
  return {
    ...d,
    decision: 'BLOCK',
    reason: `client answered 503 ledger_unavailable (ledger append failed: ${cause}); decision was ${d.decision}: ${d.reason}`,
    violations: [...violations, 'ledger_unavailable'],
    gates_passed: { ...d.gates_passed, ledger: false },
  };
}

export class DecisionRecorder {
  private readonly backlog: DecisionData[] = [];
  private flushing: Promise<boolean> | null = null;
  private readonly listeners = new Set<(d: DecisionData) => void>();
  private lastFailure: string | null = null;
  private droppedCount = 0;

  constructor(private readonly sink: LedgerSink) {}

  /** True when the ledger owes nothing (after trying to catch up if it did). */
  ready(): boolean | Promise<boolean> {
    return this.backlog.length === 0 ? true : this.flush();
  }

  /** Appends a decision; false when the ledger refused it (it is then kept and retried first). */
  async record(d: DecisionData): Promise<boolean> {
    if (this.backlog.length > 0 && !(await this.flush())) {
      this.keep(d, this.lastFailure ?? 'ledger unavailable');
      return false;
    }
    try {
      await this.sink.append(d);
    } catch (e) {
      this.lastFailure = errorText(e);
      this.keep(d, this.lastFailure);
      return false;
    }
    this.emit(d);
    return true;
  }

  /** Why the last append failed, for error messages. */
  get lastError(): string | null {
    return this.lastFailure;
  }

  /** Decisions waiting for the ledger. */
  get pending(): number {
    return this.backlog.length;
  }

  /** Zero-cost decisions dropped because the backlog was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  onDecision(listener: (d: DecisionData) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private keep(d: DecisionData, cause: string): void {
    if (!hasSpend(d) && this.backlog.length >= MAX_FREE_BACKLOG) {
      this.droppedCount += 1;
      return;
    }
    this.backlog.push(markUnrecorded(d, cause));
  }

  private flush(): Promise<boolean> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Appends the backlog in order; stops at the first failure. */
  private async drain(): Promise<boolean> {
    try {
      while (this.backlog.length > 0) {
        await this.sink.append(this.backlog[0]);
        const done = this.backlog.shift();
        if (done) this.emit(done);
      }
      this.lastFailure = null;
      return true;
    } catch (e) {
      this.lastFailure = errorText(e);
      return false;
    }
  }

  private emit(d: DecisionData): void {
    if (this.listeners.size === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(d);
      } catch {
        // a faulty listener must not break recording
      }
    }
  }
}
