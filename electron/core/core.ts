// The router core that the Electron main process and `penin serve` both host: the OpenAI-compatible
// gateway on 127.0.0.1 plus the budget, breakers, cache and ledger recording behind it.
//
//   const core = await createCore({ dataDir, config, ledger });
//   new OpenAI({ baseURL: `${core.url}/v1`, apiKey: core.token });
//
// Plain Node: never imports electron.
//
// This file is the composition root. The core's folders, each one concept, import only down this
// order (a folder may use any folder below it, never one above or beside it in its row):
//   core.ts      wires everything (createCore)
//   fleet/       (only with --redis / `fleet:`) the shared budget and breakers on one Redis
//   http/        the gateway's HTTP server: auth, bodies, handlers, SSE, the gateway token file
//   routing/     the router and its one attempt loop (plain and streaming deliveries), candidates
//   recording/   what the ledger gets: decision records and the recorder that appends them
//   budget/  cache/  breakers/  providers/  demo/
//   model/       the core's vocabulary: the chat request, errors, cost, clock
//   config/      the config schema, the default config, time-zone checks
// secret-file.ts (secrets at rest) imports nothing of the core; the ledger (../ledger) and
// ../../shared sit below all of it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BreakerSnapshot, CacheStats } from '../../shared/domain';
import type { DecisionData, LedgerSink } from '../ledger/types';
import { BreakerRegistry } from './breakers/breaker-registry';
import { LocalBreakers, type BreakerPort } from './breakers/breaker-port';
import { BudgetTracker } from './budget/budget';
import type { BudgetPort } from './budget/budget-port';
import { FleetBudgetView, localBudgetView, type BudgetView } from './fleet/budget-view';
import { defaultInstanceName, openFleet, type Fleet } from './fleet/fleet';
import { HMACCache } from './cache/cache';
import { CandidateTable } from './routing/candidates';
import { systemClock, type Clock } from './model/clock';
import { FleetUnavailableError, LedgerRefusedError, UnknownProviderError } from './model/operator-errors';
import type { Config, FleetConfig } from './config/config';
import { DecisionRecorder } from './recording/decision-recorder';
import { BearerAuth } from './http/auth';
import { GatewayServer } from './http/server';
import { cacheClearDecision, operatorDecision, withInstance } from './recording/ledger-record';
import { createAdapters, providerStatus, type Env, type ProviderStatus } from './providers/registry';
import { Router } from './routing/router';
import { loadOrCreateSecret } from './secrets/secret-file';
import { loadTodaySpend } from './budget/spend-restore';
import { resolveToken } from './http/gateway-token';

/** Port used when none is given. 0 asks for any free port. */
export const DEFAULT_GATEWAY_PORT = 8787;

export interface CoreOptions {
  /** Holds the generated token (gateway-token) and the cache's HMAC key (cache.key), both 0600. */
  dataDir: string;
  config: Config;
  /** Where every routing decision and operator action is appended (fail closed if it refuses). */
  ledger: LedgerSink;
  /** Default DEFAULT_GATEWAY_PORT; 0 = a free port (read it back from `port`). */
  port?: number;
  /** Bearer token; default: the one stored in dataDir, generated on first run. */
  token?: string;
  clock?: Clock;
  /** HMAC key of the response cache (≥ 32 bytes); default: dataDir/cache.key, generated on first run. */
  cacheKey?: Uint8Array;
  /** The ledger file behind `ledger`: today's spend is rebuilt from it at start (see budget/spend-restore.ts). */
  ledgerPath?: string;
  /** Where provider API keys are read from; default process.env. */
  env?: Env;
  /** How long a request may take to arrive whole; default REQUEST_TIMEOUT_MS (http/server.ts). */
  requestTimeoutMs?: number;
  /**
   * Join a fleet: the budget and the breakers are shared in Redis with every gateway on the same
   * Redis and namespace; default `config.fleet` (absent: one gateway, all in memory, as always).
   */
  fleet?: FleetConfig;
}

