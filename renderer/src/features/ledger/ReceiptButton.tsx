// "Signed receipt" beside the report exports: the auditor names their key file (a path typed, or
// chosen in the desktop app); main reads it, signs what the session verified as a penin.receipt/1
// note, and only the note comes back, to be saved. The key's content never reaches this window.
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useNoteKeys, useSignedReceipt } from './useLedgerProofs';
import './proofs.css';

export function ReceiptButton({ sessionId, verified }: { sessionId: string; verified: boolean }) {
  const api = useApi();
  const receipt = useSignedReceipt(sessionId);
  const { keys } = useNoteKeys(sessionId);
  const [open, setOpen] = useState(false);
  const [keyPath, setKeyPath] = useState('');
  const [pickProblem, setPickProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = keyPath.trim();
    if (p) receipt.mutate({ auditorKeyPath: p, keys });
  };
  const picked = (file: File | undefined) => {
    if (!file) return;
    // Only where the file is stored is taken (desktop app); the file itself is never read here.
    const path = api.filePath(file);
    if (fileInput.current) fileInput.current.value = '';
    if (path === null) setPickProblem('The browser does not say where a chosen file is: type its path.');
    else {
      setPickProblem(null);
      setKeyPath(path);
    }
  };

  return (
    <span className="receipt">
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title="Sign what this session verified with your auditor key (penin.receipt/1)"
      >
        Signed receipt…
      </button>
      {open ? (
        <form className="receipt__form" onSubmit={submit} aria-label="Signed receipt">
          <label className="field">
            <span className="field__label">
              Your auditor key file (PEM private key; read by PENIN, never shown)
            </span>
            <input
              className="input mono"
              value={keyPath}
              onChange={(e) => setKeyPath(e.target.value)}
              placeholder="/path/to/auditor.pem"
              aria-label="Auditor key file"
              spellCheck={false}
            />
          </label>
          <input
            ref={fileInput}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => picked(e.target.files?.[0])}
          />
          <button type="button" className="btn btn--ghost" onClick={() => fileInput.current?.click()}>
            Choose…
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={!keyPath.trim() || receipt.isPending || !verified}
          >
            {receipt.isPending ? 'Signing…' : 'Sign and save'}
          </button>
          <span className="muted small">
            {!verified
              ? 'Available once verification is done.'
              : keys
                ? 'Names the newest checkpoint note that verifies with the log’s vkey.'
                : 'Give the log’s vkey under Signatures to name the checkpoint checked.'}
          </span>
          {pickProblem ? (
            <span className="field__hint field__hint--bad" role="alert">
              {pickProblem}
            </span>
          ) : null}
          {receipt.isError ? (
            <span className="field__hint field__hint--bad" role="alert">
              Could not sign the receipt: {errorMessage(receipt.error)}
            </span>
          ) : receipt.data ? (
            <span className="muted small" role="status">
              Receipt signed by {receipt.data.signedBy} saved as {receipt.data.fileName}.
            </span>
          ) : null}
        </form>
      ) : null}
    </span>
  );
}
