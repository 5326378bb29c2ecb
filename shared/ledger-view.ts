// What the ledger reads out of a file for a viewer: one row of the table, one entry in detail.
// The ledger (electron/ledger) builds these and the contract carries them; they live here, below
// both, so the ledger never imports the IPC contract.
import type { BreakKind, ChainBreak } from './domain';

export interface LedgerRow {
  index: number;
  /** The entry's decision_id ('' when the line does not read): what x-penin-decision-id names. */
  decisionId: string;
  timestamp: string;
  decision: string;
  reason: string;
  provider: string | null;
  costUsd: number | null;
  previousHash: string;
  currentHash: string;
  breaks: BreakKind[];
  /** metrics.instance: the gateway instance that wrote the entry (fleet mode); absent when none. */
  instance?: string;
}

/** A run of a stored line: text as decoded, or bytes that are not UTF-8 (hex, two digits a byte). */
export type RawLinePart = { text: string } | { invalidHex: string };

/** A number whose written form changes the hash: as the line stores it and as it was hashed. */
export interface NumberFormChange {
  /** Where it is: `delta_linf`, `metrics.cost_usd`, `metrics.a[0]`. */
  path: string;
  stored: string;
  hashed: string;
}

export interface LedgerEntryDetail {
  index: number;
  /** The stored line byte for byte (its line ending left out): bytes that are not UTF-8 as their own parts. */
  raw: RawLinePart[];
  /** The stored line's length in bytes (line ending left out). */
  rawBytes: number;
  /** Why `raw` is empty although the line is not: it is over the entry bound (4 MiB) and was not
   * read. Null when `raw` holds the whole line. */
  rawOmitted: string | null;
  /** The entry indented for reading, every token as the line stores it (`0.0`, `1e-05`, digits of
   * a big int, string escapes); null when the line is not JSON. */
  stored: string | null;
  /** For a content break: the canonical text hashed now, Python's json.dumps(entry without
   * current_hash, sort_keys=True), whose SHA-256 is recomputedHash. Null otherwise. */
  canonical: string | null;
  /** For a content break where changing how some numbers are written (`0` ↔ `0.0`) gives a canonical
   * text whose SHA-256 is the stored current_hash: that text and the numbers changed. Null when none does. */
  hashedForm: { canonical: string; changes: NumberFormChange[] } | null;
  storedHash: string | null;
  recomputedHash: string | null;
  previousHash: string | null;
  priorCurrentHash: string | null;
  breaks: ChainBreak[];
}

export interface VerifyProgress {
  sessionId: string;
  bytesRead: number;
  totalBytes: number;
  entries: number;
  breaks: number;
  done: boolean;
}

export interface VerifyReport {
  path: string;
  valid: boolean;
  entries: number;
  head: string | null;
  breaks: ChainBreak[];
  breaksOmitted: number;
  bytes: number;
  verifiedAt: string;
}

/** What the signed checkpoints (and an auditor's pins) say about a ledger session (ledger:anchors). */
export interface AnchorStatus {
  /** The public key's id (16 hex digits) the checkpoints were checked with; null without a key (pins only). */
  keyId: string | null;
  checkpoints: { total: number; valid: number; coveredEntries: number };
  /** Entries in the ledger when it was checked (entries coveredEntries.. are the unsigned tail). */
  entries: number;
  /** rewritten / truncated / bad_signature; also merged into the session's rows, breaks and report. */
  breaks: ChainBreak[];
  /** unsigned_tail: entries no signature covers yet (not a break). */
  notes: ChainBreak[];
  /** The hash chain's own breaks (parse, content, link, torn tail) found verifying the file: how
   * many, and the first few entries they are at. A signature vouches for the hashes it signed, not
   * for an entry whose content no longer matches its hash. */
  chain: { breaks: number; firstIndexes: number[] };
}
