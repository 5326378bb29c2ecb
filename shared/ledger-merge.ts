// The ledger browser's merged view of a fleet: several instances' ledgers (one file each) shown
// as one table ordered by time, each row tagged with the file it comes from. The chains stay
// separate: a row's breaks are the breaks of its own file at its own index.
import type { BreakKind } from './domain';

export interface LedgerSetFile {
  /** Position of the file in the set (0-based): what a merged row's `file` names. */
  file: number;
  path: string;
  /** The file's name without its folder: the instance's tag in the table. */
  name: string;
  /** The ledger session reading this file (ledger:rows, ledger:entry and the rest work on it). */
  sessionId: string;
}

export interface LedgerSetInfo {
  setId: string;
  files: LedgerSetFile[];
}

export interface MergedLedgerRow {
  /** Which file of the set (LedgerSetFile.file). */
  file: number;
  /** The entry's 0-based number in its own file. */
  index: number;
  timestamp: string;
  /** metrics.instance when the entry names its gateway instance (fleet mode); else null. */
  instance: string | null;
  decision: string;
  provider: string | null;
  costUsd: number | null;
  /** Breaks of this entry in its own file's chain. */
  breaks: BreakKind[];
}

export interface MergedRows {
  rows: MergedLedgerRow[];
  /** Rows in the merged view (of the files asked for). */
  total: number;
  /** Every file of the set has been verified to its end; before that the order may still change. */
  complete: boolean;
}
