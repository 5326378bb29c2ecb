// One entry in full: its hashes checked (stored vs recomputed, previous_hash vs the prior entry's
// current_hash), its breaks, the stored line byte for byte, and the entry as stored (never
// re-serialised: `0.0` stays `0.0`). For a content break, the canonical text that was hashed sits
// beside the stored line. Ledger text is shown with its hidden characters escaped (VisibleText).
import type { ReactNode } from 'react';
import type { LedgerEntryDetail, RawLinePart } from '../../../../shared/ipc/contract';
import { useLedgerEntry } from './useLedgerEntry';
import { formatInt } from '../../lib/format';
import { CopyButton } from '../../ui/CopyButton';
import { QueryState } from '../../ui/QueryState';
import { VisibleText } from '../../ui/VisibleText';
import { BREAK_DESCRIPTION, BreakBadge } from './BreakBadge';
import { BreakExplanations, hasExplainable } from './explain/BreakExplanations';
import { InclusionLine } from './InclusionLine';

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
        <dd className="mono hash">{left === null ? '—' : <VisibleText text={left} />}</dd>
        <dt>{rightLabel}</dt>
        <dd className="mono hash">{right === null ? '—' : <VisibleText text={right} />}</dd>
      </dl>
    </div>
  );
}

/** The stored line as copied: its text, and `\xNN` for each byte that is not UTF-8. */
export function rawLineText(raw: RawLinePart[]): string {
  return raw.map((p) => ('text' in p ? p.text : p.invalidHex.replace(/../g, '\\x$&'))).join('');
}

function RawLine({ raw }: { raw: RawLinePart[] }) {
  return (
    <pre className="json raw-line" aria-label="Stored line">
      {raw.map((p, i) =>
        'text' in p ? (
          <VisibleText key={i} text={p.text} />
        ) : (
          <span key={i} className="hidden-char hidden-char--bidi" title="bytes that are not UTF-8">
            {p.invalidHex.replace(/../g, '\\x$&')}
          </span>
        ),
      )}
    </pre>
  );
}

/** A content break: the stored line beside the canonical text that was hashed. */
function HashedForms({ detail }: { detail: LedgerEntryDetail }) {
  const found = detail.hashedForm;
  return (
    <div className="hashed-forms" aria-label="What was hashed">
      {found ? (
        <p className="hashed-forms__verdict">
          The stored current_hash is the SHA-256 of this entry with{' '}
          {found.changes.map((c, i) => (
            <span key={c.path}>
              {i > 0 ? ', ' : ''}
              <code>{c.path}</code> written <code className="hashed-forms__was">{c.hashed}</code> (the line
              now stores <code className="hashed-forms__now">{c.stored}</code>)
            </span>
          ))}
          : the entry was edited after it was hashed.
        </p>
      ) : (
        <p className="hashed-forms__verdict">
          The stored current_hash is not the SHA-256 of the canonical text below (json.dumps of the entry
          without current_hash, keys sorted): the entry was edited after it was hashed.
        </p>
      )}
      {found ? (
        <>
          <h5 className="detail__sub">Canonical text that gives the stored current_hash</h5>
          <pre className="json" aria-label="Canonical text that was hashed">
            <VisibleText text={found.canonical} />
          </pre>
        </>
      ) : null}
      <h5 className="detail__sub">
        Canonical text of the entry as stored now (its SHA-256 is the recomputed hash)
      </h5>
      <pre className="json" aria-label="Canonical text now">
        <VisibleText text={detail.canonical ?? ''} />
      </pre>
    </div>
  );
}

/** `lead`: shown first (a broken entry's explanation, ./explain/). */
export function EntryDetailView({ detail, lead }: { detail: LedgerEntryDetail; lead?: ReactNode }) {
  const contentBreak = detail.canonical !== null;
  return (
    <div className="detail__content">
      {lead}
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
              <span className="break-list__detail">
                <VisibleText text={b.detail} />
              </span>
              <span className="muted small">({BREAK_DESCRIPTION[b.kind]})</span>
            </li>
          ))}
        </ul>
      )}
      <div className="detail__section-head">
        <h4 className="detail__section">
          Stored line {detail.index + 1} of the file ({formatInt(detail.rawBytes)} bytes)
          {detail.stored === null ? ': not a readable entry' : ''}
        </h4>
        {detail.rawOmitted === null ? (
          <CopyButton text={() => rawLineText(detail.raw)} what="the stored line" />
        ) : null}
      </div>
      <div className={contentBreak ? 'entry-compare' : undefined}>
        {detail.rawOmitted !== null ? (
          <p className="muted" role="note">
            Not shown: {detail.rawOmitted}. A line this long is never loaded, here or in the table.
          </p>
        ) : (
          <RawLine raw={detail.raw} />
        )}
        {contentBreak ? <HashedForms detail={detail} /> : null}
      </div>
      {detail.stored !== null ? (
        <>
          <h4 className="detail__section">Entry, as stored (numbers and escapes as written)</h4>
          <pre className="json" aria-label="Entry as stored">
            <VisibleText text={detail.stored} />
          </pre>
        </>
      ) : null}
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
      <QueryState query={entry} what={`entry ${index}`}>
        {(detail) => (
          <EntryDetailView
            detail={detail}
            lead={
              hasExplainable(detail.breaks) ? <BreakExplanations sessionId={sessionId} index={index} /> : null
            }
          />
        )}
      </QueryState>
      <InclusionLine sessionId={sessionId} index={index} />
    </aside>
  );
}
