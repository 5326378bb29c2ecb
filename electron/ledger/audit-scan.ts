// The reading side of a ledger opened for audit: verification (following a live file as it grows),
// text search, go-to-time, rows (row-read.ts) and the anchors check. It runs in a worker thread (audit-port.ts) so that
// the process hosting the gateway never waits on an audit, however large or hostile the file: its
// event loop only receives compact batches (line offsets, decision codes, breaks).
import { stat } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { checkAnchors, type AnchorReport, type Pin } from './anchors';
import { ChainVerifier, decodeLine, type ChainBreak } from './chain-verifier';
import { firstEntryAtOrAfter } from './find-time';
import { scanLines } from './line-scan';
import { readRows, type LineSpan } from './row-read';
import { decisionOf, lastLineEnd } from './session-file';
import { verifyLines } from './wasm/batch-verify';
import type { LedgerRow } from '../../shared/ledger-view';

/** What one chunk of verification found: lines from `firstIndex` on, and their breaks. */
export interface ScanBatch {
  firstIndex: number;
  offsets: Float64Array;
  /** 0 unreadable, 1..254 the decision named at that index of `names`, 255 other. */
  codes: Uint8Array;
  /** The decision names, when they changed since the last batch. */
  names: string[] | null;
  breaks: ChainBreak[];
  scannedTo: number;
  totalBytes: number;
}

export interface ScanDone {
  scannedTo: number;
  totalBytes: number;
  entries: number;
  head: string | null;
}

export type AuditRequest =
  | { op: 'scan'; follow: boolean }
  | { op: 'search'; text: string; entries: number; endOffset: number }
  | { op: 'findTime'; atMs: number; entries: number; endOffset: number }
  | { op: 'rows'; lines: LineSpan[] }
  | {
      op: 'anchors';
      publicKey?: { publicKey: KeyObject; keyId: string };
      pins?: Pin[];
      endOffset: number;
    };

export type AuditResult =
  | { op: 'scan'; done: ScanDone }
  | { op: 'search'; hits: Uint32Array }
  | { op: 'findTime'; index: number }
  | { op: 'rows'; rows: LedgerRow[] }
  | { op: 'anchors'; report: AnchorReport };

export class AuditScanner {
  private readonly verifier: ChainVerifier;
  private readonly names: string[] = [''];
  private namesChanged = false;
  private pendingBreaks: ChainBreak[] = [];
  private scannedTo = 0;
  private entries = 0;

  constructor(readonly path: string) {
    // keepEntries false: lines in Python's own form take the fast path (no parsed entry; the
    // decision is read from the line's bytes instead).
    this.verifier = new ChainVerifier((b) => this.pendingBreaks.push(b), { keepEntries: false });
  }

  run(req: AuditRequest, emit: (b: ScanBatch) => void): Promise<AuditResult> {
    switch (req.op) {
      case 'scan':
        return this.scan(req.follow, emit).then((done) => ({ op: 'scan', done }));
      case 'search':
        return this.search(req.text, req.entries, req.endOffset).then((hits) => ({ op: 'search', hits }));
      case 'findTime':
        return firstEntryAtOrAfter(this.path, req.entries, req.endOffset, req.atMs).then((index) => ({
          op: 'findTime',
          index,
        }));
      case 'rows':
        return readRows(this.path, req.lines).then((rows) => ({ op: 'rows', rows }));
      case 'anchors':
        return checkAnchors(this.path, req).then((report) => ({ op: 'anchors', report }));
    }
  }

  private decisionCode(d: string | null): number {
    if (d === null) return 0;
    let code = this.names.indexOf(d);
    if (code < 0) {
      if (this.names.length >= 255) return 255;
      code = this.names.push(d) - 1;
      this.namesChanged = true;
    }
    return code;
  }

  /** Verifies from where the last scan stopped to the end (to the last whole line when following). */
  private async scan(follow: boolean, emit: (b: ScanBatch) => void): Promise<ScanDone> {
    const size = (await stat(this.path)).size;
    const end = follow ? await lastLineEnd(this.path, size) : size;
    let firstIndex = this.entries;
    let offsets: number[] = [];
    let codes: number[] = [];
    const flush = (scannedTo: number): void => {
      emit({
        firstIndex,
        offsets: Float64Array.from(offsets),
        codes: Uint8Array.from(codes),
        names: this.namesChanged ? [...this.names] : null,
        breaks: this.pendingBreaks,
        scannedTo,
        totalBytes: size,
      });
      this.namesChanged = false;
      this.pendingBreaks = [];
      firstIndex += offsets.length;
      offsets = [];
      codes = [];
    };
    if (end > this.scannedTo) {
      // The WebAssembly batch verifier (electron/ledger/wasm), reporting each line first.
      await verifyLines(this.path, this.verifier, {
        startOffset: this.scannedTo,
        startIndex: this.entries,
        endOffset: end,
        onLine: (_index, offset, bytes) => {
          offsets.push(offset);
          codes.push(this.decisionCode(decisionOf(bytes)));
        },
        onProgress: flush,
      });
      this.scannedTo = end;
      this.entries = this.verifier.entries;
    }
    flush(this.scannedTo);
    return { scannedTo: this.scannedTo, totalBytes: size, entries: this.entries, head: this.verifier.head };
  }

  /** Indexes of the first `entries` lines whose text contains `text` (lower case), in order. */
  private async search(text: string, entries: number, endOffset: number): Promise<Uint32Array> {
    const hits: number[] = [];
    if (entries > 0)
      await scanLines(
        this.path,
        (l) => {
          if (l.index < entries && (decodeLine(l.bytes) ?? '').toLowerCase().includes(text))
            hits.push(l.index);
        },
        { endOffset },
      );
    return Uint32Array.from(hits);
  }
}
