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
import { BudgetTracker } from './budget/budget';
import { HMACCache } from './cache/cache';
import { CandidateTable } from './routing/candidates';
import { systemClock, type Clock } from './model/clock';
import { LedgerRefusedError, UnknownProviderError } from './model/operator-errors';
import type { Config } from './config/config';
import { DecisionRecorder } from './recording/decision-recorder';
import { BearerAuth } from './http/auth';
import { GatewayServer } from './http/server';
import { cacheClearDecision, operatorDecision } from './recording/ledger-record';
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
}

export interface Core {
  /** Gateway root, e.g. http://127.0.0.1:8787 (OpenAI SDKs take `${url}/v1` as baseURL). */
  readonly url: string;
  readonly port: number;
  /** Bearer token applications must send. */
  readonly token: string;
  readonly config: Config;
  readonly budget: BudgetTracker;
  readonly breakers: BreakerRegistry;
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

  const budget = new BudgetTracker({
    dailyLimitUsd: config.dailyLimitUsd,
    timeZone: config.timeZone,
    softLimitMode: config.softLimitMode,
    clock,
  });
  if (opts.ledgerPath !== undefined)
    budget.restore(await loadTodaySpend(opts.ledgerPath, config.timeZone, clock));
  const breakers = new BreakerRegistry({ ...config.breaker, clock });
  const cache = new HMACCache({
    key: opts.cacheKey ?? loadOrCreateSecret(join(opts.dataDir, 'cache.key')),
    maxEntries: config.cache.maxEntries,
    maxBytes: config.cache.maxBytes,
    clock,
  });

  const adapters = createAdapters(config, env);
  for (const name of adapters.keys()) breakers.get(name); // every active provider shows up in breakers.list()
  const candidates = new CandidateTable(config, adapters);
  const recorder = new DecisionRecorder(opts.ledger);
  const router = new Router({
    candidates,
    budget,
    breakers,
    cache,
    cacheTtlSeconds: config.cache.ttlSeconds,
    recorder,
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
    throw new Error(`cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
  }

  const known = (provider: string): void => {
    if (!adapters.has(provider)) throw new UnknownProviderError(provider, [...adapters.keys()]);
  };
  /** An operator action is recorded before it is done; if the ledger refuses it, it is not done. */
  const recordFirst = async (d: DecisionData, notDone: string): Promise<void> => {
    if (!(await recorder.record(d)))
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
    const breaker = breakers.get(provider);
    await recordFirst(
      operatorDecision(action, breaker.snapshot(), w, y),
      `the ${action} of "${provider}" was not done`,
    );
    if (action === 'RESET') breaker.reset(w, y);
    else breaker.forceOpen(w, y);
    return breaker.snapshot();
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
    cache,
    providers: providerStatus(config, env),
    ledgerBacklog: () => recorder.pending,
    resetBreaker: (provider, who, why) => operate('RESET', provider, who, why),
    forceOpenBreaker: (provider, who, why) => operate('FORCE_OPEN', provider, who, why),
    clearCache,
    onDecision: (listener) => recorder.onDecision(listener),
    close: () =>
      (closing ??= server.close().then(() => {
        for (const a of adapters.values()) a.close();
      })),
  };
}
