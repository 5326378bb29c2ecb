// Top bar: product, where it runs (desktop app or browser), demo label, gateway URL, connection.
import type { AppInfo } from '../../../shared/ipc/contract';
import type { ConnectionStatus } from '../api/api-transport';
import { ThemeToggle } from './ThemeToggle';

const CONNECTION: Record<ConnectionStatus, { label: string; tone: string }> = {
  open: { label: 'Connected', tone: 'ok' },
  connecting: { label: 'Connecting…', tone: 'warn' },
  closed: { label: 'Disconnected', tone: 'bad' },
  unauthorized: { label: 'Token refused', tone: 'bad' },
};

export function Header({ app, connection }: { app: AppInfo | undefined; connection: ConnectionStatus }) {
  const c = CONNECTION[connection];
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="logo" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="22" height="22">
            <path
              d="M4 20V4h9a5 5 0 0 1 0 10H8"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.4"
              strokeLinecap="round"
            />
            <circle cx="17.5" cy="18.5" r="2.2" fill="currentColor" />
          </svg>
        </span>
        <span className="topbar__name">PENIN Console</span>
        {app ? <span className="muted small">v{app.version}</span> : null}
      </div>
      <div className="topbar__meta">
        {app ? <span className="tag">{app.mode === 'electron' ? 'Desktop app' : 'Browser'}</span> : null}
        {app?.demo ? (
          <span
            className="tag tag--demo"
            title={`Simulated providers and traffic; no real money is spent. Demo data: ${app.demoDataDir ?? 'a separate folder'}`}
          >
            DEMO
          </span>
        ) : null}
        {app ? (
          <span className="topbar__gateway" title="OpenAI-compatible gateway">
            <span className="muted small">Gateway</span>{' '}
            <span className="mono">{app.gateway ? app.gateway.url : 'not running'}</span>
          </span>
        ) : null}
        <span className={`conn conn--${c.tone}`} role="status" aria-label={`Connection: ${c.label}`}>
          <span className="conn__dot" aria-hidden="true" />
          {c.label}
        </span>
        <ThemeToggle />
      </div>
    </header>
  );
}
