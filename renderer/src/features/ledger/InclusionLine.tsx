// The entry pane's line on the transparency log: "Included in checkpoint N (signed by K, co-signed
// by W)", checked in main against the file's tree with the log's vkey the auditor gave (under
// Signatures); and the entry's evidence bundle to export.
import type { EntryInclusionView } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../api/api-error';
import { formatInt } from '../../lib/format';
import { useEntryInclusion, useEvidenceExport, useNoteKeys } from './useLedgerProofs';
import './proofs.css';

export function inclusionText(v: EntryInclusionView | null): {
  text: string;
  tone: 'ok' | 'bad' | 'neutral';
} {
  if (v === null)
    return {
      text: 'Not in a signed checkpoint yet (no checkpoint note covers this entry).',
      tone: 'neutral',
    };
  if (!v.verified || v.checkpointSize === null)
    return {
      text: `Not proven: ${formatInt(v.refused)} checkpoint note${v.refused === 1 ? '' : 's'} covering this entry did not verify with this key, or no longer match the file.`,
      tone: 'bad',
    };
  const cosigned =
    v.witnesses.length > 0
      ? `, co-signed by ${v.witnesses.map((w) => w.name).join(', ')}`
      : ', no witness co-signature';
  return {
    text: `Included in checkpoint ${formatInt(v.checkpointSize)} (signed by ${v.signer ?? '?'}${cosigned})`,
    tone: 'ok',
  };
}

export function InclusionLine({ sessionId, index }: { sessionId: string; index: number }) {
  const { keys } = useNoteKeys(sessionId);
  const inclusion = useEntryInclusion(sessionId, index, keys);
  let body;
  if (keys === null)
    body = (
      <p className="muted small" data-testid="inclusion-line">
        Give the log’s vkey under Signatures (“Checkpoint notes”) to see which signed checkpoint includes this
        entry.
      </p>
    );
  else if (inclusion.isPending) body = <p className="muted small">Checking the checkpoint notes…</p>;
  else if (inclusion.isError)
    body = (
      <p className="alert alert--bad" role="alert">
        Could not check inclusion: {errorMessage(inclusion.error)}
      </p>
    );
  else {
    const { text, tone } = inclusionText(inclusion.data);
    const v = inclusion.data;
    body = (
      <p className={`inclusion-line inclusion-line--${tone}`} data-testid="inclusion-line">
        <span className={`pill pill--${tone}`}>
          {tone === 'ok' ? 'proven' : tone === 'bad' ? 'NOT PROVEN' : 'pending'}
        </span>{' '}
        <span>{text}</span>
        {v?.verified && v.time ? <span className="muted small"> · checkpoint time {v.time}</span> : null}
      </p>
    );
  }
  return (
    <section className="inclusion" aria-label="Transparency log">
      <div className="detail__section-head">
        <h4 className="detail__section">Transparency log</h4>
        <EvidenceButton sessionId={sessionId} index={index} />
      </div>
      {body}
    </section>
  );
}

export function EvidenceButton({ sessionId, index }: { sessionId: string; index: number }) {
  const evidence = useEvidenceExport(sessionId);
  return (
    <span className="evidence-export">
      <button
        type="button"
        className="btn btn--small"
        disabled={evidence.isPending}
        onClick={() => evidence.mutate(index)}
        title="The entry as a penin.evidence/1 bundle, with its inclusion proof: `penin evidence --check` verifies it offline"
      >
        {evidence.isPending ? 'Exporting…' : 'Export evidence'}
      </button>
      {evidence.isError ? (
        <span className="field__hint field__hint--bad" role="alert">
          Could not export the evidence: {errorMessage(evidence.error)}
        </span>
      ) : evidence.data && !evidence.data.inclusion ? (
        <span className="muted small" role="status">
          Exported without an inclusion proof (no checkpoint note covers it yet).
        </span>
      ) : null}
    </span>
  );
}
