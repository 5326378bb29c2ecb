// Per-provider circuit breaker: the seed's state machine (closed → open → half_open → closed), with
// bounded half-open trials, single-use permits, operator reset/force-open and an audit trail of transitions.
import type { BreakerSnapshot, BreakerState, BreakerTransition } from '../../../shared/domain';
import { systemClock, type Clock } from '../model/clock';

export type { BreakerState } from '../../../shared/domain';

export interface BreakerOptions {
  /** Consecutive failures that open a closed breaker; default 5. */
  failureThreshold?: number;
  /** How long an open breaker refuses before a trial call (strictly more than this); default 60000. */
  timeoutMs?: number;
  /** Trial successes in half_open that close the breaker; default 2. */
  successThreshold?: number;
  /** Trial calls allowed in flight at once in half_open; default 1. */
  halfOpenMaxCalls?: number;
  clock?: Clock;
  /** Transitions kept for the audit trail (oldest dropped); default 500. */
  maxTransitions?: number;
}

export type RefusalReason = 'open' | 'forced_open' | 'half_open_busy';

export type Permit =
  | { ok: true; success(): void; failure(cause: string): void }
  | { ok: false; retryAfterMs: number; reason: RefusalReason };

/** Retry hint when half_open trials are all in flight: no timer decides, the trials' outcome does. */
export const HALF_OPEN_BUSY_RETRY_MS = 1000;

export class CircuitBreakerOpenError extends Error {
  readonly provider: string;
  readonly retryAfterMs: number;
  readonly reason: RefusalReason;

  constructor(provider: string, retryAfterMs: number, reason: RefusalReason) {
    const why =
      reason === 'forced_open'
        ? 'forced open by an operator'
        : reason === 'half_open_busy'
          ? 'half-open with its trial calls busy'
          : 'open';
    super(`Circuit breaker for ${JSON.stringify(provider)} is ${why}. Retry after ${retryAfterMs} ms`);
    this.name = 'CircuitBreakerOpenError';
    this.provider = provider;
    this.retryAfterMs = retryAfterMs;
    this.reason = reason;
  }
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}`);
  return value;
}

function operatorText(value: string, what: string, action: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${action} needs a non-empty '${what}' (who did it and why go into the audit trail)`);
  }
  return value.trim();
}

export class CircuitBreaker {
  readonly provider: string;
  private readonly failureThreshold: number;
  private readonly timeoutMs: number;
  private readonly successThreshold: number;
  private readonly halfOpenMaxCalls: number;
  private readonly maxTransitions: number;
  private readonly clock: Clock;

  private current: BreakerState = 'closed';
  /** Bumped on every transition: reports from permits of an earlier epoch no longer steer the state. */
  private epoch = 0;
  private consecutiveFailures = 0;
  private halfOpenSuccesses = 0;
  private trialsInFlight = 0;
  private openedAt = 0;
  private forcedOpen = false;
  private totalSuccesses = 0;
  private totalFailures = 0;
  private totalRejected = 0;
  private readonly transitions: BreakerTransition[] = [];
  /** See BreakerSnapshot.observedSince. */
  private observedSince: number;
  private readonly listeners = new Set<(t: BreakerTransition, provider: string) => void>();

