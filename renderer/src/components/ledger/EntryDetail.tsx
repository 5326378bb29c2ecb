// One entry in full: its hashes checked (stored vs recomputed, previous_hash vs the prior entry's
// current_hash), its breaks, and the entry JSON (or the raw line when it does not parse).
import type { LedgerEntryDetail } from '../../../../shared/contract';
import { useLedgerEntry } from '../../hooks/useLedgerEntry';
import { ErrorState, Loading } from '../States';
import { BREAK_DESCRIPTION, BreakBadge } from './BreakBadge';

function HashCheck({
  label,
  left,
  leftLabel,
  right,
  rightLabel,
}: {
  label: string;
  left: string | null;
  leftLabel: string;
  right: string | null;
  rightLabel: string;
}) {
  const comparable = left !== null && right !== null;
  const match = comparable && left === right;
  return (
    <div className={`hash-check ${comparable ? (match ? 'hash-check--ok' : 'hash-check--bad') : ''}`}>
      <div className="hash-check__head">
        <span>{label}</span>
        <span className={`pill ${comparable ? (match ? 'pill--ok' : 'pill--bad') : 'pill--neutral'}`}>
          {comparable ? (match ? 'match' : 'MISMATCH') : 'cannot compare'}
        </span>
      </div>
      <dl>
        <dt>{leftLabel}</dt>
        <dd className="mono hash">{left ?? '—'}</dd>
        <dt>{rightLabel}</dt>
        <dd className="mono hash">{right ?? '—'}</dd>
      </dl>
    </div>
  );
}

export function EntryDetailView({ detail }: { detail: LedgerEntryDetail }) {
  return (
    <div className="detail__content">
      <HashCheck
        label="Content hash"
        leftLabel="stored current_hash"
        left={detail.storedHash}
        rightLabel="recomputed from the entry"
        right={detail.recomputedHash}
      />
      <HashCheck
        label="Chain link"
        leftLabel="previous_hash"
        left={detail.previousHash}
        rightLabel={detail.index === 0 ? 'genesis hash' : `entry ${detail.index - 1}'s current_hash`}
        right={detail.priorCurrentHash}
      />
      <h4 className="detail__section">Breaks</h4>
      {detail.breaks.length === 0 ? (
        <p className="muted small">No break at this entry.</p>
      ) : (
        <ul className="break-list">
          {detail.breaks.map((b, i) => (
            <li key={`${b.kind}-${i}`}>
              <BreakBadge kind={b.kind} />
              <span className="break-list__detail">{b.detail}</span>
              <span className="muted small">({BREAK_DESCRIPTION[b.kind]})</span>
            </li>
          ))}
        </ul>
      )}
      <h4 className="detail__section">{detail.entry ? 'Entry' : 'Raw line (not a readable entry)'}</h4>
      <pre className="json">{detail.entry ? JSON.stringify(detail.entry, null, 2) : detail.raw}</pre>
    </div>
  );
}

export function EntryDetail({
  sessionId,
  index,
  onClose,
}: {
  sessionId: string;
  index: number;
  onClose: () => void;
}) {
  const entry = useLedgerEntry(sessionId, index);
  return (
    <aside className="detail" aria-label={`Entry ${index}`}>
      <header className="detail__head">
        <h3>Entry #{index}</h3>
        {entry.data?.breaks.map((b, i) => (
          <BreakBadge key={`${b.kind}-${i}`} kind={b.kind} />
        ))}
        <button
          type="button"
          className="btn btn--ghost detail__close"
          onClick={onClose}
          aria-label="Close entry detail"
        >
          ✕
        </button>
      </header>
      {entry.isPending ? (
        <Loading what={`entry ${index}`} />
      ) : entry.isError ? (
        <ErrorState error={entry.error} what={`entry ${index}`} onRetry={() => void entry.refetch()} />
      ) : (
        <EntryDetailView detail={entry.data} />
      )}
    </aside>
  );
}
