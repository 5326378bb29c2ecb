// Demo mode says so on every screen, and where its simulated ledger and spend are kept: apart
// from the real ones, which it never touches.
import type { AppInfo } from '../../../shared/ipc/contract';

export function DemoBanner({ app }: { app: AppInfo | undefined }) {
  if (!app?.demo) return null;
  return (
    <div className="banner banner--demo" role="note" aria-label="Demo mode">
      <strong>Demo mode:</strong> simulated providers and traffic, no real money spent. Its ledger and spend
      are kept apart in{' '}
      {app.demoDataDir ? <code className="banner__path">{app.demoDataDir}</code> : 'a separate demo folder'};
      the real ledger and budget are not touched.
    </div>
  );
}
