// The router: for one chat.completions request, decide who answers, within budget, and record it.
//
//   1. ledger ready?        no  → 503 ledger_unavailable (nothing is dispatched while it is down)
//   2. model served?        no  → 404 model_not_found
//   3. cache (plain only)   hit → answer from the cache, cost 0 (see cache/cache-policy.ts)
//   4. budget reservation   refused → 429 budget_exceeded (soft or hard); the amount held is an
//                           upper bound of the cost (budget/reservation-bound.ts), checked and held at once;
//                           a fleet budget (Redis) out of reach → 503 budget_unavailable (fail closed)
//   5. candidates in policy order, skipping open breakers (one attempt loop for plain and streaming;
//      the two differ only in how the answer is delivered: plain-delivery.ts, stream-delivery.ts):
//        success → settle the real cost (usage above the bound: reservation_exceeded), answer
//        5xx / timeout / network / malformed → next candidate
//        client-caused 4xx → answered as-is, no fallback
//      none tried → 503 no_provider_available; all failed → 502 naming them
//   Every outcome appends exactly one decision to the ledger before the client is answered;
//   if that append fails the client gets 503 ledger_unavailable instead (fail closed).
import { randomUUID } from 'node:crypto';
import { isBudgetUnavailable, type BudgetHold, type BudgetPort } from '../budget/budget-port';
import type { BudgetRefusal } from '../budget/budget-types';
import { reservationBound, type ReservationBound } from '../budget/reservation-bound';
import type { BreakerPort } from '../breakers/breaker-port';
import type { HMACCache } from '../cache/cache';
import { cacheKey, cacheVerdict, decodeCached, encodeCached } from '../cache/cache-policy';
import type { ChatRequest } from '../model/chat-request';
import { errors, GatewayError } from '../model/errors';
import type { PreparedCall, UpstreamError } from '../providers/provider-adapter';
import type { DecisionRecorder } from '../recording/decision-recorder';
import { routeDecision, type RouteOutcome } from '../recording/ledger-record';
import type { Admitted, Books, Delivery } from './attempt';
import type { Candidate, CandidateTable } from './candidates';
import { PlainDelivery, type PlainAnswer } from './plain-delivery';
import { asUpstream, attemptOutcomeOf, RouteState } from './route-state';
import { settleSpend } from './settle';
import { StreamDelivery, type StreamSink } from './stream-delivery';

export interface RouterDeps {
  candidates: CandidateTable;
  /** The in-memory tracker (plain values) or the fleet's budget in Redis (promises). */
  budget: BudgetPort;
  breakers: BreakerPort;
  cache: HMACCache;
  cacheTtlSeconds: number;
  recorder: DecisionRecorder;
  /** In a fleet: this gateway's name, written into each entry's metrics (`instance`). */
  instance?: string;
}

export interface RouteRequest {
  req: ChatRequest;
  /** The Cache-Control request header, if any. */
  cacheControl?: string;
  /** performance.now() when the HTTP request arrived. */
  startedAt: number;
  /** The decision_id its ledger entry gets; a new one when absent. */
  decisionId?: string;
}

export class Router {
  constructor(private readonly deps: RouterDeps) {}

  /** What a delivery may do with the budget and the ledger once it has an answer. */
  private readonly books: Books = {
    settle: (state, admitted, c, reported, chars) =>
      settleSpend(this.deps.budget, state, admitted, c, reported, chars),
    record: (outcome) => this.record(outcome),
    ledgerError: () => this.ledgerError(),
  };

  /** Routes a non-streaming request. */
  async complete(r: RouteRequest): Promise<PlainAnswer> {
    const state = new RouteState(r.req, false, r.startedAt, r.decisionId ?? randomUUID());
    const pre = this.precheck(state);
    const gate = pre instanceof Promise ? await pre : pre;
    if (gate instanceof GatewayError) return { ok: false, error: gate };

    const verdict = cacheVerdict(r.req, r.cacheControl);
    const key = verdict === 'cacheable' ? cacheKey(r.req) : null;
    if (key !== null) {
      const hit = this.lookup(state, key);
      if (hit) {
        const ok = await this.record(
          state.outcome('ROUTE', `served from cache (answer first given by "${hit.provider}")`, hit.provider),
        );
        return ok ? { ok: true, body: hit.body, cache: 'hit' } : { ok: false, error: this.ledgerError() };
      }
    }
    const store =
      key === null
        ? null
        : (provider: string, body: string) =>
            this.deps.cache.set(key, encodeCached({ provider, body }), this.deps.cacheTtlSeconds);
    return this.dispatch(state, gate, new PlainDelivery(store));
  }

