// RouteOutcome builders (electron/core/recording/ledger-record.ts) for the console's tests: what the router
// records for a request served, refused or failed.
import type { RouteOutcome } from '../../../electron/core/recording/ledger-record';

export function served(i: number, over: Partial<RouteOutcome> = {}): RouteOutcome {
  return {
    decisionId: `d-${i}`,
    decision: 'ROUTE',
    reason: `served by "openai"`,
    provider: 'openai',
    model: 'gpt-4o-mini',
    attempts: [{ provider: 'openai', outcome: 'ok', status: 200, latencyMs: 40 + i }],
    usage: { promptTokens: 12, completionTokens: 30 },
    usageSource: 'provider',
    costUsd: 0.00002,
    latencyMs: 42 + i,
    cache: 'miss',
    stream: false,
    violations: [],
    gates: { budget: true, breaker: true, cache_integrity: true },
    ...over,
  };
}
