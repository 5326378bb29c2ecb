// The whole ledger as one bar: the entries covered by a valid signed checkpoint (green), the
// unsigned tail after the last one (grey), and a red marker at each rewritten or truncated entry;
// a marker takes the table to its row.
import type { AnchorStatus } from '../../../../shared/ipc/contract';
import { coverageMarkers } from './anchor-summary';
import { formatInt } from '../../lib/format';

const pct = (n: number, of: number) => (of > 0 ? Math.min(100, Math.max(0, (n / of) * 100)) : 0);
const range = (from: number, to: number) =>
  from === to ? `entry ${formatInt(from)}` : `entries ${formatInt(from)}–${formatInt(to)}`;

export function AnchorCoverageBar({
  status,
  onJump,
}: {
  status: AnchorStatus;
  onJump: (index: number) => void;
}) {
  const entries = status.entries;
  const covered = Math.min(status.checkpoints.coveredEntries, entries);
  const markers = coverageMarkers(status);
  const signedPct = pct(covered, entries);
  return (
    <div className="coverage">
      <div className="coverage__bar" role="group" aria-label="Signature coverage">
        {covered > 0 ? (
          <div
            className="coverage__signed"
            style={{ width: `${signedPct}%` }}
            title={`signed: ${range(0, covered - 1)}`}
            data-testid="coverage-signed"
          />
        ) : null}
        {covered < entries ? (
          <div
            className="coverage__unsigned"
            style={{ width: `${100 - signedPct}%` }}
            title={`unsigned tail: ${range(covered, entries - 1)}`}
          />
        ) : null}
        {markers.map((m) => (
          <button
            key={m.index}
            type="button"
            className="coverage__marker"
            style={{ left: `${pct(m.index + 0.5, Math.max(entries, m.index + 1))}%` }}
            title={m.detail}
            aria-label={`${m.kinds.join(' and ')} at entry ${m.index}: go to it`}
            onClick={() => onJump(m.index)}
          />
        ))}
      </div>
      <div className="coverage__legend muted small">
        {covered > 0 ? (
          <span>
            <span className="swatch coverage__swatch--signed" />
            signed {range(0, covered - 1)}
          </span>
        ) : null}
        {covered < entries ? (
          <span>
            <span className="swatch coverage__swatch--unsigned" />
            unsigned tail {range(covered, entries - 1)}
          </span>
        ) : null}
        {markers.length > 0 ? (
          <span>
            <span className="swatch coverage__swatch--break" />
            rewritten / truncated (click a marker to go there)
          </span>
        ) : null}
      </div>
    </div>
  );
}
