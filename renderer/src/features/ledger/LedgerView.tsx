// An opened ledger session: toolbar, signatures, the virtualized table and the entry detail pane,
// with the selection, filters and jumps (to an entry number or a UTC time, to the next/previous
// break, or to a signature marker) tying them together.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LedgerRow, LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { errorMessage } from '../../api/api-error';
import { filteredKeys, isFiltered, NO_FILTER, type LedgerFilter } from './ledger-filter';
import { useDebounced } from './useDebounced';
import { useLedgerSession } from './ledger-session';
import { useFindBreak, useFindTime, useLocateIndex } from './useLedgerNavigation';
import { useLedgerTotal } from './useLedgerRows';
import { formatInt, formatLedgerTime, formatUtcTime } from '../../lib/format';
import type { JumpTarget } from './jump-target';
import { QueryState } from '../../ui/QueryState';
import { EmptyState } from '../../ui/States';
import { EntryDetail } from './EntryDetail';
import { LedgerSessionBar } from './LedgerSessionBar';
import { LedgerTable, type LedgerTableHandle } from './LedgerTable';
import { LedgerToolbar } from './LedgerToolbar';
import { CsvExportButton } from './CsvExportButton';
import { SignaturesPanel } from './SignaturesPanel';

const sameFilter = (a: LedgerFilter, b: LedgerFilter) => a.decision === b.decision && a.text === b.text;
const FILTER_DEBOUNCE_MS = 300;

interface Selection {
  position: number;
  /** The entry index at that position, when known. */
  index: number | null;
}

