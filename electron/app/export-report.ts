// File ▸ Export Report: writes the verification report of the ledger used last, as HTML or JSON
// depending on the extension the user picked (one schema: shared/verify-report.ts). Plain: the
// save dialog is a parameter.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { toolVersion } from './app-identity';
import { sessionReport, type LedgerSessionLike } from './ledger-sessions';
import { formatReport, reportFileName } from './report-format';

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
  version: string = toolVersion(),
): Promise<ExportOutcome> {
  if (session === null) return { kind: 'no_ledger' };
  const target = await askSavePath(reportFileName(session.report().path, new Date(), 'html'));
  if (target === null) return { kind: 'cancelled' };
  const format = extname(target).toLowerCase() === '.json' ? 'json' : 'html';
  try {
    const report = await sessionReport(session, version);
    await write(target, formatReport(report, format).content);
    return { kind: 'written', path: target, valid: report.valid };
  } catch (error: unknown) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