  constructor(provider: string, opts: BreakerOptions = {}) {
    if (typeof provider !== 'string' || provider.trim() === '') {
      throw new RangeError(`provider must be a non-empty string, got ${JSON.stringify(provider)}`);
    }
    this.provider = provider;
    this.failureThreshold = positiveInt(opts.failureThreshold ?? 5, 'failureThreshold');
    const timeoutMs = opts.timeoutMs ?? 60_000;
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
      throw new RangeError(`timeoutMs must be a finite number >= 0, got ${String(timeoutMs)}`);
    }
    this.timeoutMs = timeoutMs;
    this.successThreshold = positiveInt(opts.successThreshold ?? 2, 'successThreshold');
    this.halfOpenMaxCalls = positiveInt(opts.halfOpenMaxCalls ?? 1, 'halfOpenMaxCalls');
    this.maxTransitions = positiveInt(opts.maxTransitions ?? 500, 'maxTransitions');
    this.clock = opts.clock ?? systemClock;
    this.observedSince = this.clock.now();
  }

  get state(): BreakerState {
    return this.current;
  }

  /** The seed's call(): refuses with CircuitBreakerOpenError, else runs `fn` and reports its outcome. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    const permit = this.acquire();
    if (!permit.ok) throw new CircuitBreakerOpenError(this.provider, permit.retryAfterMs, permit.reason);
    try {
      const result = await fn();
      permit.success();
      return result;
    } catch (err) {
      permit.failure(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  /** Ask to make one call. A granted permit must be reported once: success() or failure(cause). */
  acquire(): Permit {
    if (this.current === 'open') {
      // Forced open has no timer: timeoutMs is only a polling hint.
      if (this.forcedOpen) return this.refuse(this.timeoutMs, 'forced_open');
      const now = this.clock.now();
      if (now - this.openedAt > this.timeoutMs) {
        this.halfOpenSuccesses = 0;
        this.trialsInFlight = 0;
        this.transition('half_open', 'timeout elapsed');
      } else {
        return this.refuse(this.openedAt + this.timeoutMs + 1 - now, 'open');
      }
    }
    if (this.current === 'half_open') {
      if (this.trialsInFlight >= this.halfOpenMaxCalls)
        return this.refuse(HALF_OPEN_BUSY_RETRY_MS, 'half_open_busy');
      this.trialsInFlight += 1;
    }
    return this.permit(this.epoch, this.current === 'half_open');
  }

  /** Operator reset: closed, counters cleared, any forced open lifted. */
  reset(who: string, why: string): void {
    const cause = `operator reset by ${operatorText(who, 'who', 'reset')}: ${operatorText(why, 'why', 'reset')}`;
    this.consecutiveFailures = 0;
    this.halfOpenSuccesses = 0;
    this.trialsInFlight = 0;
    this.forcedOpen = false;
    this.transition('closed', cause);
  }

  /** Operator force-open: refuses every call until reset(). */
  forceOpen(who: string, why: string): void {
    const cause = `forced open by ${operatorText(who, 'who', 'forceOpen')}: ${operatorText(why, 'why', 'forceOpen')}`;
    this.forcedOpen = true;
    this.halfOpenSuccesses = 0;
    this.trialsInFlight = 0;
    this.openedAt = this.clock.now();
    this.transition('open', cause);
  }

  snapshot(): BreakerSnapshot {
    const retryAfterMs =
      this.current === 'open' && !this.forcedOpen
        ? Math.max(0, this.openedAt + this.timeoutMs + 1 - this.clock.now())
        : null;
    return {
      provider: this.provider,
      state: this.current,
      consecutiveFailures: this.consecutiveFailures,
      halfOpenSuccesses: this.halfOpenSuccesses,
      totalSuccesses: this.totalSuccesses,
      totalFailures: this.totalFailures,
      totalRejected: this.totalRejected,
      retryAfterMs,
      forcedOpen: this.forcedOpen,
      transitions: this.transitions.map((t) => ({ ...t })),
      observedSince: this.observedSince,
      config: {
        failureThreshold: this.failureThreshold,
        timeoutMs: this.timeoutMs,
        successThreshold: this.successThreshold,
        halfOpenMaxCalls: this.halfOpenMaxCalls,
      },
    };
  }

  /** Calls `listener` after every transition; returns an unsubscribe function. */
  onTransition(listener: (t: BreakerTransition, provider: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private refuse(retryAfterMs: number, reason: RefusalReason): Permit {
    this.totalRejected += 1;
    return { ok: false, retryAfterMs, reason };
  }

  private permit(epoch: number, trial: boolean): Permit {
    return new GrantedPermit(this, epoch, trial);
  }

  /** @internal A granted permit's one report (GrantedPermit makes sure it is the only one). */
  reportPermit(epoch: number, trial: boolean, ok: boolean, cause: string): void {
    if (ok) this.totalSuccesses += 1;
    else this.totalFailures += 1;
    if (epoch !== this.epoch) return; // the state moved on since this call started
    if (trial) this.trialsInFlight -= 1;
    if (ok) this.onSuccess();
    else this.onFailure(cause);
  }

  private onSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.current !== 'half_open') return;
    this.halfOpenSuccesses += 1;
    if (this.halfOpenSuccesses >= this.successThreshold) {
      const n = this.halfOpenSuccesses;
      this.halfOpenSuccesses = 0;
      this.transition('closed', `${n} trial success${n === 1 ? '' : 'es'}`);
    }
  }

  private onFailure(cause: string): void {
    this.consecutiveFailures += 1;
    if (this.current === 'half_open') {
      this.openedAt = this.clock.now();
      this.halfOpenSuccesses = 0;
      this.trialsInFlight = 0;
      this.transition('open', `trial failed: ${cause}`);
    } else if (this.consecutiveFailures >= this.failureThreshold) {
      this.openedAt = this.clock.now();
      this.transition('open', `${this.consecutiveFailures} consecutive failures: ${cause}`);
    }
  }

  private transition(to: BreakerState, cause: string): void {
    const t: BreakerTransition = { at: this.clock.now(), from: this.current, to, cause };
    this.current = to;
    this.epoch += 1;
    this.transitions.push(t);
    if (this.transitions.length > this.maxTransitions) {
      const dropped = this.transitions.splice(0, this.transitions.length - this.maxTransitions);
      // What happened before the newest dropped transition is no longer known.
      this.observedSince = dropped[dropped.length - 1].at;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...t }, this.provider);
      } catch {
        // A faulty listener must neither break the breaker nor starve the other listeners.
      }
    }
  }
}

/** A granted permit: single use (a class, not closures: one is made per upstream call). */
class GrantedPermit {
  readonly ok = true as const;
  private reported = false;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly epoch: number,
    private readonly trial: boolean,
  ) {}

  success(): void {
    if (this.reported) return;
    this.reported = true;
    this.breaker.reportPermit(this.epoch, this.trial, true, '');
  }

  failure(cause: string): void {
    if (this.reported) return;
    this.reported = true;
    const why = typeof cause === 'string' && cause.trim() !== '' ? cause : '(no cause given)';
    this.breaker.reportPermit(this.epoch, this.trial, false, why);
  }
}
