// Loading, empty and error states. Each says what is going on and what to do about it.
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';

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
