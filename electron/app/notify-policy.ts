// When an alert also becomes an OS notification (desktop app): only while the window is not in
// front (there the in-app toast says it), and not again for the same topic within `minGapMs`,
// unless the news turned (a breaker that opened and then closed says both). Plain.
import type { Alert } from '../../shared/domain';

export interface NotifyPolicy {
  shouldNotify(alert: Alert, windowFocused: boolean): boolean;
}

export function createNotifyPolicy(minGapMs = 30_000, now: () => number = Date.now): NotifyPolicy {
  const last = new Map<string, { at: number; tone: Alert['tone'] }>();
  return {
    shouldNotify(alert, windowFocused) {
      if (windowFocused) return false;
      const prev = last.get(alert.topic);
      const t = now();
      if (prev !== undefined && prev.tone === alert.tone && t - prev.at < minGapMs) return false;
      last.set(alert.topic, { at: t, tone: alert.tone });
      return true;
    },
  };
}
