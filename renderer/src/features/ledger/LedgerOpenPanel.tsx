// Choosing what to look at: the live ledger PENIN writes, or any ledger file opened read-only for
// audit (typed path, or dropped onto the panel in the desktop app).
import { useState, type DragEvent, type FormEvent } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useOpenLedger } from './useOpenLedger';

export function LedgerOpenPanel({ app, compact }: { app: AppInfo | undefined; compact: boolean }) {
  const api = useApi();
  const open = useOpenLedger();
  const [path, setPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const [dropProblem, setDropProblem] = useState<string | null>(null);
  const livePath = app?.liveLedgerPath ?? null;

  const openAudit = (e: FormEvent) => {
    e.preventDefault();
    const p = path.trim();
    if (p) open.mutate({ kind: 'audit', path: p });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files.item(0);
    if (!file) return;
    const filePath = api.filePath(file);
    if (!filePath) {
      setDropProblem(`Can't tell where “${file.name}” is stored from here. Type its full path instead.`);
      return;
    }
    setDropProblem(null);
    setPath(filePath);
    open.mutate({ kind: 'audit', path: filePath });
  };

  return (
    <div
      className={`open-panel ${compact ? 'open-panel--compact' : ''} ${dragging ? 'open-panel--drag' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="open-panel__live">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!livePath || open.isPending}
          onClick={() => open.mutate({ kind: 'live' })}
        >
          Open live ledger
        </button>
        <span className="muted small mono" title={livePath ?? undefined}>
          {livePath ?? 'PENIN is not writing a ledger (no ledger path configured).'}
        </span>
      </div>
      <form className="open-panel__audit" onSubmit={openAudit}>
        <label className="sr-only" htmlFor="audit-path">
          Ledger file to audit
        </label>
        <input
          id="audit-path"
          className="input mono"
          type="text"
          placeholder="/path/to/ledger.jsonl"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" className="btn" disabled={!path.trim() || open.isPending}>
          {open.isPending ? 'Opening…' : 'Open for audit'}
        </button>
      </form>
      {!compact ? (
        <div className="open-panel__drop muted small">…or drop a ledger file here (desktop app).</div>
      ) : null}
      {open.isError ? (
        <div className="alert alert--bad" role="alert">
          Could not open the ledger: {errorMessage(open.error)}
        </div>
      ) : null}
      {dropProblem ? (
        <div className="alert alert--warn" role="alert">
          {dropProblem}
        </div>
      ) : null}
    </div>
  );
}
