// "Compare with another copy": the path of a second ledger (the operator's copy beside the
// auditor's, or a backup), opened read-only next to the one shown.
import { useState, type FormEvent } from 'react';
import type { LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import { errorMessage } from '../../../api/api-error';
import { useOpenSecondCopy } from './useLedgerCompare';

export function ComparePanel({
  onOpened,
}: {
  /** `publicKeyPath`: the writer's public key, for which copy the signed checkpoints vouch for. */
  onOpened: (second: LedgerSessionInfo, publicKeyPath: string | undefined) => void;
}) {
  const [path, setPath] = useState('');
  const [keyPath, setKeyPath] = useState('');
  const open = useOpenSecondCopy((info) => onOpened(info, keyPath.trim() || undefined));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = path.trim();
    if (p) open.mutate(p);
  };
  return (
    <form className="compare-open" onSubmit={submit} aria-label="Compare with another copy">
      <label htmlFor="compare-path" className="muted small">
        Compare with another copy
      </label>
      <input
        id="compare-path"
        className="input mono"
        type="text"
        placeholder="/path/to/other-copy.jsonl"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        spellCheck={false}
      />
      <label htmlFor="compare-key" className="sr-only">
        Public key file (optional)
      </label>
      <input
        id="compare-key"
        className="input mono compare-open__key"
        type="text"
        placeholder="public key (optional)"
        value={keyPath}
        onChange={(e) => setKeyPath(e.target.value)}
        spellCheck={false}
      />
      <button type="submit" className="btn" disabled={!path.trim() || open.isPending}>
        {open.isPending ? 'Opening…' : 'Compare side by side'}
      </button>
      {open.isError ? (
        <div className="alert alert--bad" role="alert">
          Could not open the second copy: {errorMessage(open.error)}
        </div>
      ) : null}
    </form>
  );
}
