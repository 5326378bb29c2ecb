// Loading, empty and error states. Each says what is going on and what to do about it.
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { useConnectionStatus } from '../hooks/useConnectionStatus';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children ? <div className="state__hint">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const connection = useConnectionStatus();
  if (isApiError(error) && error.code === 'unavailable' && connection === 'open') {
    // PENIN answered, but its router core is not running (it could not start, or is still starting).
    return (
      <div className="state state--error" role="alert">
        <p className="state__title">The router core is not available.</p>
        <div className="state__hint">
          {error.message.charAt(0).toUpperCase() + error.message.slice(1)}. The ledger browser works
          meanwhile.
          {/could not start/.test(error.message) ? ' Fix the cause, then restart PENIN.' : ''}
        </div>
        {onRetry ? (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    );
  }
  if (isApiError(error) && error.code === 'unavailable') {
    return (
      <div className="state state--error" role="alert">
        <p className="state__title">
          Not connected to PENIN: start <code>penin serve</code> (or the desktop app).
        </p>
        <div className="state__hint">
          This page reconnects by itself once PENIN is running. ({error.message})
        </div>
      </div>
    );
  }
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">Could not load {what}.</p>
      <div className="state__hint">{errorMessage(error)}</div>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
