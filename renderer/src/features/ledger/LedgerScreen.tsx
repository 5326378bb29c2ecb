// Ledger browser: open the live ledger or an audit file, then browse and verify it.
import { EmptyState } from '../../ui/States';
import { LedgerOpenPanel } from './LedgerOpenPanel';
import { LedgerView } from './LedgerView';
import { MergedLedger } from './merged/MergedLedger';
import { useAppInfo } from '../../api/useAppInfo';
import { useLedgerSession } from './ledger-session';
import { useLedgerLiveTail } from './useLedgerLiveTail';
import { useCompareCopy } from './compare/useCompareCopy';
import './ledger.css';

export function LedgerScreen() {
  const { session } = useLedgerSession();
  const app = useAppInfo();
  useLedgerLiveTail(session);
  const compare = useCompareCopy(session);
  return (
    <div className="screen screen--ledger">
      <LedgerOpenPanel app={app.data} compact={session !== null} />
      <MergedLedger />
      {session ? compare.panel : null}
      {session && compare.view ? (
        compare.view
      ) : session ? (
        <LedgerView key={session.sessionId} session={session} />
      ) : (
        <EmptyState title="No ledger open: open the live ledger or an audit file to browse and verify it.">
          The live ledger is the file PENIN appends to as it routes requests. An audit opens any ledger file
          read-only and verifies every entry’s hash and link; breaks are highlighted in red.
        </EmptyState>
      )}
    </div>
  );
}