export interface Core {
  /** Gateway root, e.g. http://127.0.0.1:8787 (OpenAI SDKs take `${url}/v1` as baseURL). */
  readonly url: string;
  readonly port: number;
  /** Bearer token applications must send. */
  readonly token: string;
  readonly config: Config;
  /** The in-memory BudgetTracker, or in a fleet the shared RedisBudget (answers are promises). */
  readonly budget: BudgetPort;
  /** LocalBreakers, or in a fleet the shared RedisBreakers (transitions of every instance). */
  readonly breakers: BreakerPort;
  /** The budget as the console reads it: synchronous, the fleet's figures in a fleet. */
  readonly budgetView: BudgetView;
  /** This gateway's name in its fleet; null for a single gateway. */
  readonly instance: string | null;
  readonly cache: HMACCache;
  /** Every configured provider, and whether it is active (its key is set). */
  readonly providers: readonly ProviderStatus[];
  /** Decisions owed to the ledger because it refused them (appended first once it works again). */
  ledgerBacklog(): number;
  /**
   * Records a RESET in the ledger, then closes the provider's breaker. Throws UnknownProviderError
   * for a provider that is not active, LedgerRefusedError if the ledger refuses the record.
   */
  resetBreaker(provider: string, who: string, why: string): Promise<BreakerSnapshot>;
  /** Records a FORCE_OPEN in the ledger, then holds the provider's breaker open until a reset (throws as resetBreaker). */
  forceOpenBreaker(provider: string, who: string, why: string): Promise<BreakerSnapshot>;
  /** Records a CACHE_CLEAR in the ledger, then drops every cached response (counters stay); LedgerRefusedError if refused. */
  clearCache(who: string, why: string): Promise<CacheStats>;
  /** Called after each decision is durably in the ledger; returns an unsubscribe function. */
  onDecision(listener: (d: DecisionData) => void): () => void;
  /** Stops the gateway (in-flight requests finish first) and drops upstream connections. Leaves the ledger open. */
  close(): Promise<void>;
}

