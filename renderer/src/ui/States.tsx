// Loading, empty and error states. Each says what is going on and what to do about it.
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { useConnectionStatus } from '../api/useConnectionStatus';

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

/** Why the router core is missing, as a sentence, and what to do when it could not start. */
function coreHint(message: string): string {
  const fix = /could not start/.test(message) ? ' Fix the cause, then restart PENIN.' : '';
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}. The ledger browser works meanwhile.${fix}`;
}

export function ErrorState({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const connection = useConnectionStatus();
  const unavailable = isApiError(error) && error.code === 'unavailable';
  if (unavailable && connection !== 'open') {
    return (
      <div className="state state--error" role="alert">
        <p className="state__title">
          Not connected to PENIN: start <code>penin serve</code> (or the desktop app).
        </p>
        <div className="state__hint">
          This page reconnects by itself once PENIN is running. ({errorMessage(error)})
        </div>
      </div>
    );
  }
  // Connected and still unavailable: PENIN answered, but its router core is not running (it could
  // not start, or is still starting).
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">
        {unavailable ? 'The router core is not available.' : `Could not load ${what}.`}
      </p>
      <div className="state__hint">{unavailable ? coreHint(errorMessage(error)) : errorMessage(error)}</div>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
