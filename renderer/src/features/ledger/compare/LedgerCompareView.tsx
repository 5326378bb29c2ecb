// Two copies of one ledger side by side (the auditor's and the operator's, or two backups): the
// penin.diff/1 verdict, both tables in one scroller so they move together, opened at the fork,
// the entries that differ highlighted on both sides, and for the selected row the field-level
// difference between the two entries. Keyboard: ↑↓ PgUp PgDn Home End move the selection.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { LedgerRow, LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import type { LedgerDiff } from '../../../../../shared/ledger-diff';
import { formatInt, formatLedgerTime, shortHash } from '../../../lib/format';
import { QueryState } from '../../../ui/QueryState';
import { VisibleText } from '../../../ui/VisibleText';
import { BreakBadge } from '../BreakBadge';
import { CompareEntryDiff } from './CompareEntryDiff';
import { useCompareRows, useLedgerDiff } from './useLedgerCompare';
import './compare.css';

/** Rows shown at once (one ledger:rows page per side); Earlier / Later move by this much. */
export const WINDOW = 100;
/** Rows of the common prefix shown above the fork, for context. */
const CONTEXT = 5;

/** Where the copies part: the first differing entry, else the end of the shorter one. */
export function forkIndex(d: LedgerDiff): number | null {
  if (d.firstDifference) return d.firstDifference.index;
  if (d.classification.kind === 'prefix') return d.commonPrefix;
  return null;
}

const sameRow = (a: LedgerRow, b: LedgerRow): boolean =>
  a.currentHash === b.currentHash &&
  a.previousHash === b.previousHash &&
  a.decisionId === b.decisionId &&
  a.timestamp === b.timestamp &&
  a.decision === b.decision &&
  a.reason === b.reason &&
  a.provider === b.provider &&
  a.costUsd === b.costUsd;

/** Whether entry `index` differs between the copies (rows as read, and the diff's verdict). */
export function rowDiffers(
  d: LedgerDiff,
  index: number,
  a: LedgerRow | undefined,
  b: LedgerRow | undefined,
): boolean {
  if (index < d.commonPrefix) return false;
  if (index === d.firstDifference?.index) return true;
  return !a || !b || !sameRow(a, b);
}

function classification(d: LedgerDiff): string {
  const c = d.classification;
  switch (c.kind) {
    case 'identical':
      return 'identical';
    case 'prefix':
      return `${c.shorter.toUpperCase()} is a prefix of ${c.shorter === 'a' ? 'B' : 'A'} (truncated, or the other grew)${c.tornCopy ? '; its last line is a torn copy' : ''}`;
    case 'forked':
      return `forked at entry ${formatInt(c.at)}`;
    case 'unrelated':
      return 'no common prefix';
  }
}

