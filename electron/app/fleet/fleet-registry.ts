// The instances the console is attached to, each polled every `pollMs` over its own connection
// (remote-instance.ts): budget:get (spend, limit, and the round trip as latency), breakers:list,
// requests:recent (requests/s). fleet:status is the last answers; a change is published.
import type { FleetInstanceStatus, FleetStatus, FleetTotals } from '../../../shared/ipc/fleet';
import { PublicError } from '../../ipc/public-error';
import { newInstanceId, type FleetStore, type StoredInstance } from './fleet-store';
import { RemoteInstance, toSocketUrl, type RemoteInstanceOptions } from './remote-instance';
import {
  remoteBreakers,
  remoteBudget,
  remoteRecent,
  type RemoteBudget,
  type RemoteRecent,
} from './remote-messages';

/** Requests/s is measured over this window, ending at the remote's own clock (its budget's `at`). */
export const RATE_WINDOW_MS = 10_000;
export const MAX_INSTANCES = 32;

export interface FleetRegistryOptions {
  store: FleetStore;
  /** Default 2 s. */
  pollMs?: number;
  onChange?: (status: FleetStatus) => void;
  /** Passed to each RemoteInstance (timeouts, sizes, backoff). */
  remote?: Omit<RemoteInstanceOptions, 'url' | 'token' | 'onState'>;
  now?: () => number;
}

interface Entry {
  stored: StoredInstance;
  remote: RemoteInstance | null;
  status: FleetInstanceStatus;
  budget: RemoteBudget | null;
  polling: Promise<void> | null;
}

export class FleetRegistry {
  private readonly entries = new Map<string, Entry>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private lastPublished = '';
  private closed = false;

