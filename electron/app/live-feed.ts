// Turns the core's state into push events: after every change (throttled) and on a slow poll
// (breakers change on timeouts, not only on calls), it publishes what changed, the alerts it
// raises (alerts.ts), and samples the history for the charts. Downstream transports coalesce again per client.
import type { Events } from '../../shared/ipc/contract';
import type { Alert } from '../../shared/domain';
import type { EventHub } from '../events/event-hub';
import { createCoalescer } from '../events/coalesce';
import { AlertDetector } from './alerts';
import type { ConsoleCore } from './console-core';
import type { MetricsHistory } from './metrics-history';

export interface LiveFeedOptions {
  core: ConsoleCore;
  hub: EventHub<Events>;
  history: MetricsHistory;
  /** Slow poll; default 1000 ms. */
  pollMs?: number;
  /** Minimum time between two refreshes caused by changes; default 100 ms. */
  throttleMs?: number;
  now?: () => number;
}

/** How many of the last alerts the feed keeps for consoles that connect later (alerts:recent). */
export const RECENT_ALERTS = 4;

export interface LiveFeed {
  /** Publish whatever changed now. */
  refresh(): void;
  /** The last RECENT_ALERTS alerts raised, newest first. */
  recentAlerts(): Alert[];
  stop(): void;
}

export function startLiveFeed(options: LiveFeedOptions): LiveFeed {
  const { core, hub, history } = options;
  const now = options.now ?? Date.now;
  const last = new Map<string, string>();
  const alerts = new AlertDetector(now);
  let recent: Alert[] = [];

  function changed(key: string, value: unknown): boolean {
    const json = JSON.stringify(value);
    if (last.get(key) === json) return false;
    last.set(key, json);
    return true;
  }

  function refresh(): void {
    try {
      const budget = core.budget();
      const cache = core.cache();
      const breakers = core.breakers();
      const head = core.ledgerHead();
      history.record(now(), budget, cache);
      // `at` and the projection move with the clock alone: not a change worth an event.
      const { at: _at, projectedEndOfDayUsd: _p, projection: _r, ...budgetState } = budget;
      if (changed('budget', budgetState)) hub.publish('budget:changed', budget);
      if (changed('cache', cache)) hub.publish('cache:changed', cache);
      if (changed('breakers', breakers)) hub.publish('breakers:changed', breakers);
      if (head !== null && changed('ledger', head)) hub.publish('ledger:appended', head);
      const recorded = core.requestsRecorded();
      if (changed('requests', recorded)) hub.publish('requests:changed', { recorded });
      for (const alert of alerts.observe(budget, breakers)) {
        recent = [alert, ...recent].slice(0, RECENT_ALERTS);
        hub.publish('alert:raised', alert);
      }
    } catch (error: unknown) {
      console.error('[live-feed] refresh failed:', error);
    }
  }

  const throttle = createCoalescer({ intervalMs: options.throttleMs ?? 100, emit: refresh, now });
  const unsubscribe = core.onChange(() => throttle.push('change', null));
  const timer = setInterval(refresh, options.pollMs ?? 1000);
  timer.unref?.();
  refresh();

  return {
    refresh,
    recentAlerts: () => recent,
    stop() {
      clearInterval(timer);
      throttle.dispose();
      unsubscribe();
    },
  };
}