function Summary({ d }: { d: LedgerDiff }) {
  return (
    <section className="compare-summary" aria-label="How the copies compare">
      <p className="compare-summary__text">
        <VisibleText text={d.text} />
      </p>
      <dl className="compare-summary__facts small">
        <dt>Common prefix</dt>
        <dd>{formatInt(d.commonPrefix)} entries</dd>
        <dt>Verdict</dt>
        <dd>{classification(d)}</dd>
        {(['a', 'b'] as const).map((s) => (
          <div key={s} className="compare-summary__side">
            <dt>{s.toUpperCase()}</dt>
            <dd>
              <span className="mono">
                <VisibleText text={d[s].path} />
              </span>
              : {formatInt(d[s].entries)} entries, {formatInt(d[s].tail)} after the prefix
              {d[s].tornTail ? ', last line torn' : ''}
            </dd>
          </div>
        ))}
        {d.checkpoints && d.checkpoints.length > 0 ? (
          <>
            <dt>Signed checkpoints</dt>
            <dd>
              {d.checkpoints.map((c) => (
                <span key={`${c.entries}-${c.head}`} className="compare-summary__cp">
                  {formatInt(c.entries)} entries ({c.time}, in{' '}
                  {c.foundIn === 'both' ? 'both sidecars' : `${c.foundIn.toUpperCase()}'s sidecar`}): vouches
                  for{' '}
                  {c.vouchesFor === 'both' || c.vouchesFor === 'neither'
                    ? c.vouchesFor
                    : c.vouchesFor.toUpperCase()}
                </span>
              ))}
            </dd>
          </>
        ) : d.checkpoints ? (
          <>
            <dt>Signed checkpoints</dt>
            <dd>none signed by this key in either sidecar</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function SideCells({ row, side }: { row: LedgerRow | undefined; side: 'a' | 'b' }) {
  if (!row)
    return (
      <div role="gridcell" className={`ccell ccell--${side} ccell--missing`}>
        no entry
      </div>
    );
  return (
    <div role="gridcell" className={`ccell ccell--${side}`}>
      <span className="ccell__time mono">{formatLedgerTime(row.timestamp)}</span>
      <span className="ccell__decision">{row.decision}</span>
      <span className="ccell__reason">
        <VisibleText text={row.reason} />
      </span>
      <span className="ccell__hash mono" title={row.currentHash}>
        {shortHash(row.currentHash)}
      </span>
      {row.breaks.map((k) => (
        <BreakBadge key={k} kind={k} />
      ))}
    </div>
  );
}

function CompareTables({ a, b, d }: { a: LedgerSessionInfo; b: LedgerSessionInfo; d: LedgerDiff }) {
  const fork = forkIndex(d);
  const longest = Math.max(d.a.entries, d.b.entries);
  const startAt = (i: number) => Math.max(0, Math.min(i - CONTEXT, Math.max(0, longest - WINDOW)));
  const [from, setFrom] = useState(() => startAt(fork ?? 0));
  const [selected, setSelected] = useState<number | null>(fork);
  const ra = useCompareRows(a.sessionId, from, WINDOW, d.a.entries);
  const rb = useCompareRows(b.sessionId, from, WINDOW, d.b.entries);
  const gridRef = useRef<HTMLDivElement>(null);
  const to = Math.min(longest, from + WINDOW);

  useEffect(() => {
    if (selected === null) return;
    gridRef.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, from, ra.data, rb.data]);

  const select = (i: number) => {
    const j = Math.max(0, Math.min(longest - 1, i));
    if (j < from || j >= from + WINDOW)
      setFrom(Math.max(0, Math.min(j - Math.floor(WINDOW / 2), longest - WINDOW)));
    setSelected(j);
  };

  const onKey = (e: KeyboardEvent) => {
    const here = selected ?? from;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (e.key in step) select(here + step[e.key]);
    else if (e.key === 'Home') select(from);
    else if (e.key === 'End') select(to - 1);
    else return;
    e.preventDefault();
  };

  const rowsA = new Map((ra.data?.rows ?? []).map((r) => [r.index, r]));
  const rowsB = new Map((rb.data?.rows ?? []).map((r) => [r.index, r]));
  const indexes = Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

  return (
    <div className="compare-body">
      <div className="compare-nav">
        <button
          type="button"
          className="btn btn--small"
          disabled={from === 0}
          onClick={() => setFrom(Math.max(0, from - WINDOW))}
        >
          ◀ Earlier
        </button>
        <span className="muted small">
          entries {formatInt(from)}–{formatInt(Math.max(from, to - 1))}
        </span>
        <button
          type="button"
          className="btn btn--small"
          disabled={to >= longest}
          onClick={() => setFrom(from + WINDOW)}
        >
          Later ▶
        </button>
        {fork !== null ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              setFrom(startAt(fork));
              setSelected(fork);
              gridRef.current?.focus();
            }}
          >
            Back to the fork (#{formatInt(fork)})
          </button>
        ) : null}
        <span className="muted small compare-nav__keys">↑↓ PgUp PgDn Home End to move</span>
      </div>
      <div
        ref={gridRef}
        className="compare-grid"
        role="grid"
        aria-label="Both copies, entry by entry"
        aria-rowcount={longest}
        tabIndex={0}
        onKeyDown={onKey}
      >
        <div role="row" className="crow crow--head">
          <div role="columnheader" className="ccell ccell--index">
            #
          </div>
          <div role="columnheader" className="ccell ccell--a">
            A · <span className="mono">{a.path}</span>
          </div>
          <div role="columnheader" className="ccell ccell--b">
            B · <span className="mono">{b.path}</span>
          </div>
        </div>
        {ra.isError || rb.isError ? (
          <div role="row" className="crow">
            <div role="gridcell" className="ccell">
              Could not read the rows.
            </div>
          </div>
        ) : null}
        {indexes.map((i) => {
          const rowA = rowsA.get(i);
          const rowB = rowsB.get(i);
          const loading = (!ra.data && i < d.a.entries) || (!rb.data && i < d.b.entries);
          const differs = !loading && rowDiffers(d, i, rowA, rowB);
          return (
            <div
              key={i}
              role="row"
              data-index={i}
              aria-selected={selected === i}
              aria-rowindex={i + 1}
              className={[
                'crow',
                differs ? 'crow--differs' : '',
                i === fork ? 'crow--fork' : '',
                selected === i ? 'crow--selected' : '',
              ].join(' ')}
              onClick={() => setSelected(i)}
            >
              <div role="rowheader" className="ccell ccell--index mono">
                {i}
                {i === fork ? <span className="crow__fork-mark"> fork</span> : null}
              </div>
              <SideCells row={rowA} side="a" />
              <SideCells row={rowB} side="b" />
            </div>
          );
        })}
      </div>
      {selected !== null ? (
        <CompareEntryDiff
          a={a.sessionId}
          b={b.sessionId}
          index={selected}
          inA={selected < d.a.entries}
          inB={selected < d.b.entries}
        />
      ) : null}
    </div>
  );
}

export function LedgerCompareView({
  a,
  b,
  publicKeyPath,
  onClose,
}: {
  a: LedgerSessionInfo;
  b: LedgerSessionInfo;
  /** The writer's public key: the verdict then says which copy each signed checkpoint vouches for. */
  publicKeyPath?: string;
  onClose: () => void;
}) {
  const diff = useLedgerDiff(a.sessionId, b.sessionId, publicKeyPath);
  return (
    <section className="compare" aria-label="Two copies side by side">
      <header className="compare__head">
        <h3>Two copies side by side</h3>
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          Close comparison
        </button>
      </header>
      <QueryState query={diff} what="the comparison">
        {(d) => (
          <>
            <Summary d={d} />
            <CompareTables a={a} b={b} d={d} />
          </>
        )}
      </QueryState>
    </section>
  );
}