  /** Routes a streaming request: writes to `sink`, or returns the error to answer instead (nothing written yet). */
  async stream(r: RouteRequest, sink: StreamSink): Promise<GatewayError | null> {
    const state = new RouteState(r.req, true, r.startedAt, r.decisionId ?? randomUUID());
    const pre = this.precheck(state);
    const gate = pre instanceof Promise ? await pre : pre;
    if (gate instanceof GatewayError) return gate;
    return this.dispatch(state, gate, new StreamDelivery(sink));
  }

  /** Admits the request, then runs the attempt loop; the hold is released on every path (a no-op once settled). */
  private async dispatch<A, R>(
    state: RouteState,
    candidates: readonly Candidate[],
    delivery: Delivery<A, R>,
  ): Promise<R> {
    const admission = this.admit(state, candidates);
    const admitted = admission instanceof Promise ? await admission : admission;
    if (admitted instanceof GatewayError) return delivery.refused(admitted);
    try {
      return await this.attempts(state, admitted, delivery);
    } finally {
      // A no-op once settled; a fleet hold's release never rejects (queued while Redis is away).
      void admitted.reservation.release();
    }
  }

  /**
   * The attempt loop, for plain and streaming requests alike: tries the candidates in order until
   * one answers, then lets `delivery` hand the answer over (settled and recorded). Skips a
   * candidate whose breaker is open; falls back past one that fails; a client-caused error is
   * answered as-is, without fallback.
   */
  private async attempts<A, R>(state: RouteState, admitted: Admitted, delivery: Delivery<A, R>): Promise<R> {
    for (const c of admitted.candidates) {
      let call: PreparedCall;
      try {
        call = c.adapter.prepare(state.req, delivery.stream);
      } catch (e) {
        return delivery.refused(await this.passThrough(state, asUpstream(e, c.provider)));
      }
      // A closed breaker answers at once; a fleet breaker that is not closed asks Redis.
      const p = this.deps.breakers.acquire(c.provider);
      const permit = p instanceof Promise ? await p : p;
      if (!permit.ok) {
        state.skipped(c.provider, permit.retryAfterMs);
        continue;
      }
      const since = performance.now();
      let answer: A;
      try {
        answer = await delivery.call(c.adapter, call);
      } catch (e) {
        const u = asUpstream(e, c.provider);
        state.attempted(c.provider, attemptOutcomeOf(u), since, u.status);
        if (u.clientError) {
          permit.success(); // the provider answered sensibly: the request was at fault
          return delivery.refused(await this.passThrough(state, u));
        }
        permit.failure(u.message);
        state.failed.push(u);
        continue;
      }
      return delivery.deliver(state, { candidate: c, answer, permit, admitted, since }, this.books);
    }
    return delivery.refused(await this.exhausted(state));
  }

  /**
   * Ledger ready and model known: the model's candidates, or the error to answer. Synchronous when
   * the ledger owes nothing (the common case: no promise hop per request).
   */
  private precheck(state: RouteState): readonly Candidate[] | Promise<readonly Candidate[] | GatewayError> {
    const ready = this.deps.recorder.ready();
    if (ready === true) return this.candidatesFor(state);
    return this.afterFlush(state, ready);
  }

  private async afterFlush(
    state: RouteState,
    ready: boolean | Promise<boolean>,
  ): Promise<readonly Candidate[] | GatewayError> {
    if (await ready) return this.candidatesFor(state);
    state.violate('ledger_unavailable');
    await this.record(
      state.outcome(
        'BLOCK',
        `refused: ledger unavailable (${this.deps.recorder.lastError ?? 'unknown'})`,
        null,
      ),
    );
    return this.ledgerError();
  }

  /** The model's candidates, or a promise of the model_not_found error (recorded). */
  private candidatesFor(state: RouteState): readonly Candidate[] | Promise<GatewayError> {
    const candidates = this.deps.candidates.for(state.req.model);
    if (candidates.length > 0) return candidates;
    state.violate('model_not_found');
    return this.refuse(
      state,
      `refused: no active provider serves model "${state.req.model}"`,
      errors.modelNotFound(
        state.req.model,
        this.deps.candidates.models().map((m) => m.id),
      ),
    );
  }

