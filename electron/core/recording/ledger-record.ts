// The ledger's view of a routing outcome or an operator action: one DecisionData per event.
//   decision ROUTE  — served (from a provider or from the cache)
//   decision BLOCK  — refused (budget, no provider, unknown model, ledger down) or failed (upstream)
//   decision RESET / FORCE_OPEN — an operator acted on a provider's circuit breaker
//   decision CACHE_CLEAR — an operator emptied the response cache
// gates_passed: a gate is false only when it stopped or flagged this request — budget (refused),
// breaker (every candidate's breaker open), cache_integrity (a tampered cache entry was found).
import { randomUUID } from 'node:crypto';
import type { BreakerSnapshot, CacheStats } from '../../../shared/domain';
import { PyFloat } from '../../ledger/pyfloat';
import type { DecisionData, PyJson } from '../../ledger/types';
import type { Usage } from '../model/cost';
import type { ReservationExcess } from '../budget/reservation-bound';

export type AttemptOutcome =
  | 'ok'
  | 'skipped_breaker_open'
  | 'http_error'
  | 'client_error'
  | 'unsupported'
  | 'timeout'
  | 'network_error'
  | 'malformed'
  | 'stream_broken';

export interface Attempt {
  provider: string;
  outcome: AttemptOutcome;
  /** Upstream HTTP status, when there was one. */
  status?: number;
  latencyMs: number;
}

export type CacheUse = 'hit' | 'miss' | 'bypass';

export type Violation =
  | 'budget_soft_limit'
  | 'budget_hard_limit'
  | 'no_provider_available'
  | 'model_not_found'
  | 'upstream_failure'
  | 'upstream_client_error'
  | 'cache_integrity_failure'
  | 'ledger_unavailable'
  | 'budget_unavailable'
  | 'client_disconnected'
  | 'reservation_exceeded';

export interface RouteOutcome {
  /** The ledger entry's decision_id, also sent to the client (x-penin-decision-id). */
  decisionId: string;
  decision: 'ROUTE' | 'BLOCK';
  reason: string;
  /** Provider that served (or last failed); null when none was reached. */
  provider: string | null;
  model: string;
  attempts: Attempt[];
  usage: Usage;
  /** Where the token counts come from: the provider's usage report, or our estimate. */
  usageSource: 'provider' | 'estimate' | 'none';
  costUsd: number;
  latencyMs: number;
  cache: CacheUse;
  stream: boolean;
  violations: Violation[];
  gates: { budget: boolean; breaker: boolean; cache_integrity: boolean };
  /** The provider reported more than was reserved: both figures (violation reservation_exceeded). */
  excess?: ReservationExcess;
}

/** A float as Python would write it (so 0 is stored as 0.0), rounded to a billionth (USD). */
const usd = (x: number): PyFloat => new PyFloat(Math.round(x * 1e9) / 1e9);
/** The same, rounded to a thousandth (milliseconds to a microsecond). */
const ms = (x: number): PyFloat => new PyFloat(Math.round(x * 1e3) / 1e3);

// Objects are built with their keys in sorted (code-point) order, the order the ledger writes them
// in, so serializing an entry needs no sort.

function attemptJson(a: Attempt): PyJson {
  return a.status === undefined
    ? { latency_ms: ms(a.latencyMs), outcome: a.outcome, provider: a.provider }
    : { latency_ms: ms(a.latencyMs), outcome: a.outcome, provider: a.provider, status: a.status };
}

function attemptsJson(attempts: readonly Attempt[]): PyJson[] {
  const out = new Array<PyJson>(attempts.length);
  for (let i = 0; i < attempts.length; i++) out[i] = attemptJson(attempts[i]);
  return out;
}

/** metrics.reservation_exceeded: what was reserved and what the provider reported, tokens and USD. */
function excessJson(e: ReservationExcess): PyJson {
  return {
    actual_completion_tokens: e.actual.completionTokens,
    actual_prompt_tokens: e.actual.promptTokens,
    actual_usd: usd(e.actual.usd),
    reserved_completion_tokens: e.reserved.completionTokens,
    reserved_prompt_tokens: e.reserved.promptTokens,
    reserved_usd: usd(e.reserved.usd),
  };
}

/**
 * `instance`: in a fleet, the gateway's name (metrics.instance); a single gateway writes none, so
 * its entries keep the seed's keys.
 */
export function routeDecision(o: RouteOutcome, instance?: string): DecisionData {
  const g = o.gates;
  const metrics: Record<string, PyJson> = {
    attempts: attemptsJson(o.attempts),
    cache: o.cache,
    completion_tokens: o.usage.completionTokens,
    cost_usd: usd(o.costUsd),
  };
  if (instance !== undefined) metrics.instance = instance; // in sorted key order, like the rest
  metrics.latency_ms = ms(o.latencyMs);
  metrics.model = o.model;
  metrics.prompt_tokens = o.usage.promptTokens;
  metrics.provider = o.provider;
  // Only on an excess (most entries keep their usual keys), in sorted key order like the rest.
  if (o.excess) metrics.reservation_exceeded = excessJson(o.excess);
  metrics.stream = o.stream;
  metrics.usage_source = o.usageSource;
  return {
    decision_id: o.decisionId,
    decision: o.decision,
    reason: o.reason,
    metrics,
    violations: o.violations.length === 0 ? [] : [...o.violations],
    gates_passed: { breaker: g.breaker, budget: g.budget, cache_integrity: g.cache_integrity },
  };
}

export function operatorDecision(
  action: 'RESET' | 'FORCE_OPEN',
  before: BreakerSnapshot,
  who: string,
  why: string,
): DecisionData {
  const verb = action === 'RESET' ? 'reset' : 'forced open';
  return {
    decision_id: randomUUID(),
    decision: action,
    reason: `operator ${who} ${verb} the circuit breaker of provider "${before.provider}": ${why}`,
    metrics: {
      provider: before.provider,
      who,
      why,
      previous_state: before.state,
      consecutive_failures: before.consecutiveFailures,
    },
    violations: [],
    gates_passed: {},
  };
}

/** An operator emptied the response cache: what it held, who and why. */
export function cacheClearDecision(before: CacheStats, who: string, why: string): DecisionData {
  return {
    decision_id: randomUUID(),
    decision: 'CACHE_CLEAR',
    reason: `operator ${who} cleared the response cache (${before.entries} entries): ${why}`,
    metrics: {
      who,
      why,
      entries_dropped: before.entries,
      bytes_dropped: before.bytes,
      integrity_failures: before.integrityFailures,
    },
    violations: [],
    gates_passed: {},
  };
}

/** The same decision tagged with the fleet instance that made it (metrics.instance). */
export function withInstance(d: DecisionData, instance: string | undefined): DecisionData {
  if (instance === undefined) return d;
  return { ...d, metrics: { ...d.metrics, instance } };
}
