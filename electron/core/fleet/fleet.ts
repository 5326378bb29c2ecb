// Opening a fleet: one Redis connection pair, the shared budget and the shared breakers on it.
// What `penin serve --redis URL --instance NAME` (or `fleet:` in the config file) will call in
// core.ts, in place of `new BudgetTracker(...)` and `new BreakerRegistry(...)`:
//
//   const fleet = await openFleet({ ...config.fleet, budget: {...}, breaker: config.breaker,
//                                   providers: [...adapters.keys()], defaultInstance: defaultInstanceName(port) });
//   router deps: budget: fleet.budget, breakers: fleet.breakers   (the BudgetPort / BreakerPort)
//   on close:    await fleet.close()
//
// Plain Node: never imports electron.
import { hostname } from 'node:os';
import { z } from 'zod';
import type { BreakerOptions } from '../breakers/breaker';
import { RedisBreakers } from '../breakers/redis-breakers';
import type { BudgetOptions } from '../budget/budget-types';
import { RedisBudget } from '../budget/redis-budget';
import { FleetRedis } from '../redis/redis-connection';

/** The `fleet:` section of the config file (the CLI's --redis / --instance override it). */
export const fleetConfigSchema = z.strictObject({
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  redis: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }),
  /** This gateway's name in the fleet (ledger metrics, spend by instance); default host:port. */
  instance: z.string().trim().min(1).max(200).optional(),
  /** Keys and channels of one fleet; several fleets can share a Redis under different names. */
  namespace: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1-64 letters, digits, ".", "_" or "-"')
    .default('penin'),
  /** How long a reservation counts after its instance stopped renewing it (died). */
  reservationTtlMs: z.number().int().min(1000).max(3_600_000).default(120_000),
  /** A Redis command without an answer after this long fails (503 budget_unavailable). */
  commandTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
});
export type FleetConfig = z.output<typeof fleetConfigSchema>;

/** The default instance name: the host name and the gateway's port, as the issue asks. */
export function defaultInstanceName(port: number): string {
  return `${hostname()}:${port}`;
}

export interface FleetOptions extends FleetConfig {
  defaultInstance: string;
  budget: BudgetOptions;
  breaker: Omit<BreakerOptions, 'clock'>;
  /** Every active provider: their shared breakers are loaded now, so they show in list(). */
  providers: readonly string[];
}

export interface Fleet {
  readonly redis: FleetRedis;
  readonly budget: RedisBudget;
  readonly breakers: RedisBreakers;
  /** Stops renewing holds and listening, then closes the connections. */
  close(): Promise<void>;
}

/** Connects to Redis and opens the shared budget and breakers; rejects if Redis is unreachable now. */
export async function openFleet(opts: FleetOptions): Promise<Fleet> {
  const redis = await FleetRedis.connect({
    url: opts.redis,
    instance: opts.instance ?? opts.defaultInstance,
    namespace: opts.namespace,
    commandTimeoutMs: opts.commandTimeoutMs,
  });
  try {
    const budget = new RedisBudget({ ...opts.budget, redis, reservationTtlMs: opts.reservationTtlMs });
    let breakers: RedisBreakers;
    try {
      breakers = await RedisBreakers.open(
        { ...opts.breaker, clock: opts.budget.clock, redis },
        opts.providers,
      );
    } catch (e) {
      budget.close();
      throw e;
    }
    return {
      redis,
      budget,
      breakers,
      close: async () => {
        budget.close();
        breakers.close();
        await redis.close();
      },
    };
  } catch (e) {
    await redis.close();
    throw e;
  }
}