  /**
   * Reserves the request's cost bound on the dearest candidate, or the error to answer (recorded):
   * 429 when the budget refuses, 503 budget_unavailable when the fleet's budget cannot be reached.
   * The local tracker answers synchronously from the check to the hold (no await): concurrent
   * requests cannot both pass a check that only one of them fits; the fleet's does both in one
   * Lua script.
   */
  private admit(
    state: RouteState,
    candidates: readonly Candidate[],
  ): Admitted | Promise<Admitted | GatewayError> {
    const bound = reservationBound(state.req, candidates);
    let held: ReturnType<BudgetPort['reserve']>;
    try {
      held = this.deps.budget.reserve(bound.usd, state.decisionId);
    } catch (e) {
      if (isBudgetUnavailable(e)) return this.budgetUnavailable(state, e.message);
      throw e;
    }
    if (!(held instanceof Promise)) return this.admitted(state, candidates, bound, held);
    return held.then<Admitted | GatewayError, GatewayError>(
      (h): Admitted | Promise<GatewayError> => this.admitted(state, candidates, bound, h),
      (e: unknown): Promise<GatewayError> => {
        if (isBudgetUnavailable(e)) return this.budgetUnavailable(state, e.message);
        throw e;
      },
    );
  }

  private admitted(
    state: RouteState,
    candidates: readonly Candidate[],
    bound: ReservationBound,
    held: BudgetHold | BudgetRefusal,
  ): Admitted | Promise<GatewayError> {
    if ('refused' in held) {
      const limit = held.reason === 'HARD_LIMIT_EXCEEDED' ? 'hard' : 'soft';
      state.gates.budget = false;
      state.violate(limit === 'hard' ? 'budget_hard_limit' : 'budget_soft_limit');
      return this.refuse(
        state,
        `refused: daily budget ${limit} limit (${held.detail})`,
        errors.budgetExceeded(limit, held.detail),
      );
    }
    return { candidates, reservation: held, bound };
  }

  /** The fleet's budget is out of reach: nothing may be spent (fail closed), BLOCK recorded here. */
  private budgetUnavailable(state: RouteState, detail: string): Promise<GatewayError> {
    state.gates.budget = false;
    state.violate('budget_unavailable');
    return this.refuse(state, `refused: ${detail}`, errors.budgetUnavailable(detail));
  }

  /** A cached answer, or null; notes a tampered entry (which is never served). */
  private lookup(state: RouteState, key: string): { provider: string; body: string } | null {
    const cache = this.deps.cache;
    const failuresBefore = cache.stats().integrityFailures;
    const text = cache.get(key);
    const hit = text === null ? null : decodeCached(text);
    if (hit) {
      state.cache = 'hit';
      return hit;
    }
    state.cache = 'miss';
    if (cache.stats().integrityFailures > failuresBefore) {
      state.gates.cache_integrity = false;
      state.violate('cache_integrity_failure');
    }
    return null;
  }

  /** Records a BLOCK and returns the error to answer (or ledger_unavailable if the record failed). */
  private async refuse(state: RouteState, reason: string, error: GatewayError): Promise<GatewayError> {
    return (await this.record(state.outcome('BLOCK', reason, null))) ? error : this.ledgerError();
  }

  /** The provider rejected the client's request: answer its error as-is, no fallback. */
  private async passThrough(state: RouteState, u: UpstreamError): Promise<GatewayError> {
    state.violate('upstream_client_error');
    const body = u.errorBody ?? {
      message: u.message,
      type: 'invalid_request_error',
      code: null,
      param: null,
    };
    const error = GatewayError.answer(u.status ?? 400, body.type, body.code, body.message, body.param, {
      'x-should-retry': 'false',
    });
    return (await this.record(
      state.outcome('BLOCK', `rejected by "${u.provider}": ${u.message}`, u.provider),
    ))
      ? error
      : this.ledgerError();
  }

  /** Every candidate was skipped or failed: 503 if none could be tried, else 502 naming the failures. */
  private async exhausted(state: RouteState): Promise<GatewayError> {
    if (state.failed.length === 0) {
      state.gates.breaker = false;
      state.violate('no_provider_available');
      const open = state.attempts.map((a) => a.provider);
      const detail = `circuit breaker open for ${open.map((p) => `"${p}"`).join(', ')}`;
      return this.refuse(
        state,
        `refused: no provider available (${detail})`,
        errors.noProvider(state.req.model, state.retryAfterMs, detail),
      );
    }
    state.violate('upstream_failure');
    const names = state.failed.map((f) => f.provider);
    const detail = state.failed.map((f) => `${f.provider}: ${f.message}`).join('; ');
    const last = names[names.length - 1];
    const ok = await this.record(
      state.outcome('BLOCK', `failed: every provider tried failed (${detail})`, last),
    );
    return ok ? errors.upstreamFailed(names, detail) : this.ledgerError();
  }

  /** Appends the outcome to the ledger (no async wrapper: one promise hop fewer per request). */
  private record(outcome: RouteOutcome): Promise<boolean> {
    return this.deps.recorder.record(routeDecision(outcome, this.deps.instance));
  }

  private ledgerError(): GatewayError {
    return errors.ledgerUnavailable(this.deps.recorder.lastError ?? 'append failed');
  }
}
