// The ledger as a virtualized table: fixed-height rows, a spacer as tall as every row, and only
// the rows in view rendered; their pages are fetched on demand. Stays smooth at millions of rows.
// Keyboard: up/down, page up/down, home/end move the selection; Enter opens the entry.
import { useImperativeHandle, useState, type KeyboardEvent, type Ref } from 'react';
import type { LedgerRow } from '../../../../shared/ipc/contract';
import type { LedgerFilter } from './ledger-filter';
import { useElementSize } from '../../ui/useElementSize';
import { useLedgerRows } from './useLedgerRows';
import { formatCost, formatLedgerTime, shortHash } from '../../lib/format';
import {
  revealScrollTop,
  rowTop,
  rowsPerViewport,
  scrollTopFor,
  spacerHeight,
  visibleRange,
  type Geometry,
} from './virtual-window';
import { errorMessage } from '../../api/api-error';
import { visibleText } from '../../ui/visible-text';
import { VisibleText } from '../../ui/VisibleText';
import { BreakBadge } from './BreakBadge';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 30;
/** Used when the host reports no layout (tests) so the table still renders a screenful. */
const FALLBACK_VIEWPORT = 560;

export interface LedgerTableHandle {
  reveal(position: number, mode: 'nearest' | 'center'): void;
  focus(): void;
}

export interface LedgerTableProps {
  sessionId: string;
  filter: LedgerFilter;
  total: number;
  selected: number | null;
  onSelect: (position: number, row: LedgerRow | undefined) => void;
  onOpen: (position: number, row: LedgerRow | undefined) => void;
  /** Fewer columns (no provider, cost, previous hash), for when the detail pane takes room. */
  compact?: boolean;
  ref?: Ref<LedgerTableHandle>;
}

const COLUMNS = ['#', 'Time (UTC)', 'Decision', 'Reason', 'Provider', 'Cost', 'Prev hash', 'Hash', 'Breaks'];
const COMPACT_HIDDEN = new Set(['Provider', 'Cost', 'Prev hash']);

export function LedgerTable({
  sessionId,
  filter,
  total,
  selected,
  onSelect,
  onOpen,
  compact = false,
  ref,
}: LedgerTableProps) {
  const [containerRef, size] = useElementSize<HTMLDivElement>();
  const [scrollTop, setScrollTop] = useState(0);
  const g: Geometry = {
    total,
    rowHeight: ROW_HEIGHT,
    viewport: Math.max(ROW_HEIGHT, (size.height > 0 ? size.height : FALLBACK_VIEWPORT) - HEADER_HEIGHT),
  };
  const range = visibleRange(scrollTop, g, 6);
  const view = useLedgerRows(sessionId, filter, range);

  const scrollToTop = (next: number) => {
    const el = containerRef.current;
    if (!el) return;
    el.scrollTop = next;
    setScrollTop(el.scrollTop);
  };

  const reveal = (position: number, mode: 'nearest' | 'center') => {
    const el = containerRef.current;
    if (!el) return;
    const next =
      mode === 'nearest'
        ? revealScrollTop(position, el.scrollTop, g)
        : scrollTopFor(Math.max(0, position * g.rowHeight - g.viewport / 2 + g.rowHeight / 2), g);
    scrollToTop(next);
  };

  useImperativeHandle(ref, () => ({ reveal, focus: () => containerRef.current?.focus() }));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const current = selected ?? -1;
    const page = rowsPerViewport(g);
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current < 0 ? 0 : current - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = total - 1;
        break;
      case 'Enter':
        e.preventDefault();
        if (selected !== null) onOpen(selected, view.rowAt(selected));
        return;
      default:
        return;
    }
    e.preventDefault();
    next = Math.max(0, Math.min(total - 1, next));
    onSelect(next, view.rowAt(next));
    reveal(next, 'nearest');
  };

  const rows = [];
  for (let pos = range.first; pos < range.last; pos++) {
    const row = view.rowAt(pos);
    const broken = row !== undefined && row.breaks.length > 0;
    const isSelected = pos === selected;
    rows.push(
      <div
        key={pos}
        id={`ledger-row-${pos}`}
        role="row"
        aria-rowindex={pos + 2}
        aria-selected={isSelected}
        data-index={row?.index}
        className={`lrow ${pos % 2 ? 'lrow--odd' : ''} ${broken ? 'lrow--break' : ''} ${isSelected ? 'lrow--selected' : ''} ${row ? '' : 'lrow--loading'}`}
        style={{ top: rowTop(pos, scrollTop, g), height: ROW_HEIGHT }}
        onClick={() => {
          onSelect(pos, row);
          onOpen(pos, row);
        }}
      >
        {row ? <RowCells row={row} compact={compact} /> : <PlaceholderCells />}
      </div>,
    );
  }

  return (
    <div className="ltable-wrap">
      <div
        ref={containerRef}
        className={`ltable ${compact ? 'ltable--compact' : ''}`}
        role="grid"
        aria-label="Ledger entries"
        aria-rowcount={total + 1}
        aria-activedescendant={
          selected !== null && selected >= range.first && selected < range.last
            ? `ledger-row-${selected}`
            : undefined
        }
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="lrow lrow--head" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
          {COLUMNS.filter((h) => !compact || !COMPACT_HIDDEN.has(h)).map((h) => (
            <div key={h} role="columnheader" className={`lcell ${h === 'Cost' ? 'num' : ''}`}>
              {h}
            </div>
          ))}
        </div>
        <div className="ltable__spacer" style={{ height: spacerHeight(g) }} data-testid="ledger-spacer">
          {rows}
        </div>
      </div>
      {view.error ? (
        <div className="ltable__error alert alert--bad" role="alert">
          Could not load rows: {errorMessage(view.error)}
        </div>
      ) : null}
    </div>
  );
}

function RowCells({ row, compact }: { row: LedgerRow; compact: boolean }) {
  return (
    <>
      <div role="gridcell" className="lcell mono">
        {row.index}
      </div>
      <div role="gridcell" className="lcell mono">
        <VisibleText text={formatLedgerTime(row.timestamp)} />
      </div>
      <div role="gridcell" className="lcell">
        <span className={`decision decision--${row.decision.toLowerCase().replace(/[^a-z_]/g, '')}`}>
          <VisibleText text={row.decision} />
        </span>
      </div>
      <div role="gridcell" className="lcell lcell--reason" title={visibleText(row.reason)}>
        <VisibleText text={row.reason} />
      </div>
      {compact ? null : (
        <>
          <div role="gridcell" className="lcell">
            {row.provider !== null ? <VisibleText text={row.provider} /> : <span className="muted">—</span>}
          </div>
          <div role="gridcell" className="lcell num mono">
            {formatCost(row.costUsd)}
          </div>
          <div role="gridcell" className="lcell mono muted" title={visibleText(row.previousHash)}>
            <VisibleText text={shortHash(row.previousHash, 8)} />
          </div>
        </>
      )}
      <div role="gridcell" className="lcell mono" title={visibleText(row.currentHash)}>
        <VisibleText text={shortHash(row.currentHash, 8)} />
      </div>
      <div role="gridcell" className="lcell lcell--breaks">
        {row.breaks.map((k, i) => (
          <BreakBadge key={`${k}-${i}`} kind={k} />
        ))}
      </div>
    </>
  );
}

function PlaceholderCells() {
  return (
    <div role="gridcell" className="lcell lcell--skeleton" aria-label="loading">
      <span className="skeleton" />
    </div>
  );
}
