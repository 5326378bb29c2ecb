// Says what to do when the renderer cannot reach PENIN.
import type { ConnectionStatus } from '../api/api-transport';

export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  if (status === 'open' || status === 'connecting') return null;
  if (status === 'unauthorized') {
    return (
      <div className="banner banner--bad" role="alert">
        <strong>PENIN refused this page’s access token.</strong> Open the exact URL printed by{' '}
        <code>penin serve</code> (it ends in <code>#token=…</code>); a restarted server prints a new one.
      </div>
    );
  }
  return (
    <div className="banner banner--bad" role="alert">
      <strong>
        Not connected to PENIN: start <code>penin serve</code>
      </strong>{' '}
      (or the desktop app). This page reconnects by itself; figures shown may be out of date until then.
    </div>
  );
}
