// The alerts main raised (alert:raised), newest first, the few most recent kept until dismissed.
// On connecting it also asks for the last ones raised (alerts:recent), so a console opened after
// the news still hears it.
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../shared/domain';
import { useApi } from '../api/api-context';

/** How many alerts stay on screen at once; older ones drop off. */
export const MAX_ALERTS = 4;

export function useAlerts(): { alerts: Alert[]; dismiss: (alertId: string) => void } {
  const api = useApi();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let live = true;
    const off = api.on('alert:raised', (alert) =>
      setAlerts((list) => [alert, ...list.filter((a) => a.alertId !== alert.alertId)].slice(0, MAX_ALERTS)),
    );
    api.invoke('alerts:recent', {}).then(
      (missed) => {
        if (!live) return;
        // Pushed ones first (newer); what was missed after them, each alert once.
        setAlerts((list) => {
          const seen = new Set(list.map((a) => a.alertId));
          return [...list, ...missed.filter((a) => !seen.has(a.alertId))].slice(0, MAX_ALERTS);
        });
      },
      () => undefined, // no core yet (or no connection): there is nothing missed to show
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  const dismiss = useCallback(
    (alertId: string) => setAlerts((list) => list.filter((a) => a.alertId !== alertId)),
    [],
  );
  return { alerts, dismiss };
}
