// The Fleet screen's part of the contract: attach to other `penin serve` instances (their console
// URL and token), detach, and what the console sees of each (health, requests/s, spend, breakers)
// with the totals. A remote's token goes main-ward only: no response carries it back.
import { z } from 'zod';
import type { BreakerState } from '../domain';

/** The schemes an instance may be reached by: http/ws on loopback or a tunnel, https/wss with TLS. */
export const FLEET_URL_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'] as const;

/** A URL a remote console may be attached by; its #fragment and credentials are never kept. */
export function isFleetUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    (FLEET_URL_SCHEMES as readonly string[]).includes(url.protocol) &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}

export const fleetAttachRequest = z
  .object({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .refine(
        isFleetUrl,
        'expected an http://, https://, ws:// or wss:// URL with a host (no user:password@)',
      ),
    token: z.string().min(1, 'the instance’s console token is required').max(1024),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const fleetDetachRequest = z.object({ id: z.string().min(1).max(100) }).strict();

/** up: the last poll answered; down: it did not (lastError says why); connecting: no answer yet. */
export type FleetHealth = 'connecting' | 'up' | 'down';

export interface FleetInstanceStatus {
  id: string;
  name: string;
  /** The WebSocket URL the console connects to (ws:// or wss://, no token). */
  url: string;
  health: FleetHealth;
  lastError: string | null;
  /** Round trip of the last budget:get; null before the first answer. */
  latencyMs: number | null;
  /** Requests recorded per second over the last 10 s (from requests:recent); null when unknown. */
  requestsPerSec: number | null;
  /** This instance's settled spend today (its own share when its gateway is in a Redis fleet). */
  spentUsd: number | null;
  limitUsd: number | null;
  breakers: { provider: string; state: BreakerState }[];
  /** The instance's name in its gateway's Redis fleet, when its budget says it is in one. */
  fleetInstance: string | null;
  /** Epoch ms (the console's clock) of the last answer. */
  updatedAt: number | null;
}

export interface FleetTotals {
  /** Spend across the fleet: the instances' own spend added up, except that a shared (Redis) budget
   * is counted once, as its gateway reports it. */
  spentUsd: number;
  /** The limits added up the same way (a shared budget's limit counts once). */
  limitUsd: number;
  requestsPerSec: number;
  instances: number;
  healthy: number;
  /** Whether spentUsd came (at least partly) from a gateway's own fleet figures. */
  source: 'sum' | 'gateway';
}

export interface FleetStatus {
  instances: FleetInstanceStatus[];
  totals: FleetTotals;
}
