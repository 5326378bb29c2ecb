// Alerts as toasts in a corner: good and warning news fades after a while, bad news stays until
// dismissed; each offers the screen that shows more.
import { useEffect, useRef } from 'react';
import type { Alert } from '../../../shared/domain';
import { useAlerts } from './useAlerts';
import type { ScreenId } from '../ui/screen-nav';

/** How long a toast that is not bad news stays. */
export const TOAST_MS = 10_000;

const SCREEN_LABEL: Record<Alert['screen'], string> = { spend: 'Live spend', breakers: 'Breakers' };

function Toast({
  alert,
  current,
  onView,
  onDismiss,
}: {
  alert: Alert;
  current: ScreenId;
  onView: (screen: ScreenId) => void;
  onDismiss: () => void;
}) {
  // The timer runs from the toast's arrival, whatever re-renders the list meanwhile.
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (alert.tone === 'bad') return;
    const t = setTimeout(() => dismissRef.current(), TOAST_MS);
    return () => clearTimeout(t);
  }, [alert.tone]);

  return (
    <div
      className={`toast toast--${alert.tone}`}
      role={alert.tone === 'bad' ? 'alert' : 'status'}
      aria-label={alert.title}
    >
      <div className="toast__text">
        <strong className="toast__title">{alert.title}</strong>
        <span className="toast__body">{alert.body}</span>
      </div>
      <div className="toast__actions">
        {alert.screen !== current ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              onView(alert.screen);
              onDismiss();
            }}
          >
            {SCREEN_LABEL[alert.screen]}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn--small"
          aria-label={`Dismiss: ${alert.title}`}
          onClick={onDismiss}
        >
          ✕
        </button>
      </div>
    </div>
  );
}

export function Toasts({ current, onView }: { current: ScreenId; onView: (screen: ScreenId) => void }) {
  const { alerts, dismiss } = useAlerts();
  if (alerts.length === 0) return null;
  return (
    <div className="toasts" aria-label="Alerts">
      {alerts.map((a) => (
        <Toast
          key={a.alertId}
          alert={a}
          current={current}
          onView={onView}
          onDismiss={() => dismiss(a.alertId)}
        />
      ))}
    </div>
  );
}
