// The alerts main raised (alert:raised), newest first, the few most recent kept until dismissed.
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../shared/domain';
import { useApi } from '../api/api-context';

/** How many alerts stay on screen at once; older ones drop off. */
export const MAX_ALERTS = 4;

export function useAlerts(): { alerts: Alert[]; dismiss: (alertId: string) => void } {
  const api = useApi();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(
    () =>
      api.on('alert:raised', (alert) =>
        setAlerts((list) => [alert, ...list.filter((a) => a.alertId !== alert.alertId)].slice(0, MAX_ALERTS)),
      ),
    [api],
  );
  const dismiss = useCallback(
    (alertId: string) => setAlerts((list) => list.filter((a) => a.alertId !== alertId)),
    [],
  );
  return { alerts, dismiss };
}
