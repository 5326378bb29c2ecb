// The merged view of several ledgers (ledger:openSet, ledger:mergedRows): a k-way merge of the
// files' rows by timestamp, each file kept in its own order (a clock that stepped back inside one
// file moves nothing of that file; equal times go in file order). Bounded memory: nothing per
// entry is kept. Every BLOCK merged rows the merge notes where each file's cursor stood; a page is
// served by resuming from the nearest note before it and merging forward, reading each file's rows
// in chunks through its session (which already indexes the file's lines).
import { ledgerTimeMs } from '../ledger/ledger-time';
import type { LedgerRow } from '../../shared/ledger-view';
import type { MergedLedgerRow, MergedRows } from '../../shared/ledger-merge';

/** What the merge needs of a ledger session. */
export interface MergeSource {
  rows(from: number, count: number): Promise<{ rows: LedgerRow[]; total: number }>;
  progress(): { entries: number; done: boolean };
}

/** Merged rows between two notes of the cursors. */
export const BLOCK = 1024;
/** Rows read from one file at a time. */
const CHUNK = 256;

interface Cursor {
  /** Next index of each file to merge. */
  next: number[];
  /** The last time read from each file: a row whose time does not read sorts as if at that time. */
  lastMs: number[];
}

/** One pass of the merge from a cursor, reading each file ahead by CHUNK rows. */
class Walk {
  private readonly buffers: { start: number; rows: LedgerRow[] }[];
  constructor(
    private readonly sources: readonly MergeSource[],
    private readonly files: readonly number[],
    private readonly ends: readonly number[],
    readonly at: Cursor,
  ) {
    this.buffers = files.map(() => ({ start: 0, rows: [] }));
  }

  private async head(k: number): Promise<LedgerRow | null> {
    const i = this.at.next[k];
    if (i >= this.ends[k]) return null;
    const b = this.buffers[k];
    if (i < b.start || i >= b.start + b.rows.length) {
      const count = Math.min(CHUNK, this.ends[k] - i);
      b.rows = (await this.sources[this.files[k]].rows(i, count)).rows;
      b.start = i;
      if (b.rows.length === 0) return null; // the file shrank under us: it ends here
    }
    return b.rows[i - b.start] ?? null;
  }

  /** The next merged row, or null at the end of every file. */
  async step(): Promise<{ k: number; row: LedgerRow } | null> {
    let best = -1;
    let bestMs = 0;
    let bestRow: LedgerRow | null = null;
    for (let k = 0; k < this.files.length; k++) {
      const row = await this.head(k);
      if (row === null) continue;
      const ms = ledgerTimeMs(row.timestamp) ?? this.at.lastMs[k];
      if (best < 0 || ms < bestMs) {
        best = k;
        bestMs = ms;
        bestRow = row;
      }
    }
    if (best < 0 || bestRow === null) return null;
    this.at.next[best]++;
    this.at.lastMs[best] = bestMs;
    return { k: best, row: bestRow };
  }
}

/** The merged order of some files of a set (all of them, or the instances filtered to). */
export class MergedIndex {
  private notes: Cursor[] = [];
  private ends: number[] = [];

  constructor(
    private readonly sources: readonly MergeSource[],
    /** Which sources, by their position in the set, in tie order. */
    private readonly files: readonly number[],
  ) {}

  private fresh(): Cursor {
    return { next: this.files.map(() => 0), lastMs: this.files.map(() => Number.NEGATIVE_INFINITY) };
  }

  /** Pages are served one at a time: two at once would both add the same notes. */
  private queue: Promise<unknown> = Promise.resolve();

  rows(offset: number, limit: number): Promise<MergedRows> {
    const run = this.queue.then(() => this.page(offset, limit));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async page(offset: number, limit: number): Promise<MergedRows> {
    const progress = this.files.map((f) => this.sources[f].progress());
    const ends = progress.map((p) => p.entries);
    // A file that grew (a live ledger, or one still being verified): its new rows may belong
    // anywhere in the merge, so the notes are made again from the start.
    if (ends.some((e, k) => e !== this.ends[k])) {
      this.ends = ends;
      this.notes = [this.fresh()];
    }
    const total = ends.reduce((a, b) => a + b, 0);
    const complete = progress.every((p) => p.done);
    const from = Math.min(offset, total);
    const to = Math.min(total, from + limit);
    // Notes up to the block holding `from`, each made by merging the block before it.
    const block = Math.floor(from / BLOCK);
    while (this.notes.length <= block) {
      const last = this.notes[this.notes.length - 1];
      const at: Cursor = { next: [...last.next], lastMs: [...last.lastMs] };
      const walk = new Walk(this.sources, this.files, ends, at);
      for (let n = 0; n < BLOCK; n++) if ((await walk.step()) === null) break;
      this.notes.push(at);
    }
    const start = this.notes[block];
    const walk = new Walk(this.sources, this.files, ends, {
      next: [...start.next],
      lastMs: [...start.lastMs],
    });
    const rows: MergedLedgerRow[] = [];
    for (let p = block * BLOCK; p < to; p++) {
      const got = await walk.step();
      if (got === null) break;
      if (p >= from) rows.push(mergedRow(this.files[got.k], got.row));
    }
    return { rows, total, complete };
  }
}

export function mergedRow(file: number, r: LedgerRow): MergedLedgerRow {
  return {
    file,
    index: r.index,
    timestamp: r.timestamp,
    instance: r.instance ?? null,
    decision: r.decision,
    provider: r.provider,
    costUsd: r.costUsd,
    breaks: r.breaks,
  };
}
