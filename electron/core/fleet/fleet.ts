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
import { fleetConfigSchema, type FleetConfig } from '../config/config';
import type { BreakerOptions } from '../breakers/breaker';
import { RedisBreakers } from '../breakers/redis-breakers';
import type { BudgetOptions } from '../budget/budget-types';
import { RedisBudget } from '../budget/redis-budget';
import { FleetRedis } from '../redis/redis-connection';

// The `fleet:` section's schema lives with the rest of the config (config/ is below fleet/).
export { fleetConfigSchema, type FleetConfig };

/** The default instance name: the host name and the gateway's port, as the issue asks. */
export function defaultInstanceName(port: number | string): string {
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
