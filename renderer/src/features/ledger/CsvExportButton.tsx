// "Export CSV" for the rows the ledger view shows (its filter applied), with progress and Stop.
import type { LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { isFiltered, type LedgerFilter } from './ledger-filter';
import { useCsvExport } from './useCsvExport';
import { formatInt } from '../../lib/format';

/** "ledger.jsonl" → "ledger-entries.csv" (or "ledger-matching.csv" under a filter). */
export function csvFileName(path: string, filtered: boolean): string {
  const base = path.split(/[\\/]/).pop() ?? 'ledger';
  return `${base.replace(/\.jsonl?$/i, '') || 'ledger'}-${filtered ? 'matching' : 'entries'}.csv`;
}

export function CsvExportButton({ session, filter }: { session: LedgerSessionInfo; filter: LedgerFilter }) {
  const filtered = isFiltered(filter);
  const { state, start, stop } = useCsvExport(session.sessionId, filter, csvFileName(session.path, filtered));
  return (
    <span className="csv-export">
      {state.running ? (
        <>
          <span role="status">
            Exporting {formatInt(state.done)}
            {state.total ? ` of ${formatInt(state.total)}` : ''}…
          </span>
          <button type="button" className="btn btn--ghost btn--small" onClick={stop}>
            Stop
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => void start()}
          title="The columns of this table, as a CSV file for a spreadsheet"
        >
          {filtered ? 'Export matching as CSV' : 'Export as CSV'}
        </button>
      )}
      {state.error ? (
        <span className="text-bad" role="alert">
          Could not export: {state.error}
        </span>
      ) : null}
    </span>
  );
}
