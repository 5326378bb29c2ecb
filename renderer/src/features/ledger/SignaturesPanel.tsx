// Signed checkpoints of the opened ledger: which entries a valid signature covers, and where a
// rewrite or a truncation was found. The live ledger is checked with its own key as soon as it is
// verified; an audit asks for the writer's public key (and optional pins) first.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AnchorStatus, LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../api/api-error';
import { useLedgerAnchors } from './useLedgerAnchors';
import { useVerificationDone } from './useVerifyProgress';
import { alarmTexts, chainCaveat, coverageText, parsePinsText } from './anchor-summary';
import { formatClockSeconds } from '../../lib/format';
import { AnchorCoverageBar } from './AnchorCoverageBar';
import { BreakBadge } from './BreakBadge';
import { NoteKeysForm } from './NoteKeysForm';

const MAX_LISTED = 8;

function verdict(status: AnchorStatus): { label: string; tone: 'ok' | 'warn' | 'bad' } {
  const kinds = new Set(status.breaks.map((b) => b.kind));
  if (kinds.has('rewritten') || kinds.has('truncated')) return { label: 'Tampering detected', tone: 'bad' };
  if (kinds.has('bad_signature')) return { label: 'Bad signatures', tone: 'bad' };
  const broken = status.chain.breaks > 0;
  if (status.keyId === null)
    return broken ? { label: 'Pins match · chain broken', tone: 'bad' } : { label: 'Pins match', tone: 'ok' };
  if (status.checkpoints.valid === 0 && status.entries > 0) return { label: 'Not signed', tone: 'warn' };
  // Never a green "Signed" alone beside a broken chain: the signatures still verify over an edited entry.
  return broken ? { label: 'Signed · chain broken', tone: 'bad' } : { label: 'Signed', tone: 'ok' };
}

export function SignaturesPanel({
  session,
  onJump,
}: {
  session: LedgerSessionInfo;
  onJump: (index: number) => void;
}) {
  const live = !session.readOnly;
  const verified = useVerificationDone(session.sessionId);
  const { last, check } = useLedgerAnchors(session.sessionId);
  const { mutate } = check;
  const [keyPath, setKeyPath] = useState(last?.request.publicKeyPath ?? '');
  const [pinsText, setPinsText] = useState((last?.request.pins ?? []).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(!live);
  const autoChecked = useRef(false);

  useEffect(() => {
    if (!live || !verified || autoChecked.current || last !== null) return;
    autoChecked.current = true;
    mutate({});
  }, [live, verified, last, mutate]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { pins, problem: bad } = parsePinsText(pinsText);
    const publicKeyPath = keyPath.trim();
    if (bad === null && !live && publicKeyPath === '' && pins.length === 0) {
      setProblem('Give the public key file (PEM) of the ledger’s writer, or at least one pin.');
      return;
    }
    setProblem(bad);
    if (bad === null) mutate({ publicKeyPath: publicKeyPath || undefined, pins });
  };

  const status = last?.status ?? null;
  const badSignatures = status?.breaks.filter((b) => b.kind === 'bad_signature') ?? [];
  const shown = status ? verdict(status) : null;
  const caveat = status ? chainCaveat(status) : null;

  return (
    <section className="anchors" aria-label="Signatures">
      <div className="anchors__head">
        <div className="anchors__title">
          <h2>Signatures</h2>
          {shown ? (
            <span className={`pill pill--${shown.tone}`}>{shown.label}</span>
          ) : (
            <span className="pill pill--neutral">Not checked</span>
          )}
          {check.isPending ? (
            <span className="muted small">Checking signatures…</span>
          ) : live && last ? (
            <span className="muted small">as of {formatClockSeconds(last.checkedAt)}</span>
          ) : null}
          {live && !verified && !status ? (
            <span className="muted small">
              Checked with the live ledger’s key once verification finishes.
            </span>
          ) : null}
        </div>
        {live ? (
          <div className="anchors__actions">
            <button
              type="button"
              className="btn btn--small"
              disabled={check.isPending || !verified}
              onClick={() => mutate({})}
            >
              Check again
            </button>
            <button
              type="button"
              className="btn btn--small btn--ghost"
              aria-expanded={formOpen}
              onClick={() => setFormOpen(!formOpen)}
            >
              Other key or pins…
            </button>
          </div>
        ) : null}
      </div>
      {formOpen ? (
        <form className="anchors__form" onSubmit={submit}>
          <label className="field anchors__key">
            <span className="field__label">
              Public key file (PEM){live ? ' — empty: the live ledger’s own key' : ''}
            </span>
            <input
              className="input mono"
              value={keyPath}
              onChange={(e) => setKeyPath(e.target.value)}
              placeholder="/path/to/ledger-signing-key.pem.pub"
              aria-label="Public key file"
              spellCheck={false}
            />
          </label>
          <label className="field anchors__pins">
            <span className="field__label">Pins (optional): INDEX:HASH, one per line or comma-separated</span>
            <textarea
              className="mono"
              rows={1}
              value={pinsText}
              onChange={(e) => setPinsText(e.target.value)}
              placeholder="12036:88ab6acd5c12e51f…"
              aria-label="Pins"
              spellCheck={false}
            />
          </label>
          <button type="submit" className="btn btn--primary" disabled={check.isPending}>
            Check signatures
          </button>
        </form>
      ) : null}
      {formOpen ? <NoteKeysForm sessionId={session.sessionId} /> : null}
      {problem ? (
        <div className="alert alert--warn" role="alert">
          {problem}
        </div>
      ) : null}
      {check.isError ? (
        <div className="alert alert--bad" role="alert">
          Could not check the signatures: {errorMessage(check.error)}
        </div>
      ) : null}
      {status && last ? (
        <div className="anchors__result">
          {alarmTexts(status).map((text) => (
            <div key={text} className="alert alert--bad anchors__alarm" role="alert">
              {text}
            </div>
          ))}
          {caveat ? (
            <div className="alert alert--bad anchors__caveat" role="note">
              {caveat}
              {status.chain.firstIndexes.length > 0 ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => onJump(status.chain.firstIndexes[0])}
                >
                  Go to #{status.chain.firstIndexes[0]}
                </button>
              ) : null}
            </div>
          ) : null}
          <p className="anchors__summary">{coverageText(status, last.request.pins?.length ?? 0)}</p>
          {status.entries > 0 ? <AnchorCoverageBar status={status} onJump={onJump} /> : null}
          {badSignatures.length > 0 ? (
            <ul className="anchors__bad" aria-label="Checkpoints that do not verify">
              {badSignatures.slice(0, MAX_LISTED).map((b, i) => (
                <li key={`${b.index}-${i}`}>
                  <BreakBadge kind="bad_signature" />
                  <span>{b.detail}</span>
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => onJump(b.index)}>
                    Go to #{b.index}
                  </button>
                </li>
              ))}
              {badSignatures.length > MAX_LISTED ? (
                <li className="muted">
                  …and {badSignatures.length - MAX_LISTED} more (all are in the report).
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : !live ? (
        <p className="muted small anchors__hint">
          The writer signs checkpoints (entry count, head hash, Merkle root) into LEDGER.checkpoints next to
          the ledger. Its public key shows which entries those signatures cover, and finds a chain rewritten
          wholesale or cut short, which the hashes alone cannot. Pins (from{' '}
          <span className="mono">penin head</span>) check single entries.
        </p>
      ) : null}
    </section>
  );
}
