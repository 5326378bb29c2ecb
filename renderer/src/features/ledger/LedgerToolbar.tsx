// Finding things in a ledger: filter by decision and text (applied by the server), step to the
// previous/next chain break, go to an entry number or a UTC time.
import { useId, useState, type FormEvent } from 'react';
import type { LedgerFilter } from './ledger-filter';
import { jumpProblem, parseJumpTarget, type JumpTarget } from './jump-target';

/** Decisions PENIN writes; audit files may hold others, which can be typed. */
const KNOWN_DECISIONS = ['ROUTE', 'BLOCK', 'RESET', 'FORCE_OPEN', 'CACHE_CLEAR', 'RECOVER'];

export function LedgerToolbar({
  draft,
  onDraft,
  onBreak,
  onJump,
  busy,
  entryCount,
}: {
  draft: LedgerFilter;
  onDraft: (f: LedgerFilter) => void;
  onBreak: (direction: 'prev' | 'next') => void;
  onJump: (target: JumpTarget) => void;
  busy: boolean;
  /** Entries in the whole ledger (filter or not), once known. */
  entryCount: number | null;
}) {
  const [jump, setJump] = useState('');
  const target = parseJumpTarget(jump);
  // An entry number past the end is refused, saying why, rather than quietly clamped.
  const problem = jumpProblem(target, entryCount);
  const problemId = useId();
  const canGo = target !== null && problem === null;
  const submitJump = (e: FormEvent) => {
    e.preventDefault();
    if (target !== null && canGo) onJump(target);
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Ledger navigation">
      <div className="toolbar__group">
        <label className="inline-field">
          <span className="muted small">Decision</span>
          <input
            className="input input--narrow"
            list="ledger-decisions"
            placeholder="any"
            value={draft.decision}
            onChange={(e) => onDraft({ ...draft, decision: e.target.value })}
            aria-label="Filter by decision"
          />
          <datalist id="ledger-decisions">
            {KNOWN_DECISIONS.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label className="inline-field">
          <span className="muted small">Text</span>
          <input
            className="input"
            type="search"
            placeholder="reason, provider, hash…"
            value={draft.text}
            onChange={(e) => onDraft({ ...draft, text: e.target.value })}
            aria-label="Filter by text"
          />
        </label>
        {draft.decision || draft.text ? (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => onDraft({ decision: '', text: '' })}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="toolbar__group">
        <button type="button" className="btn" onClick={() => onBreak('prev')} disabled={busy}>
          ◂ Previous break
        </button>
        <button type="button" className="btn" onClick={() => onBreak('next')} disabled={busy}>
          Next break ▸
        </button>
        <form className="inline-field" onSubmit={submitJump}>
          <input
            className="input input--jump mono"
            placeholder={
              entryCount !== null && entryCount > 0 ? `#0–${entryCount - 1} or UTC time` : '# or UTC time'
            }
            title="An entry number (1234), or a time in UTC: 2026-11-25, 2026-11-25 14:05, 2026-11-25 14:05:30"
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            aria-label="Entry number or UTC time to go to"
            aria-invalid={jump.trim() !== '' && !canGo}
            aria-describedby={problem !== null ? problemId : undefined}
            spellCheck={false}
          />
          <button type="submit" className="btn" disabled={!canGo || busy} title={problem ?? undefined}>
            Go
          </button>
          {problem !== null ? (
            <span id={problemId} className="field__hint field__hint--bad" role="status">
              {problem}
            </span>
          ) : null}
        </form>
      </div>
    </div>
  );
}