export function LedgerView({ session }: { session: LedgerSessionInfo }) {
  const sid = session.sessionId;
  const [draft, setDraft] = useState<LedgerFilter>(NO_FILTER);
  const filter = useDebounced(draft, FILTER_DEBOUNCE_MS, sameFilter);
  const filtered = isFiltered(filter);
  const total = useLedgerTotal(sid, filter);
  // The whole ledger's size, for the go-to box (the same query as total when unfiltered).
  const entryCount = useLedgerTotal(sid, NO_FILTER).data ?? null;
  const [selection, setSelection] = useState<Selection | null>(null);
  const [detailIndex, setDetailIndex] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shownFilter, setShownFilter] = useState(filter);
  const tableRef = useRef<LedgerTableHandle>(null);
  const findBreak = useFindBreak(sid);
  const findTime = useFindTime(sid);
  const locate = useLocateIndex(sid, filter);
  const [locating, setLocating] = useState(false);
  const { pendingSearch, setPendingSearch } = useLedgerSession();
  const qc = useQueryClient();
  /** The search another screen asked for, whose first match opens once it is found. */
  const [openFirstOf, setOpenFirstOf] = useState<string | null>(null);

  // Another screen asked for a search in the live ledger (Find in ledger): it becomes this view's
  // text filter. An audit view left open meanwhile does not take it.
  useEffect(() => {
    if (pendingSearch === null || session.readOnly) return;
    setDraft({ decision: '', text: pendingSearch });
    setOpenFirstOf(pendingSearch);
    setPendingSearch(null);
  }, [pendingSearch, setPendingSearch, session.readOnly]);

  // ...and its first match is selected and opened, once the filter has found it (the newest
  // entries of a live ledger may take a moment to arrive). Typing another filter drops the wish.
  useEffect(() => {
    if (openFirstOf === null) return;
    if (draft.text !== openFirstOf) {
      setOpenFirstOf(null);
      return;
    }
    if (filter.text !== openFirstOf || !total.data) return;
    const first = qc.getQueryData<LedgerRow[]>(filteredKeys.page(sid, filter, 0))?.[0];
    if (first === undefined) return;
    setOpenFirstOf(null);
    setSelection({ position: 0, index: first.index });
    setDetailIndex(first.index);
  }, [openFirstOf, draft.text, filter, total.data, qc, sid]);

  if (!sameFilter(shownFilter, filter)) {
    // A new filter is a new list: positions no longer mean the same rows.
    setShownFilter(filter);
    setSelection(null);
  }

  const indexAt = (position: number, row: LedgerRow | undefined) =>
    row?.index ?? (filtered ? null : position);

  const goTo = async (index: number) => {
    setLocating(true);
    try {
      const position = await locate(index, total.data ?? 0);
      setSelection({ position, index });
      setDetailIndex(index);
      tableRef.current?.reveal(position, 'center');
      tableRef.current?.focus();
    } catch (err) {
      setNotice(`Could not jump to entry #${index}: ${errorMessage(err)}`);
    } finally {
      setLocating(false);
    }
  };

  const onBreak = (direction: 'prev' | 'next') => {
    const here = selection?.index ?? detailIndex;
    const from = here ?? (direction === 'next' ? -1 : Number.MAX_SAFE_INTEGER);
    findBreak.mutate(
      { from, direction },
      {
        onSuccess: (found) => {
          if (!found) {
            setNotice(
              here === null
                ? 'No chain breaks in this ledger.'
                : `No chain break ${direction === 'next' ? 'after' : 'before'} entry #${here}.`,
            );
            return;
          }
          setNotice(null);
          void goTo(found.index);
        },
        onError: (err) => setNotice(`Could not search for breaks: ${errorMessage(err)}`),
      },
    );
  };

  const onJumpIndex = (index: number) => {
    setNotice(null);
    const last = !filtered && total.data !== undefined ? total.data - 1 : null;
    void goTo(last !== null && index > last ? Math.max(0, last) : index);
  };

  const onJump = (target: JumpTarget) => {
    if (target.kind === 'index') return onJumpIndex(target.index);
    const asked = formatUtcTime(target.at);
    findTime.mutate(target.at, {
      onSuccess: (found) => {
        if (found === null) {
          setNotice(`No entry at or after ${asked} UTC.`);
          return;
        }
        // Said, since the entry found may be well after the time asked for.
        setNotice(
          `First entry at or after ${asked} UTC: #${found.index}, at ${formatLedgerTime(found.timestamp)}` +
            (filtered ? ' (the filtered view shows the first match from there).' : '.'),
        );
        void goTo(found.index);
      },
      onError: (err) => setNotice(`Could not search by time: ${errorMessage(err)}`),
    });
  };

  return (
    <>
      <LedgerSessionBar session={session} />
      <SignaturesPanel
        session={session}
        onJump={(index) => {
          setNotice(null);
          void goTo(index);
        }}
      />
      <LedgerToolbar
        draft={draft}
        onDraft={setDraft}
        onBreak={onBreak}
        onJump={onJump}
        busy={findBreak.isPending || findTime.isPending || locating}
        entryCount={entryCount}
      />
      {notice ? (
        <div className="notice" role="status">
          {notice}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => setNotice(null)}
            aria-label="Dismiss"
          >
            ✕
          </button>
        </div>
      ) : null}
      <div className={`ledger-split ${detailIndex !== null ? 'ledger-split--detail' : ''}`}>
        <div className="ledger-main">
          <QueryState
            query={total}
            what="ledger rows"
            isEmpty={(count) => count === 0}
            empty={
              filtered ? (
                <EmptyState title="No entries match this filter.">
                  Change the decision or text, or clear the filters.
                </EmptyState>
              ) : (
                <EmptyState title="This ledger has no entries yet.">
                  {session.readOnly
                    ? 'The file is empty.'
                    : 'Entries appear here as PENIN records decisions.'}
                </EmptyState>
              )
            }
          >
            {(count) => (
              <LedgerTable
                key={`${filter.decision}\u0000${filter.text}`}
                ref={tableRef}
                sessionId={sid}
                filter={filter}
                total={count}
                compact={detailIndex !== null}
                selected={selection?.position ?? null}
                onSelect={(position, row) => setSelection({ position, index: indexAt(position, row) })}
                onOpen={(position, row) => {
                  const index = indexAt(position, row);
                  if (index !== null) setDetailIndex(index);
                }}
              />
            )}
          </QueryState>
          <div className="ledger-status muted small">
            <span>
              {total.data !== undefined
                ? `${formatInt(total.data)} ${filtered ? 'matching ' : ''}${total.data === 1 ? 'entry' : 'entries'}`
                : ''}
              {selection?.index != null ? ` · entry #${selection.index} selected` : ''}
              {total.data ? <CsvExportButton session={session} filter={filter} /> : null}
            </span>
            <span>↑↓ PgUp PgDn Home End to move · Enter to open</span>
          </div>
        </div>
        {detailIndex !== null ? (
          <EntryDetail sessionId={sid} index={detailIndex} onClose={() => setDetailIndex(null)} />
        ) : null}
      </div>
    </>
  );
}