  constructor(private readonly options: FleetRegistryOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The kept instances are loaded, and polling starts, on first use: nothing is dialled (and no
   * keychain is asked for a token) before a window asks about the fleet. */
  private load(): void {
    if (this.timer !== null || this.closed) return;
    for (const stored of this.options.store.list()) {
      let token: string | null = null;
      let error: string | null = null;
      try {
        token = this.options.store.loadToken(stored.id);
      } catch (e) {
        error = `cannot read its token: ${e instanceof Error ? e.message : String(e)}`;
      }
      this.add(stored, token, error);
    }
    this.timer = setInterval(() => void this.pollAll(), this.options.pollMs ?? 2000);
    this.timer.unref?.();
    void this.pollAll();
  }

  async attach(req: { url: string; token: string; name?: string }): Promise<FleetInstanceStatus> {
    this.load();
    let url: string;
    try {
      url = toSocketUrl(req.url);
    } catch (e) {
      throw new PublicError('bad_request', e instanceof Error ? e.message : 'bad URL');
    }
    const all = [...this.entries.values()];
    if (all.some((e) => e.stored.url === url))
      throw new PublicError('bad_request', `${url} is attached already`);
    if (all.length >= MAX_INSTANCES)
      throw new PublicError('bad_request', `at most ${MAX_INSTANCES} instances can be attached`);
    const name = req.name ?? new URL(url).host;
    if (all.some((e) => e.stored.name === name))
      throw new PublicError('bad_request', `an instance is named "${name}" already`);
    const stored: StoredInstance = { id: newInstanceId(), name, url };
    this.options.store.saveToken(stored.id, req.token);
    this.options.store.save([...all.map((e) => e.stored), stored]);
    const entry = this.add(stored, req.token, null);
    await this.poll(entry);
    // A wrong token is not kept: said now, while the user still has the form open. An instance
    // that is only unreachable is kept (shown down, retried), as it may be restarting.
    const refused = entry.status.lastError !== null && /refused the token/.test(entry.status.lastError);
    if (refused) {
      this.detach(stored.id);
      throw new PublicError('forbidden', `${url}: ${entry.status.lastError}; check the token`);
    }
    this.publish();
    return { ...entry.status, breakers: entry.status.breakers.map((b) => ({ ...b })) };
  }

  detach(id: string): { detached: boolean } {
    this.load();
    const entry = this.entries.get(id);
    if (entry === undefined) return { detached: false };
    entry.remote?.dispose();
    this.entries.delete(id);
    this.options.store.save([...this.entries.values()].map((e) => e.stored));
    this.options.store.removeToken(id);
    this.publish();
    return { detached: true };
  }

  status(): FleetStatus {
    this.load();
    const instances = [...this.entries.values()].map((e) => ({
      ...e.status,
      breakers: e.status.breakers.map((b) => ({ ...b })),
    }));
    return { instances, totals: this.totals() };
  }

  /** Polls every instance once now (the timer does it every pollMs). */
  async pollAll(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.entries.values()].map((e) => this.poll(e)));
    this.publish();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    for (const e of this.entries.values()) e.remote?.dispose();
    this.entries.clear();
  }

  private add(stored: StoredInstance, token: string | null, error: string | null): Entry {
    const remote =
      token === null ? null : new RemoteInstance({ ...this.options.remote, url: stored.url, token });
    const entry: Entry = {
      stored,
      remote,
      budget: null,
      polling: null,
      status: {
        id: stored.id,
        name: stored.name,
        url: stored.url,
        health: remote === null ? 'down' : 'connecting',
        lastError: error,
        latencyMs: null,
        requestsPerSec: null,
        spentUsd: null,
        limitUsd: null,
        breakers: [],
        fleetInstance: null,
        updatedAt: null,
      },
    };
    this.entries.set(stored.id, entry);
    return entry;
  }

  private poll(entry: Entry): Promise<void> {
    if (entry.polling) return entry.polling;
    entry.polling = this.pollOnce(entry).finally(() => {
      entry.polling = null;
    });
    return entry.polling;
  }

  private async pollOnce(entry: Entry): Promise<void> {
    const remote = entry.remote;
    if (remote === null || this.closed) return;
    try {
      const started = performance.now();
      const budget = await remote.call('budget:get', {}, remoteBudget);
      const latencyMs = Math.round(performance.now() - started);
      const [breakers, recent] = await Promise.all([
        remote.call('breakers:list', {}, remoteBreakers),
        remote.call('requests:recent', { limit: 200 }, remoteRecent),
      ]);
      if (!this.entries.has(entry.stored.id)) return; // detached meanwhile
      const own = budget.fleet?.instances.find((i) => i.name === budget.fleet?.instance);
      entry.budget = budget;
      entry.status = {
        ...entry.status,
        health: 'up',
        lastError: null,
        latencyMs,
        requestsPerSec: requestsPerSec(recent, budget.at),
        spentUsd: own?.spentUsd ?? (budget.fleet ? null : budget.spendUsd),
        limitUsd: budget.dailyLimitUsd,
        breakers: breakers.map((b) => ({ provider: b.provider, state: b.state })),
        fleetInstance: budget.fleet?.instance ?? null,
        updatedAt: this.now(),
      };
    } catch (e) {
      if (!this.entries.has(entry.stored.id)) return;
      entry.status = {
        ...entry.status,
        health: 'down',
        lastError: e instanceof Error ? e.message : String(e),
        requestsPerSec: null,
      };
    }
  }

  private totals(): FleetTotals {
    const entries = [...this.entries.values()];
    let spentUsd = 0;
    let limitUsd = 0;
    let source: FleetTotals['source'] = 'sum';
    // A budget shared on Redis is reported whole by each of its instances: count it once, by the
    // set of instance names its gateway reports.
    const shared = new Map<string, { spent: number; limit: number }>();
    for (const e of entries) {
      const b = e.status.health === 'up' ? e.budget : null;
      if (b === null) continue;
      if (b.fleet) {
        const key = b.fleet.instances
          .map((i) => i.name)
          .sort()
          .join('\u0000');
        const spent = b.fleet.instances.reduce((sum, i) => sum + i.spentUsd, 0);
        shared.set(key, { spent: Math.max(spent, shared.get(key)?.spent ?? 0), limit: b.dailyLimitUsd });
      } else {
        spentUsd += b.spendUsd;
        limitUsd += b.dailyLimitUsd;
      }
    }
    for (const s of shared.values()) {
      spentUsd += s.spent;
      limitUsd += s.limit;
      source = 'gateway';
    }
    return {
      spentUsd,
      limitUsd,
      requestsPerSec: entries.reduce((sum, e) => sum + (e.status.requestsPerSec ?? 0), 0),
      instances: entries.length,
      healthy: entries.filter((e) => e.status.health === 'up').length,
      source,
    };
  }

  private publish(): void {
    if (this.closed) return;
    const status = this.status();
    // updatedAt moves on every poll: compare what the screen shows without it.
    const key = JSON.stringify({
      ...status,
      instances: status.instances.map((i) => ({ ...i, updatedAt: null })),
    });
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.options.onChange?.(status);
  }
}

/** Requests recorded per second over the RATE_WINDOW_MS before `remoteNow` (the remote's clock). */
export function requestsPerSec(recent: RemoteRecent, remoteNow: number): number {
  const from = remoteNow - RATE_WINDOW_MS;
  const inWindow = recent.filter((r) => r.at > from && r.at <= remoteNow + 1000);
  if (inWindow.length === 0) return 0;
  // All the 200 kept fall in the window: the rate is higher than the window can show; use their span.
  if (inWindow.length === recent.length && recent.length >= 200) {
    const ats = inWindow.map((r) => r.at);
    const span = Math.max(...ats) - Math.min(...ats);
    if (span > 0) return ((inWindow.length - 1) * 1000) / span;
  }
  return Math.round((inWindow.length * 1000 * 100) / RATE_WINDOW_MS) / 100;
}
