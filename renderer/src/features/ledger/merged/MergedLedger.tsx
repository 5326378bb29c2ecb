// The ledger browser's merged view of a fleet: several instances' ledgers (one file each) opened
// together and shown as one table ordered by time. Each row is tagged with its file (and the
// instance the entry names, in fleet mode); a break is highlighted on the row of the file it
// belongs to: the chains stay separate. The instance filter shows some files only.
import { useState, type FormEvent } from 'react';
import type { LedgerSetInfo, MergedLedgerRow } from '../../../../../shared/ipc/contract';
import { errorMessage } from '../../../api/api-error';
import { formatCost, formatLedgerTime } from '../../../lib/format';
import { VisibleText } from '../../../ui/VisibleText';
import { BreakBadge } from '../BreakBadge';
import { MERGED_PAGE_SIZE, parsePaths, useMergedRows, useOpenLedgerSet } from './useMergedLedger';
import './merged.css';

/** A colour per file, so the rows of one instance read as one. */
const hue = (file: number): number => (file * 137) % 360;

export function MergedLedger() {
  const [set, setSet] = useState<LedgerSetInfo | null>(null);
  const [text, setText] = useState('');
  const open = useOpenLedgerSet((s) => setSet(s), set);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const paths = parsePaths(text);
    if (paths.length > 0) open.mutate(paths);
  };

  return (
    <section className="merged" aria-label="Merged ledgers">
      <details className="merged__open" open={set === null ? undefined : true}>
        <summary>Open several ledgers merged by time (a fleet: one ledger per instance)</summary>
        <form className="merged__form" onSubmit={submit}>
          <label htmlFor="merged-paths" className="small muted">
            Ledger files, one per line
          </label>
          <textarea
            id="merged-paths"
            className="input mono"
            rows={3}
            value={text}
            spellCheck={false}
            placeholder={'/var/lib/penin/gw-1.jsonl\n/var/lib/penin/gw-2.jsonl'}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn" disabled={parsePaths(text).length === 0 || open.isPending}>
            {open.isPending ? 'Opening…' : 'Open merged'}
          </button>
        </form>
        {open.isError ? (
          <div className="alert alert--bad" role="alert">
            Could not open the ledgers: {errorMessage(open.error)}
          </div>
        ) : null}
      </details>
      {set ? <MergedView key={set.setId} set={set} /> : null}
    </section>
  );
}

function MergedView({ set }: { set: LedgerSetInfo }) {
  const [shown, setShown] = useState<number[]>(set.files.map((f) => f.file));
  const [page, setPage] = useState(0);
  const q = useMergedRows(set, page, shown);
  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / MERGED_PAGE_SIZE));
  const breaks = q.data?.rows.filter((r) => r.breaks.length > 0).length ?? 0;

  const toggle = (file: number) => {
    setPage(0);
    setShown((s) => (s.includes(file) ? s.filter((f) => f !== file) : [...s, file].sort((a, b) => a - b)));
  };

  return (
    <div className="merged__view">
      <div className="merged__bar">
        <fieldset className="merged__filter">
          <legend className="small muted">Instances</legend>
          {set.files.map((f) => (
            <label key={f.file} className="merged__instance" title={f.path}>
              <input type="checkbox" checked={shown.includes(f.file)} onChange={() => toggle(f.file)} />
              <span className="merged__chip" style={{ ['--chip-hue' as string]: hue(f.file) }}>
                <VisibleText text={f.name} />
              </span>
            </label>
          ))}
        </fieldset>
        <span className="small muted" role="status">
          {total} entries merged by time
          {q.data && !q.data.complete ? ' (verifying…)' : ''}
          {breaks > 0 ? ` · ${breaks} broken on this page` : ''}
        </span>
        <span className="merged__pager">
          <button type="button" className="btn" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            Previous
          </button>
          <span className="small">
            page {Math.min(page + 1, pages)} of {pages}
          </span>
          <button
            type="button"
            className="btn"
            disabled={page + 1 >= pages}
            onClick={() => setPage((p) => p + 1)}
          >
            Next
          </button>
        </span>
      </div>
      {q.isError ? (
        <div className="alert alert--bad" role="alert">
          {errorMessage(q.error)}
        </div>
      ) : null}
      <div className="merged__wrap">
        <table className="mtable" aria-label="Merged ledger entries">
          <thead>
            <tr>
              <th>Instance</th>
              <th className="num">#</th>
              <th>Time (UTC)</th>
              <th>Decision</th>
              <th>Provider</th>
              <th className="num">Cost</th>
              <th>Breaks</th>
            </tr>
          </thead>
          <tbody>
            {(q.data?.rows ?? []).map((r) => (
              <MergedRowView key={`${r.file}:${r.index}`} row={r} set={set} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MergedRowView({ row, set }: { row: MergedLedgerRow; set: LedgerSetInfo }) {
  const file = set.files[row.file];
  const broken = row.breaks.length > 0;
  return (
    <tr className={`mrow ${broken ? 'mrow--break' : ''}`} data-file={row.file}>
      <td>
        <span className="merged__chip" style={{ ['--chip-hue' as string]: hue(row.file) }} title={file?.path}>
          <VisibleText text={file?.name ?? `file ${row.file}`} />
        </span>
        {row.instance !== null && row.instance !== file?.name ? (
          <span className="small muted mono">
            {' '}
            <VisibleText text={row.instance} />
          </span>
        ) : null}
      </td>
      <td className="num mono">{row.index}</td>
      <td className="mono">
        <VisibleText text={formatLedgerTime(row.timestamp)} />
      </td>
      <td>
        <span className={`decision decision--${row.decision.toLowerCase().replace(/[^a-z_]/g, '')}`}>
          <VisibleText text={row.decision} />
        </span>
      </td>
      <td>
        {row.provider !== null ? <VisibleText text={row.provider} /> : <span className="muted">—</span>}
      </td>
      <td className="num mono">{formatCost(row.costUsd)}</td>
      <td>
        {row.breaks.map((k) => (
          <BreakBadge key={k} kind={k} />
        ))}
      </td>
    </tr>
  );
}
