// The bookkeeping of one request as it goes through the router: attempts made, gates that objected,
// and how it turns into a ledger outcome. Shared by the plain and the streaming route.
import type { ChatRequest } from '../model/chat-request';
import { estimateInputTokens, estimateTokens, type Usage } from '../model/cost';
import type { Attempt, AttemptOutcome, CacheUse, RouteOutcome, Violation } from '../recording/ledger-record';
import { UpstreamError } from '../providers/provider-adapter';
import type { ReservationExcess } from '../budget/reservation-bound';

export class RouteState {
  readonly attempts: Attempt[] = [];
  readonly violations: Violation[] = [];
  readonly gates = { budget: true, breaker: true, cache_integrity: true };
  cache: CacheUse = 'bypass';
  /** Providers whose attempt failed (5xx, timeout, network, malformed), in order. */
  readonly failed: UpstreamError[] = [];
  /** Shortest wait until a skipped (open) breaker lets a call through; null if none was skipped. */
  retryAfterMs: number | null = null;
  /** Set when the provider reported more than was reserved (violation reservation_exceeded). */
  excess: ReservationExcess | null = null;

  constructor(
    readonly req: ChatRequest,
    readonly stream: boolean,
    /** performance.now() when the request arrived. */
    readonly startedAt: number,
    /** The decision_id its ledger entry gets (the client is told it: x-penin-decision-id). */
    readonly decisionId: string,
  ) {}

  skipped(provider: string, retryAfterMs: number): void {
    this.attempts.push({ provider, outcome: 'skipped_breaker_open', latencyMs: 0 });
    this.retryAfterMs = this.retryAfterMs === null ? retryAfterMs : Math.min(this.retryAfterMs, retryAfterMs);
  }

  attempted(provider: string, outcome: AttemptOutcome, since: number, status?: number | null): void {
    const a: Attempt = { provider, outcome, latencyMs: performance.now() - since };
    if (status !== undefined && status !== null) a.status = status;
    this.attempts.push(a);
  }

  violate(v: Violation): void {
    if (!this.violations.includes(v)) this.violations.push(v);
  }

  /** Token usage: the provider's report, else an estimate from the text (chars / 4). */
  usage(reported: Usage | null, completionChars: number): { usage: Usage; source: 'provider' | 'estimate' } {
    if (reported) return { usage: reported, source: 'provider' };
    return {
      usage: {
        promptTokens: estimateInputTokens(this.req),
        completionTokens: estimateTokens(completionChars),
      },
      source: 'estimate',
    };
  }

  outcome(
    decision: RouteOutcome['decision'],
    reason: string,
    provider: string | null,
    spend: { usage: Usage; source: RouteOutcome['usageSource']; costUsd: number } | null = null,
  ): RouteOutcome {
    const out: RouteOutcome = {
      decisionId: this.decisionId,
      decision,
      reason: this.excess ? `${reason}; ${excessText(this.excess)}` : reason,
      provider,
      model: this.req.model,
      attempts: this.attempts,
      usage: spend?.usage ?? { promptTokens: 0, completionTokens: 0 },
      usageSource: spend?.source ?? 'none',
      costUsd: spend?.costUsd ?? 0,
      latencyMs: performance.now() - this.startedAt,
      cache: this.cache,
      stream: this.stream,
      violations: this.violations,
      gates: this.gates,
    };
    if (this.excess) out.excess = this.excess;
    return out;
  }
}

function excessText(e: ReservationExcess): string {
  const figures = (b: ReservationExcess['actual']): string =>
    `${b.promptTokens} prompt + ${b.completionTokens} completion tokens, $${Math.round(b.usd * 1e9) / 1e9}`;
  return `usage exceeded the reservation: reported ${figures(e.actual)}; reserved ${figures(e.reserved)}`;
}

/** Ledger name of an upstream failure kind. */
export function attemptOutcomeOf(e: UpstreamError): AttemptOutcome {
  if (e.clientError) return e.kind === 'unsupported' ? 'unsupported' : 'client_error';
  switch (e.kind) {
    case 'http':
      return 'http_error';
    case 'timeout':
      return 'timeout';
    case 'network':
      return 'network_error';
    case 'malformed':
      return 'malformed';
    case 'unsupported':
      return 'unsupported';
  }
}

/** Any error from an adapter as an UpstreamError (adapters throw nothing else, but be safe). */
export function asUpstream(e: unknown, provider: string): UpstreamError {
  if (e instanceof UpstreamError) return e;
  return new UpstreamError(provider, 'network', e instanceof Error ? e.message : String(e));
}
