// How far verification of the opened ledger has got, and what it found so far.
import type { VerifyProgress } from '../../../../shared/ipc/contract';
import { formatBytes, formatInt } from '../../lib/format';

export function VerifyProgressBar({ progress }: { progress: VerifyProgress }) {
  const pct =
    progress.totalBytes > 0
      ? Math.min(100, (progress.bytesRead / progress.totalBytes) * 100)
      : progress.done
        ? 100
        : 0;
  const breaks = progress.breaks;
  if (progress.done) {
    return (
      <div className={`verify verify--done ${breaks > 0 ? 'verify--bad' : 'verify--ok'}`} role="status">
        <span className={`pill ${breaks > 0 ? 'pill--bad' : 'pill--ok'}`}>
          {breaks > 0 ? 'Chain broken' : 'Chain intact'}
        </span>
        <span>
          Verified {formatInt(progress.entries)} entries ({formatBytes(progress.totalBytes)})
          {breaks > 0 ? `: ${formatInt(breaks)} ${breaks === 1 ? 'break' : 'breaks'} found` : ': no breaks'}
        </span>
      </div>
    );
  }
  return (
    <div className="verify" role="status">
      <div className="verify__text">
        <span>
          Verifying… {formatInt(progress.entries)} entries, {formatBytes(progress.bytesRead)} of{' '}
          {formatBytes(progress.totalBytes)}
        </span>
        <span className={breaks > 0 ? 'text-bad' : 'muted'}>
          {formatInt(breaks)} {breaks === 1 ? 'break' : 'breaks'} so far
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Verification progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
      >
        <div className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
