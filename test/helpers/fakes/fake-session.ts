// A stand-in for electron/ledger/session.ts's LedgerSession, over an in-memory list of rows.
import type { LedgerRow, VerifyProgress, VerifyReport } from '../../../shared/ipc/contract';
import type { ChainBreak } from '../../../shared/domain';
import type { LedgerSessionLike, RowFilter } from '../../../electron/app/ledger-sessions';

let nextId = 1;

export class FakeSession implements LedgerSessionLike {
  readonly id = `fake-${nextId++}`;
  closed = false;
  private listeners = new Set<(p: VerifyProgress) => void>();

  constructor(
    readonly path: string,
    readonly allRows: LedgerRow[] = [],
    readonly breaks: ChainBreak[] = [],
  ) {}

  progress(): VerifyProgress {
    return {
      sessionId: this.id,
      bytesRead: 10,
      totalBytes: 10,
      entries: this.allRows.length,
      breaks: this.breaks.length,
      done: true,
    };
  }
  onProgress(cb: (p: VerifyProgress) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  emitProgress(p: Partial<VerifyProgress>): void {
    for (const l of this.listeners) l({ ...this.progress(), ...p });
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  async rows(from: number, count: number, filter?: RowFilter) {
    const matching = this.allRows.filter(
      (r) =>
        (filter?.decision === undefined || r.decision === filter.decision) &&
        (filter?.text === undefined || r.reason.includes(filter.text)),
    );
    return { rows: matching.slice(from, from + count), total: matching.length };
  }
  async entry(index: number) {
    return {
      index,
      raw: [{ text: '{}' }],
      rawBytes: 2,
      rawOmitted: null,
      stored: '{}',
      canonical: null,
      hashedForm: null,
      storedHash: null,
      recomputedHash: null,
      previousHash: null,
      priorCurrentHash: null,
      breaks: [],
    };
  }
  async findTime(atMs: number) {
    const hit = this.allRows.find((r) => Date.parse(r.timestamp) >= atMs);
    return hit ? { index: hit.index, timestamp: hit.timestamp } : null;
  }
  findBreak(from: number, direction: 'next' | 'prev'): ChainBreak | null {
    const list =
      direction === 'next'
        ? this.breaks.filter((b) => b.index > from)
        : this.breaks.filter((b) => b.index < from).reverse();
    return list[0] ?? null;
  }
  report(): VerifyReport {
    return {
      path: this.path,
      valid: this.breaks.length === 0,
      entries: this.allRows.length,
      head: null,
      breaks: this.breaks,
      breaksOmitted: 0,
      bytes: 0,
      verifiedAt: '2025-01-02T03:04:05.000Z',
    };
  }
  close(): void {
    this.closed = true;
  }
}

export function row(index: number, decision = 'ROUTE', reason = `request ${index}`): LedgerRow {
  return {
    index,
    decisionId: `d-${index}`,
    timestamp: '2025-01-01T00:00:00Z',
    decision,
    reason,
    provider: null,
    costUsd: null,
    previousHash: '0',
    currentHash: '1',
    breaks: [],
  };
}
