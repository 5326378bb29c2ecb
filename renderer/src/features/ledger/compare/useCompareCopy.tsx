// The Ledger screen's side-by-side mode: the panel that opens a second copy, and, once one is
// open, the comparison shown in place of the single ledger. The second copy closes with it, and
// when the first one changes.
import { useEffect, useState, type ReactNode } from 'react';
import type { LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import { ComparePanel } from './ComparePanel';
import { LedgerCompareView } from './LedgerCompareView';
import { useCloseSecondCopy } from './useLedgerCompare';

export function useCompareCopy(session: LedgerSessionInfo | null): {
  panel: ReactNode;
  view: ReactNode;
} {
  const [second, setSecond] = useState<{
    of: string;
    info: LedgerSessionInfo;
    publicKeyPath?: string;
  } | null>(null);
  const closeSecond = useCloseSecondCopy();
  const current = second !== null && second.of === session?.sessionId ? second : null;

  useEffect(() => {
    if (second !== null && second.of !== session?.sessionId) {
      closeSecond(second.info.sessionId);
      setSecond(null);
    }
  }, [second, session?.sessionId, closeSecond]);

  if (session === null) return { panel: null, view: null };
  const close = () => {
    if (current) closeSecond(current.info.sessionId);
    setSecond(null);
  };
  return {
    panel: current ? null : (
      <ComparePanel
        onOpened={(info, publicKeyPath) => setSecond({ of: session.sessionId, info, publicKeyPath })}
      />
    ),
    view: current ? (
      <LedgerCompareView
        key={current.info.sessionId}
        a={session}
        b={current.info}
        publicKeyPath={current.publicKeyPath}
        onClose={close}
      />
    ) : null,
  };
}
