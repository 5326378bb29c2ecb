// The last requests the gateway recorded, for the operator's live view (requests:recent): each
// routing decision (ROUTE, BLOCK) as the ledger got it, newest first, in a bounded ring. Operator
// actions (RESET, CACHE_CLEAR…) are not requests and are left out.
import type { RecentRequest, RequestOutcome } from '../../shared/domain';
import { isPyFloat } from '../ledger/pyfloat';
import type { DecisionData, PyJson } from '../ledger/types';

/** Default number of requests kept. */
export const RECENT_REQUESTS_MAX = 200;

/** Outcomes an operator looks for when something is wrong. */
const PROBLEMS: ReadonlySet<RequestOutcome> = new Set<RequestOutcome>(['refused', 'failed']);

/** Violations that mean a provider failed, rather than the gateway refusing the request. */
const FAILURES = new Set(['upstream_failure', 'upstream_client_error']);

function num(v: PyJson | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (isPyFloat(v)) return v.pyFloat;
  return null;
}

function str(v: PyJson | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

/** A ledger decision as a recent request; null for decisions that are not a request's. */
export function recentRequestOf(d: DecisionData, at: number): RecentRequest | null {
  if (d.decision !== 'ROUTE' && d.decision !== 'BLOCK') return null;
  const m = d.metrics ?? {};
  const violations = (d.violations ?? []).filter((v): v is string => typeof v === 'string');
  const cache = str(m.cache);
  const outcome: RequestOutcome =
    d.decision === 'ROUTE'
      ? cache === 'hit'
        ? 'cached'
        : 'served'
      : violations.some((v) => FAILURES.has(v))
        ? 'failed'
        : 'refused';
  return {
    decisionId: d.decision_id,
    at,
    outcome,
    reason: d.reason,
    model: str(m.model),
    provider: str(m.provider),
    stream: m.stream === true,
    promptTokens: num(m.prompt_tokens),
    completionTokens: num(m.completion_tokens),
    costUsd: num(m.cost_usd),
    latencyMs: num(m.latency_ms),
    attempts: Array.isArray(m.attempts) ? m.attempts.length : 0,
    violations,
  };
}

export class RecentRequests {
  private readonly ring: (RecentRequest | undefined)[];
  private next = 0;
  private count = 0;
  private total = 0;

  constructor(readonly max = RECENT_REQUESTS_MAX) {
    this.ring = new Array<RecentRequest | undefined>(max);
  }

  /** Keeps `d` if it is a request's decision. */
  add(d: DecisionData, at: number): void {
    const r = recentRequestOf(d, at);
    if (r === null) return;
    this.ring[this.next] = r;
    this.next = (this.next + 1) % this.max;
    this.count = Math.min(this.count + 1, this.max);
    this.total += 1;
  }

  /** Requests recorded since start (the live feed publishes when it moves). */
  get recorded(): number {
    return this.total;
  }

  /** Up to `limit` requests, newest first; with `problems`, only those refused or failed. */
  list(limit = this.max, problems = false): RecentRequest[] {
    const out: RecentRequest[] = [];
    for (let k = 1; k <= this.count && out.length < limit; k++) {
      const r = this.ring[(this.next - k + this.max) % this.max];
      if (r !== undefined && (!problems || PROBLEMS.has(r.outcome))) out.push(r);
    }
    return out;
  }
}
