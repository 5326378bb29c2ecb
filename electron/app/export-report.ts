// File ▸ Export Report: writes the verification report of the ledger used last, as HTML or JSON
// depending on the extension the user picked. Plain: the save dialog is a parameter.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LedgerSessionLike } from './ledger-sessions';
import { formatReport } from './report-format';

export type ExportOutcome =
  | { kind: 'no_ledger' }
  | { kind: 'cancelled' }
  | { kind: 'written'; path: string; valid: boolean }
  | { kind: 'failed'; message: string };

export async function exportReport(
  session: LedgerSessionLike | null,
  askSavePath: (defaultFileName: string) => Promise<string | null>,
  write: (path: string, content: string) => Promise<void> = (path, content) =>
    writeFile(path, content, 'utf8'),
): Promise<ExportOutcome> {
  if (session === null) return { kind: 'no_ledger' };
  const report = session.report();
  const target = await askSavePath(formatReport(report, 'html').fileName);
  if (target === null) return { kind: 'cancelled' };
  const format = extname(target).toLowerCase() === '.json' ? 'json' : 'html';
  try {
    await write(target, formatReport(report, format).content);
    return { kind: 'written', path: target, valid: report.valid };
  } catch (error: unknown) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
