// A ledger opened in the ledger browser: verified in the background with progress, then read by
// page. Keeps per-entry facts in typed arrays (byte offset, decision code) so a million-entry
// ledger is browsed without holding its entries; rows are read from the file on demand.
import { randomUUID, type KeyObject } from 'node:crypto';
import { open as openFile, stat } from 'node:fs/promises';
import { checkAnchors, type Pin } from './anchors';
import { ChainVerifier, decodeLine, type ChainBreak } from './chain-verifier';
import { sidecarPath } from './checkpoint';
import { scanLines } from './line-scan';
import { BreakBook } from './break-book';
import { verifyLines } from './wasm/batch-verify';
import { GrowableFloat64, GrowableUint8 } from './growable';
import { rowFromEntry } from './session-row';
import { decisionOf, lastLineEnd, parseEntryLine } from './session-file';
import { readEntryDetail } from './entry-detail';
import { chainBreakSummary } from './chain-summary';
import { firstEntryAtOrAfter } from './find-time';
import type {
  AnchorStatus,
  LedgerEntryDetail,
  LedgerRow,
  VerifyProgress,
  VerifyReport,
} from '../../shared/contract';

export interface RowFilter {
  decision?: string;
  text?: string;
}

const REFRESH_EVERY_MS = 250;

export class LedgerSession {
  readonly id = randomUUID();
  private readonly offsets = new GrowableFloat64(); // offsets[i] = first byte of line i
  private readonly decisions = new GrowableUint8(); // 0 unreadable, 1..254 a name in decisionNames, 255 other
  private readonly decisionNames: string[] = [''];
  private readonly book = new BreakBook();
  /** What the last anchors() call found (rewritten / truncated / bad_signature), by index. */
  private anchorRun = 0;
  private checked: ReturnType<LedgerSession['anchorsChecked']> = null;
  private readonly verifier: ChainVerifier;
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
  ) {
    // keepEntries false: lines in Python's own form take the fast path (no parsed entry; the
    // decision is read from the line's bytes instead).
    this.verifier = new ChainVerifier((b) => this.book.addChain(b), { keepEntries: false });
  }

  /** Opens a ledger and starts verifying it in the background. A live (writable) ledger is followed as it grows. */
  static open(path: string, opts: { readOnly: boolean }): LedgerSession {
    const s = new LedgerSession(path, opts.readOnly);
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

  private decisionCode(d: string | null): number {
    if (d === null) return 0;
    let code = this.decisionNames.indexOf(d);
    if (code < 0) {
      if (this.decisionNames.length >= 255) return 255;
      code = this.decisionNames.push(d) - 1;
    }
    return code;
  }

  /** Verifies from scannedTo to the end (to the last whole line when following a live file). */
  private async scan(initial: boolean): Promise<void> {
    try {
      const size = (await stat(this.path)).size;
      this.totalBytes = size;
      const follow = !this.readOnly || !initial;
      const end = follow ? await lastLineEnd(this.path, size) : size;
      if (end > this.scannedTo) {
        // The WebAssembly batch verifier (electron/ledger/wasm), reporting each line first.
        await verifyLines(this.path, this.verifier, {
          startOffset: this.scannedTo,
          startIndex: this.entries,
          endOffset: end,
          onLine: (_index, offset, bytes) => {
            this.offsets.push(offset);
            this.decisions.push(this.decisionCode(decisionOf(bytes)));
          },
          onProgress: (n) => {
            this.scannedTo = n;
            this.emit();
          },
        });
        this.scannedTo = end;
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

  /** Reads lines [first, last] in one read; returns each line's text (null where not UTF-8). */
  private async readLines(first: number, last: number): Promise<(string | null)[]> {
    const start = this.offsets.get(first);
    const end = this.lineEnd(last);
    const buf = Buffer.alloc(end - start);
    const fh = await openFile(this.path, 'r');
    try {
      await fh.read(buf, 0, buf.length, start);
    } finally {
      await fh.close();
    }
    const out: (string | null)[] = [];
    for (let i = first; i <= last; i++) {
      let b = buf.subarray(this.offsets.get(i) - start, this.lineEnd(i) - start);
      if (b[b.length - 1] === 0x0a) b = b.subarray(0, b.length - 1);
      if (b[b.length - 1] === 0x0d) b = b.subarray(0, b.length - 1);
      out.push(decodeLine(b));
    }
    return out;
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
      await scanLines(
        this.path,
        (l) => {
          if (l.index >= n || (decision && this.decisions.get(l.index) !== code)) return;
          if ((decodeLine(l.bytes) ?? '').toLowerCase().includes(text)) hits.push(l.index);
        },
        { endOffset: this.lineEnd(n - 1) },
      );
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
    const rows: LedgerRow[] = [];
    // Contiguous runs are read at once (the unfiltered case is a single read).
    for (let k = 0; k < indexes.length;) {
      let j = k;
      while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1 && j - k < 500) j++;
      const texts = await this.readLines(indexes[k], indexes[j]);
      texts.forEach((t, n) => rows.push(this.row(indexes[k] + n, t)));
      k = j + 1;
    }
    return { rows, total };
  }

  private row(index: number, text: string | null): LedgerRow {
    const entry = parseEntryLine(text);
    // Each kind once: two checkpoints that both find the tail cut off mark its last entry once.
    return rowFromEntry(index, entry, [...new Set(this.book.at(index).map((b) => b.kind))]);
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
    const found = await checkAnchors(this.path, {
      publicKey: opts.publicKey,
      sidecar: sidecarPath(this.path),
      pins: opts.pins,
    });
    const entries = Math.max(this.entries, found.checkpoints.coveredEntries);
    const last = Math.max(0, this.entries - 1);
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
    const hit = n === 0 ? -1 : await firstEntryAtOrAfter(this.path, n, this.lineEnd(n - 1), atMs);
    if (hit < 0) return null;
    const [text] = await this.readLines(hit, hit);
    return { index: hit, timestamp: this.row(hit, text).timestamp };
  }

  report(): VerifyReport {
    const all = this.book.all();
    const breaks = this.failed ? [...all] : all.slice(0, 100_000);
    return {
      path: this.path,
      valid: this.done && !this.failed && all.length === 0 && this.book.omitted === 0,
      entries: this.entries,
      head: this.verifier.head,
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
  }
}
