// The opened session: which file, the read-only audit banner, verification progress, report
// export and closing.
import type { LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../api/api-error';
import { useCloseLedger } from './useOpenLedger';
import { useLedgerReport } from './useLedgerReport';
import { useVerifyProgress } from './useVerifyProgress';
import { formatBytes } from '../../lib/format';
import { VerifyProgressBar } from './VerifyProgressBar';
import { ReceiptButton } from './ReceiptButton';

export function LedgerSessionBar({ session }: { session: LedgerSessionInfo }) {
  const progress = useVerifyProgress(session.sessionId);
  const report = useLedgerReport(session.sessionId);
  const close = useCloseLedger();
  // A live ledger grows while it is open: its size is the one verification has reached.
  const bytes = session.readOnly ? session.bytes : (progress.data?.totalBytes ?? session.bytes);
  return (
    <div className="session">
      {session.readOnly ? (
        <div className="audit-banner" role="note">
          <strong>Read-only audit.</strong> This file is opened for verification only: nothing is written to
          it.
        </div>
      ) : null}
      <div className="session__row">
        <div className="session__file">
          <span className={`pill ${session.readOnly ? 'pill--audit' : 'pill--live'}`}>
            {session.readOnly ? 'Audit' : 'Live'}
          </span>
          <span className="mono session__path" title={session.path}>
            {session.path}
          </span>
          <span className="muted small" data-testid="session-size">
            {formatBytes(bytes)}
          </span>
        </div>
        <div className="session__actions">
          <button
            type="button"
            className="btn"
            disabled={report.isPending}
            onClick={() => report.mutate('json')}
          >
            Export JSON report
          </button>
          <button
            type="button"
            className="btn"
            disabled={report.isPending}
            onClick={() => report.mutate('html')}
          >
            Export HTML report
          </button>
          <ReceiptButton sessionId={session.sessionId} verified={progress.data?.done ?? false} />
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => close.mutate()}
            disabled={close.isPending}
          >
            Close
          </button>
        </div>
      </div>
      {progress.data ? <VerifyProgressBar progress={progress.data} /> : null}
      {progress.isError ? (
        <div className="alert alert--warn" role="alert">
          Verification status unavailable: {errorMessage(progress.error)}
        </div>
      ) : null}
      {report.isError ? (
        <div className="alert alert--bad" role="alert">
          Could not export the report: {errorMessage(report.error)}
        </div>
      ) : null}
    </div>
  );
}
