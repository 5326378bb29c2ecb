// A ledger opened in the ledger browser: verified in the background with progress, then read by
// page. Keeps per-entry facts in typed arrays (byte offset, decision code) so a million-entry
// ledger is browsed without holding its entries; rows are read from the file on demand. Every
// scan of the file (verification, text search, go-to-time, anchors) runs in the session's audit
// worker (audit-port.ts): the gateway in the same process never waits on an audit.
import { randomUUID, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Pin } from './anchors';
import { openAuditPort, type AuditPort } from './audit-port';
import type { ScanBatch } from './audit-scan';
import type { ChainBreak } from './chain-verifier';
import { BreakBook } from './break-book';
import { GrowableFloat64, GrowableUint8 } from './growable';
import { readEntryDetail } from './entry-detail';
import { chainBreakSummary } from './chain-summary';
import type {
  AnchorStatus,
  LedgerEntryDetail,
  LedgerRow,
  VerifyProgress,
  VerifyReport,
} from '../../shared/ledger-view';

export interface RowFilter {
  decision?: string;
  text?: string;
}

const REFRESH_EVERY_MS = 250;
/** Rows are read from the file in reads of at most this many bytes. */

export class LedgerSession {
  readonly id = randomUUID();
  private readonly offsets = new GrowableFloat64(); // offsets[i] = first byte of line i
  private readonly decisions = new GrowableUint8(); // 0 unreadable, 1..254 a name in decisionNames, 255 other
  private decisionNames: string[] = [''];
  private readonly book = new BreakBook();
  /** What the last anchors() call found (rewritten / truncated / bad_signature), by index. */
  private anchorRun = 0;
  private readonly port: AuditPort;
  private head: string | null = null;
  private checked: ReturnType<LedgerSession['anchorsChecked']> = null;
  private scannedTo = 0; // bytes verified (always a line boundary, or EOF of a torn tail)
  private totalBytes = 0;
  private done = false;
  private failed: string | null = null;
  private scanning: Promise<void> | null = null;
  private lastRefresh = 0;
  private readonly listeners = new Set<(p: VerifyProgress) => void>();
  private readonly filterCache = new Map<string, { entries: number; positions: Uint32Array }>();
  private closed = false;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    workerPath?: string | null,
  ) {
    this.port = openAuditPort(path, workerPath);
  }

  /**
   * Opens a ledger and starts verifying it in the background. A live (writable) ledger is followed
   * as it grows. `workerPath`: the audit worker's bundle (default: beside the running bundle; null: this thread).
   */
  static open(path: string, opts: { readOnly: boolean; workerPath?: string | null }): LedgerSession {
    const s = new LedgerSession(path, opts.readOnly, opts.workerPath);
    s.scanning = s.scan(true);
    return s;
  }

  get entries(): number {
    return this.offsets.length;
  }

  /** Resolves when the background verification in progress has finished. */
  async settled(): Promise<void> {
    while (this.scanning) await this.scanning;
  }

  progress(): VerifyProgress {
    this.maybeRefresh();
    return {
      sessionId: this.id,
      bytesRead: this.scannedTo,
      totalBytes: Math.max(this.totalBytes, this.scannedTo),
      entries: this.entries,
      breaks: this.book.count,
      done: this.done,
    };
  }

  onProgress(cb: (p: VerifyProgress) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** One chunk verified by the audit worker: its lines' facts and breaks join the session's. */
  private take(b: ScanBatch): void {
    if (this.closed || b.firstIndex !== this.entries) return;
    if (b.names) this.decisionNames = b.names;
    for (let i = 0; i < b.offsets.length; i++) {
      this.offsets.push(b.offsets[i]);
      this.decisions.push(b.codes[i]);
    }
    for (const br of b.breaks) this.book.addChain(br);
    this.totalBytes = b.totalBytes;
    this.scannedTo = b.scannedTo;
    this.emit();
  }

  /** Verifies from scannedTo to the end (to the last whole line when following a live file). */
  private async scan(initial: boolean): Promise<void> {
    try {
      const r = await this.port.run({ op: 'scan', follow: !this.readOnly || !initial }, (b) => this.take(b));
      if (r.op === 'scan') {
        this.scannedTo = r.done.scannedTo;
        this.totalBytes = r.done.totalBytes;
        this.head = r.done.head;
      }
    } catch (e) {
      this.failed = e instanceof Error ? e.message : String(e);
    } finally {
      this.done = true;
      this.scanning = null;
      this.emit();
    }
  }

  /** Follows a growing file: re-scans when it has grown, at most every 250 ms. */
  private maybeRefresh(): void {
    if (!this.done || this.scanning || this.closed) return;
    const now = Date.now();
    if (now - this.lastRefresh < REFRESH_EVERY_MS) return;
    this.lastRefresh = now;
    this.scanning = stat(this.path)
      .then((s) => (s.size > this.scannedTo ? this.scan(false) : undefined))
      .catch(() => undefined)
      .finally(() => {
        this.scanning = null;
      });
  }

  private emit(): void {
    const p = this.progress();
    for (const l of this.listeners) l(p);
  }

  private lineEnd(i: number): number {
    return i + 1 < this.entries ? this.offsets.get(i + 1) : this.scannedTo;
  }

  private async positions(filter: RowFilter | undefined): Promise<Uint32Array | null> {
    const decision = filter?.decision?.trim() || undefined;
    const text = filter?.text?.trim().toLowerCase() || undefined;
    if (!decision && !text) return null;
    const key = `${decision ?? ''}\u0000${text ?? ''}`;
    const cached = this.filterCache.get(key);
    if (cached && cached.entries === this.entries) return cached.positions;
    const n = this.entries;
    const code = decision
      ? this.decisionNames.findIndex((d, i) => i > 0 && d.toLowerCase() === decision.toLowerCase())
      : -1;
    const hits: number[] = [];
    if (!text) {
      for (let i = 0; i < n; i++) if (this.decisions.get(i) === code) hits.push(i);
    } else if (n > 0) {
      const r = await this.port.run({ op: 'search', text, entries: n, endOffset: this.lineEnd(n - 1) });
      if (r.op === 'search')
        for (const i of r.hits) if (!decision || this.decisions.get(i) === code) hits.push(i);
    }
    const positions = Uint32Array.from(hits);
    if (this.filterCache.size > 8) this.filterCache.clear();
    this.filterCache.set(key, { entries: n, positions });
    return positions;
  }

  async rows(from: number, count: number, filter?: RowFilter): Promise<{ rows: LedgerRow[]; total: number }> {
    this.maybeRefresh();
    const pos = await this.positions(filter);
    const total = pos ? pos.length : this.entries;
    const indexes: number[] = [];
    for (let p = from; p < Math.min(total, from + count); p++) indexes.push(pos ? pos[p] : p);
    // Read and parsed in the audit worker (a hostile file's rows cost the gateway nothing).
    const r = await this.port.run({
      op: 'rows',
      lines: indexes.map((i) => ({ index: i, start: this.offsets.get(i), end: this.lineEnd(i) })),
    });
    const rows = r.op === 'rows' ? r.rows.map((row) => this.withBreaks(row)) : [];
    return { rows, total };
  }

  private withBreaks(row: LedgerRow): LedgerRow {
    // Each kind once: two checkpoints that both find the tail cut off mark its last entry once.
    return { ...row, breaks: [...new Set(this.book.at(row.index).map((b) => b.kind))] };
  }

  async entry(index: number): Promise<LedgerEntryDetail> {
    if (index >= this.entries)
      throw new RangeError(`entry ${index} does not exist (the ledger has ${this.entries})`);
    const span = {
      index,
      start: this.offsets.get(index),
      end: this.lineEnd(index),
      priorStart: index > 0 ? this.offsets.get(index - 1) : null,
    };
    return readEntryDetail(this.path, span, this.book.at(index));
  }

  /**
   * Checks the signed checkpoints (with `publicKey`) and the auditor's `pins` against the file,
   * once verification has settled, and merges what they find into rows(), entry(), findBreak(),
   * report() and progress(); a later call replaces what an earlier one found. A break that names
   * an entry the file does not have (a cut-off tail, a checkpoint beyond the end) is shown on the
   * last entry there is: the cut is right after it.
   */
  async anchors(opts: {
    publicKey?: { publicKey: KeyObject; keyId: string };
    pins?: Pin[];
  }): Promise<AnchorStatus> {
    const run = ++this.anchorRun;
    await this.settled();
    // Against the bytes verified so far (a live file grows meanwhile): what the entry count says.
    const verified = this.entries;
    const r = await this.port.run({
      op: 'anchors',
      publicKey: opts.publicKey,
      pins: opts.pins,
      endOffset: this.scannedTo,
    });
    if (r.op !== 'anchors') throw new Error('audit worker answered another request');
    const found = r.report;
    const entries = Math.max(verified, found.checkpoints.coveredEntries);
    const last = Math.max(0, verified - 1);
    const breaks = found.breaks
      .map((b) => (b.index > last ? { ...b, index: last } : b))
      .sort((x, y) => x.index - y.index);
    if (run === this.anchorRun && !this.closed) {
      this.book.replaceAnchors(breaks);
      const { checkpoints, notes } = found;
      this.checked = { keyId: opts.publicKey?.keyId ?? null, checkpoints, notes, pins: opts.pins ?? [] };
      this.emit();
    }
    return {
      keyId: opts.publicKey?.keyId ?? null,
      checkpoints: found.checkpoints,
      entries,
      breaks,
      notes: found.notes,
      chain: chainBreakSummary(this.book.all(), this.book.omitted),
    };
  }

  /** What the last anchors() call checked and found (for the report); null before any. */
  anchorsChecked(): {
    keyId: string | null;
    checkpoints: AnchorStatus['checkpoints'];
    notes: ChainBreak[];
    pins: Pin[];
  } | null {
    return this.checked;
  }

  findBreak(from: number, direction: 'next' | 'prev'): ChainBreak | null {
    return this.book.find(from, direction);
  }

  async locate(index: number, filter?: RowFilter): Promise<{ position: number; total: number }> {
    const pos = await this.positions(filter);
    if (!pos) return { position: Math.min(index, this.entries), total: this.entries };
    let lo = 0;
    let hi = pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pos[mid] < index) lo = mid + 1;
      else hi = mid;
    }
    return { position: lo, total: pos.length };
  }

  /** The first entry, in file order, at or after `atMs` (find-time.ts), with its timestamp. */
  async findTime(atMs: number): Promise<{ index: number; timestamp: string } | null> {
    const n = this.entries;
    if (n === 0) return null;
    const r = await this.port.run({ op: 'findTime', atMs, entries: n, endOffset: this.lineEnd(n - 1) });
    const hit = r.op === 'findTime' ? r.index : -1;
    if (hit < 0) return null;
    const { rows } = await this.rows(hit, 1);
    return { index: hit, timestamp: rows[0]?.timestamp ?? '' };
  }

  report(): VerifyReport {
    const all = this.book.all();
    const breaks = this.failed ? [...all] : all.slice(0, 100_000);
    return {
      path: this.path,
      valid: this.done && !this.failed && all.length === 0 && this.book.omitted === 0,
      entries: this.entries,
      head: this.head,
      breaks,
      breaksOmitted: this.book.omitted + (all.length - breaks.length),
      bytes: this.scannedTo,
      verifiedAt: new Date().toISOString(),
    };
  }

  /** Why verification stopped early (the file vanished or became unreadable), or null. */
  get error(): string | null {
    return this.failed;
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.port.close();
  }
}
