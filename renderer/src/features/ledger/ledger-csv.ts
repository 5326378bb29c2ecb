// Ledger rows as CSV (RFC 4180): the ledger table's columns and each entry's decision_id, for
// auditors' spreadsheets.
// Every cell is quoted, so that no separator inside it splits it, whatever separator the
// spreadsheet assumes (`;` in many locales, where `x;=1+1` unquoted is two cells, the second a
// formula). A cell that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage
// return first, or the full-width ＝ ＋ － ＠) is prefixed with an apostrophe: ledger text comes from
// requests and must never execute.
import type { LedgerRow } from '../../../../shared/ipc/contract';

/** Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark. */
export const CSV_BOM = '\ufeff';

export const CSV_HEADER =
  'index,decision_id,timestamp_utc,decision,reason,provider,cost_usd,previous_hash,current_hash,breaks\r\n';

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One CSV cell, always quoted (empty for null or a non-finite number); formulas defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '""';
  if (typeof value === 'number') return Number.isFinite(value) ? `"${value}"` : '""';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The rows as CSV lines (no header), each ending in CRLF. */
export function rowsToCsv(rows: readonly LedgerRow[]): string {
  let out = '';
  for (const r of rows) {
    out +=
      [
        csvCell(r.index),
        csvCell(r.decisionId),
        csvCell(r.timestamp),
        csvCell(r.decision),
        csvCell(r.reason),
        csvCell(r.provider),
        csvCell(r.costUsd),
        csvCell(r.previousHash),
        csvCell(r.currentHash),
        csvCell(r.breaks.join(' ')),
      ].join(',') + '\r\n';
  }
  return out;
}