function operatorText(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim().length === 0)
    throw new Error(`${what} must be a non-empty string (it goes into the ledger)`);
  return value.trim();
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const env = opts.env ?? process.env;
  const port = opts.port ?? DEFAULT_GATEWAY_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const token = resolveToken(opts.dataDir, opts.token);

  const budgetOptions = {
    dailyLimitUsd: config.dailyLimitUsd,
    timeZone: config.timeZone,
    softLimitMode: config.softLimitMode,
    clock,
  };
  const adapters = createAdapters(config, env);
  const fleetConfig = opts.fleet ?? config.fleet;
  let fleet: Fleet | null = null;
  let budget: BudgetPort;
  let breakers: BreakerPort;
  let budgetView: BudgetView;
  if (fleetConfig) {
    // Shared in Redis; today's spend is Redis's (never rebuilt from this instance's ledger).
    fleet = await openFleet({
      ...fleetConfig,
      defaultInstance: defaultInstanceName(port === 0 ? `pid-${process.pid}` : port),
      budget: budgetOptions,
      breaker: config.breaker,
      providers: [...adapters.keys()],
    }).catch((e: unknown) => {
      for (const a of adapters.values()) a.close();
      throw new Error(`cannot join the fleet: ${(e as Error).message}`);
    });
    budget = fleet.budget;
    breakers = fleet.breakers;
    const opened = fleet;
    budgetView = await FleetBudgetView.open(opened.budget).catch(async (e: unknown) => {
      for (const a of adapters.values()) a.close();
      await opened.close();
      throw new Error(`cannot join the fleet: ${(e as Error).message}`);
    });
  } else {
    const tracker = new BudgetTracker(budgetOptions);
    if (opts.ledgerPath !== undefined)
      tracker.restore(await loadTodaySpend(opts.ledgerPath, config.timeZone, clock));
    const registry = new BreakerRegistry({ ...config.breaker, clock });
    for (const name of adapters.keys()) registry.get(name); // every active provider shows up in list()
    budget = tracker;
    breakers = new LocalBreakers(registry);
    budgetView = localBudgetView(tracker);
  }
  const instance = fleet ? fleet.redis.instance : null;
  const closeFleet = async (): Promise<void> => {
    budgetView.close();
    await fleet?.close();
  };
  const cache = new HMACCache({
    key: opts.cacheKey ?? loadOrCreateSecret(join(opts.dataDir, 'cache.key')),
    maxEntries: config.cache.maxEntries,
    maxBytes: config.cache.maxBytes,
    clock,
  });

  const candidates = new CandidateTable(config, adapters);
  const recorder = new DecisionRecorder(opts.ledger);
  const router = new Router({
    candidates,
    budget,
    breakers,
    cache,
    cacheTtlSeconds: config.cache.ttlSeconds,
    recorder,
    instance: instance ?? undefined,
  });
  const server = new GatewayServer(
    { router, auth: new BearerAuth(token), candidates },
    { requestTimeoutMs: opts.requestTimeoutMs },
  );
  let bound: number;
  try {
    bound = await server.listen(port);
  } catch (e) {
    for (const a of adapters.values()) a.close();
    await closeFleet();
    throw new Error(`cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
  }

  const known = (provider: string): void => {
    if (!adapters.has(provider)) throw new UnknownProviderError(provider, [...adapters.keys()]);
  };
  /** An operator action is recorded before it is done; if the ledger refuses it, it is not done. */
  const recordFirst = async (d: DecisionData, notDone: string): Promise<void> => {
    if (!(await recorder.record(withInstance(d, instance ?? undefined))))
      throw new LedgerRefusedError(recorder.lastError ?? 'append failed', notDone);
  };
  const operate = async (
    action: 'RESET' | 'FORCE_OPEN',
    provider: string,
    who: string,
    why: string,
  ): Promise<BreakerSnapshot> => {
    known(provider);
    const w = operatorText(who, 'who');
    const y = operatorText(why, 'why');
    const notDone = `the ${action} of "${provider}" was not done`;
    // A fleet-wide action needs Redis: refused before it is recorded when Redis is known away.
    if (fleet && !fleet.redis.ready)
      throw new FleetUnavailableError(fleet.redis.lastConnectionError ?? 'Redis not connected', notDone);
    // Recorded once, here, in the ledger of the instance that received it; done fleet-wide.
    await recordFirst(operatorDecision(action, breakers.snapshot(provider), w, y), notDone);
    const done = action === 'RESET' ? breakers.reset(provider, w, y) : breakers.forceOpen(provider, w, y);
    try {
      return done instanceof Promise ? await done : done;
    } catch (e) {
      throw new FleetUnavailableError(
        (e as Error).message,
        `the ${action} of "${provider}" is recorded but was not applied; repeat it`,
      );
    }
  };

  const clearCache = async (who: string, why: string): Promise<CacheStats> => {
    const w = operatorText(who, 'who');
    const y = operatorText(why, 'why');
    await recordFirst(cacheClearDecision(cache.stats(), w, y), 'the cache was not cleared');
    cache.clear();
    return cache.stats();
  };

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    token,
    config,
    budget,
    breakers,
    budgetView,
    instance,
    cache,
    providers: providerStatus(config, env),
    ledgerBacklog: () => recorder.pending,
    resetBreaker: (provider, who, why) => operate('RESET', provider, who, why),
    forceOpenBreaker: (provider, who, why) => operate('FORCE_OPEN', provider, who, why),
    clearCache,
    onDecision: (listener) => recorder.onDecision(listener),
    close: () =>
      (closing ??= server.close().then(async () => {
        for (const a of adapters.values()) a.close();
        await closeFleet();
      })),
  };
}
