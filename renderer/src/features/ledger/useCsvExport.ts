// Exports a ledger view (the filter applied) as CSV, page by page through ledger:rows, with
// progress and a way to stop. A live ledger keeps growing: the export holds the entries the view
// had when it began.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { downloadParts } from '../../lib/download';
import { CSV_BOM, CSV_HEADER, rowsToCsv } from './ledger-csv';
import { filterParams, type LedgerFilter } from './ledger-filter';

/** Rows asked for at a time: ledger:rows's maximum. */
const EXPORT_PAGE = 500;

export interface CsvExport {
  running: boolean;
  /** Rows exported so far, of `total`. */
  done: number;
  total: number;
  error: string | null;
}

const IDLE: CsvExport = { running: false, done: 0, total: 0, error: null };

export function useCsvExport(sessionId: string, filter: LedgerFilter, fileName: string) {
  const api = useApi();
  const [state, setState] = useState<CsvExport>(IDLE);
  /** Each start (and each stop) begins a new run: a loop whose run is over stops. */
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current += 1; // leaving the view stops the export
    },
    [],
  );

  const start = useCallback(async () => {
    const mine = ++run.current;
    setState({ ...IDLE, running: true });
    try {
      const parts = [CSV_BOM, CSV_HEADER];
      let total = Number.POSITIVE_INFINITY;
      let from = 0;
      while (from < total) {
        const page = await api.invoke('ledger:rows', {
          sessionId,
          from,
          count: EXPORT_PAGE,
          ...filterParams(filter),
        });
        if (run.current !== mine) return;
        if (total === Number.POSITIVE_INFINITY) total = page.total;
        if (page.rows.length === 0) break;
        parts.push(rowsToCsv(page.rows.slice(0, total - from)));
        from += page.rows.length;
        setState({ running: true, done: Math.min(from, total), total, error: null });
      }
      downloadParts(fileName, parts, 'text/csv;charset=utf-8');
      setState({ running: false, done: Math.min(from, total), total, error: null });
    } catch (e) {
      if (run.current === mine) setState({ ...IDLE, error: errorMessage(e) });
    }
  }, [api, sessionId, filter, fileName]);

  const stop = useCallback(() => {
    run.current += 1;
    setState(IDLE);
  }, []);

  return { state, start, stop };
}
