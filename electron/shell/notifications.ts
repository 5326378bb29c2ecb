// Alerts as OS notifications while the window is in the background (notify-policy.ts decides);
// clicking one brings the window to the front. Thin: Electron's Notification only.
import { Notification } from 'electron';
import type { Alert } from '../../shared/domain';
import { createNotifyPolicy } from '../app/notify-policy';
import type { Subscribe } from '../events/event-hub';

export function notifyAlerts(
  subscribe: Subscribe,
  windowFocused: () => boolean,
  show: () => void,
): () => void {
  if (!Notification.isSupported()) return () => undefined;
  const policy = createNotifyPolicy();
  // Held until clicked or closed: Electron keeps only a weak reference, and a notification
  // collected early loses its click handler (electron/electron#16922).
  const live = new Set<Notification>();
  return subscribe((event, payload) => {
    if (event !== 'alert:raised') return;
    const alert = payload as Alert;
    if (!policy.shouldNotify(alert, windowFocused())) return;
    const n = new Notification({ title: alert.title, body: alert.body, silent: alert.tone === 'ok' });
    live.add(n);
    n.on('click', () => {
      live.delete(n);
      show();
    });
    n.on('close', () => live.delete(n));
    n.show();
  });
}
