// The fleet's circuit breakers in Redis: one state per provider for every instance, changed only by
// the Lua scripts of redis-breakers-lua.ts (atomic), each change published on the fleet's breaker
// channel. Every instance keeps a local copy, updated from the replies to its own calls and from
// the channel, so that:
//   - a closed breaker grants a permit with no round trip (the hot path), and a success on a breaker
//     with no failures counted is not sent either;
//   - a breaker opened by any instance is skipped by every instance as soon as the message arrives
//     (one publish), without asking Redis, until its timeout passes; then one EVALSHA moves it to
//     half_open and takes a trial permit, atomically for the whole fleet;
//   - failures are always sent (each is published, so every copy knows there are failures to reset).
// An operator's reset or force-open is one EVALSHA: it applies fleet-wide. The caller (core.ts)
// records it in its own ledger first, as today: once, in the instance that received it.
//
// Redis unreachable: a closed breaker keeps granting (its copy is all it needs); a breaker that
// needs Redis to decide refuses, as an open one does; reports that cannot be sent are dropped
// (counted in `droppedReports`); after the reconnect every copy is reloaded. The budget fails
// closed meanwhile, so no request is sent out on these decisions anyway.
import { z } from 'zod';
import type { BreakerSnapshot, BreakerState, BreakerTransition } from '../../../shared/domain';
import { HALF_OPEN_BUSY_RETRY_MS, type BreakerOptions, type Permit, type RefusalReason } from './breaker';
import { systemClock, type Clock } from '../model/clock';
import { errorText, RedisUnavailableError, type FleetRedis } from '../redis/redis-connection';
import type { BreakerPort, TransitionListener } from './breaker-port';
import { ACQUIRE, LOAD, OPERATE, REPORT } from './redis-breakers-lua';

export interface RedisBreakersOptions extends Omit<BreakerOptions, 'clock'> {
  redis: FleetRedis;
  clock?: Clock;
}

const STATES = ['closed', 'open', 'half_open'] as const;
const int = z.number().int().nonnegative();

const transitionSchema = z.object({
  at: int,
  from: z.enum(STATES),
  to: z.enum(STATES),
  cause: z.string(),
});

/** The state every script answers with and publishes (see redis-breakers-lua.ts). */
const stateSchema = z.object({
  provider: z.string().min(1),
  state: z.enum(STATES),
  epoch: int,
  ver: int,
  failures: int,
  halfOk: int,
  trials: int,
  openedAt: int,
  forced: z.boolean(),
  now: int,
  origin: z.string(),
  transition: transitionSchema.optional(),
});
type SharedState = z.output<typeof stateSchema>;

const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});
const stateJson = json.pipe(stateSchema);
const acquireReply = z.tuple([
  z.enum(['granted', 'refused']),
  z.enum(['', 'open', 'forced_open', 'half_open_busy']),
  z.number().int(),
  int,
  z.union([z.literal(0), z.literal(1)]),
  stateJson,
]);
const reportReply = z.tuple([z.enum(['counted', 'stale']), stateJson]);
const operateReply = z.tuple([stateJson]);
const loadReply = z.tuple([stateJson, z.array(json.pipe(transitionSchema))]);

/** Breakers could not be reached to do what only Redis can decide (an operator action). */
export class BreakersUnavailableError extends Error {
  override readonly name = 'BreakersUnavailableError';
  readonly code = 'breakers_unavailable' as const;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`fleet breakers unavailable: ${detail}`, options);
  }
}

interface Copy {
  state: BreakerState;
  epoch: number;
  ver: number;
  failures: number;
  halfOk: number;
  forced: boolean;
  /** Local clock time after which an open (not forced) breaker may let a trial through. */
  openUntil: number;
  /** `ver` of the newest transition already told to listeners (each is told once). */
  toldVer: number;
  transitions: BreakerTransition[];
  observedSince: number;
  totalSuccesses: number;
  totalFailures: number;
  totalRejected: number;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}`);
  return value;
}

function operatorText(value: string, what: string, action: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`${action} needs a non-empty '${what}' (who did it and why go into the audit trail)`);
  return value.trim();
}

export class RedisBreakers implements BreakerPort {
  readonly instance: string;
  private readonly redis: FleetRedis;
  private readonly clock: Clock;
  private readonly failureThreshold: number;
  private readonly timeoutMs: number;
  private readonly successThreshold: number;
  private readonly halfOpenMaxCalls: number;
  private readonly maxTransitions: number;
  private readonly channel: string;
  private readonly copies = new Map<string, Copy>();
  private readonly listeners = new Set<TransitionListener>();
  private readonly unsubscribeReady: () => void;
  private dropped = 0;

  private constructor(opts: RedisBreakersOptions) {
    this.redis = opts.redis;
    this.instance = opts.redis.instance;
    this.clock = opts.clock ?? systemClock;
    this.failureThreshold = positiveInt(opts.failureThreshold ?? 5, 'failureThreshold');
    const timeoutMs = opts.timeoutMs ?? 60_000;
    if (typeof timeoutMs !== 'number' || !Number.isSafeInteger(timeoutMs) || timeoutMs < 0)
      throw new RangeError(`timeoutMs must be an integer >= 0, got ${String(timeoutMs)}`);
    this.timeoutMs = timeoutMs;
    this.successThreshold = positiveInt(opts.successThreshold ?? 2, 'successThreshold');
    this.halfOpenMaxCalls = positiveInt(opts.halfOpenMaxCalls ?? 1, 'halfOpenMaxCalls');
    this.maxTransitions = positiveInt(opts.maxTransitions ?? 500, 'maxTransitions');
    this.channel = this.redis.channel('breakers');
    this.unsubscribeReady = this.redis.onReady(() => void this.reload().catch(() => {}));
  }

  /**
   * Subscribes to the fleet's breaker channel and loads the shared state of `providers` (every
   * active provider, so that they show up in list()). Rejects if Redis cannot be reached.
   */
  static async open(opts: RedisBreakersOptions, providers: readonly string[] = []): Promise<RedisBreakers> {
    const b = new RedisBreakers(opts);
    await b.redis.subscribe(b.channel, (message) => b.onMessage(message));
    for (const p of providers) await b.load(p);
    return b;
  }

  /** Reports that could not be sent because Redis was unreachable. */
  get droppedReports(): number {
    return this.dropped;
  }

  acquire(provider: string): Permit | Promise<Permit> {
    const c = this.copy(provider);
    if (c.state === 'closed') return this.permit(provider, c.epoch, false);
    if (c.state === 'open') {
      if (c.forced) return this.refuse(c, this.timeoutMs, 'forced_open');
      const left = c.openUntil - this.clock.now();
      if (left > 0) return this.refuse(c, left, 'open');
    }
    return this.acquireShared(provider, c);
  }

  async reset(provider: string, who: string, why: string): Promise<BreakerSnapshot> {
    const cause = `operator reset by ${operatorText(who, 'who', 'reset')}: ${operatorText(why, 'why', 'reset')}`;
    return this.operate(provider, 'reset', cause);
  }

  async forceOpen(provider: string, who: string, why: string): Promise<BreakerSnapshot> {
    const cause = `forced open by ${operatorText(who, 'who', 'forceOpen')}: ${operatorText(why, 'why', 'forceOpen')}`;
    return this.operate(provider, 'force_open', cause);
  }

  snapshot(provider: string): BreakerSnapshot {
    const c = this.copy(provider);
    const retryAfterMs = c.state === 'open' && !c.forced ? Math.max(0, c.openUntil - this.clock.now()) : null;
    return {
      provider,
      state: c.state,
      consecutiveFailures: c.failures,
      halfOpenSuccesses: c.halfOk,
      totalSuccesses: c.totalSuccesses,
      totalFailures: c.totalFailures,
      totalRejected: c.totalRejected,
      retryAfterMs,
      forcedOpen: c.forced,
      transitions: c.transitions.map((t) => ({ ...t })),
      observedSince: c.observedSince,
      config: {
        failureThreshold: this.failureThreshold,
        timeoutMs: this.timeoutMs,
        successThreshold: this.successThreshold,
        halfOpenMaxCalls: this.halfOpenMaxCalls,
      },
    };
  }

  list(): BreakerSnapshot[] {
    return [...this.copies.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((p) => this.snapshot(p));
  }

  onTransition(listener: TransitionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reloads every copy from Redis (after a reconnect: messages may have been missed). */
  async reload(): Promise<void> {
    await Promise.all([...this.copies.keys()].map((p) => this.load(p)));
  }

  /** Stops listening for reconnects (the connection is the caller's to close). */
  close(): void {
    this.unsubscribeReady();
  }

  // --- internals ---

  private keys(provider: string): string[] {
    return [
      this.redis.key('breaker', provider),
      this.redis.key('breaker', provider, 'log'),
      this.redis.key('breakers'),
    ];
  }

  private args(provider: string, ...rest: (string | number)[]): string[] {
    return [provider, this.instance, this.channel, ...rest.map(String)];
  }

  private copy(provider: string): Copy {
    let c = this.copies.get(provider);
    if (!c) {
      if (typeof provider !== 'string' || provider.trim() === '')
        throw new RangeError(`provider must be a non-empty string, got ${JSON.stringify(provider)}`);
      c = {
        state: 'closed',
        epoch: 0,
        ver: 0,
        failures: 0,
        halfOk: 0,
        forced: false,
        openUntil: 0,
        toldVer: 0,
        transitions: [],
        observedSince: this.clock.now(),
        totalSuccesses: 0,
        totalFailures: 0,
        totalRejected: 0,
      };
      this.copies.set(provider, c);
    }
    return c;
  }

  private refuse(c: Copy, retryAfterMs: number, reason: RefusalReason): Permit {
    c.totalRejected += 1;
    return { ok: false, retryAfterMs, reason };
  }

  private permit(provider: string, epoch: number, trial: boolean): Permit {
    return new FleetPermit(this, provider, epoch, trial);
  }

  private async acquireShared(provider: string, c: Copy): Promise<Permit> {
    let reply: z.output<typeof acquireReply>;
    try {
      reply = await this.call(
        ACQUIRE,
        provider,
        [this.timeoutMs, this.halfOpenMaxCalls, this.maxTransitions],
        acquireReply,
      );
    } catch {
      // Redis cannot decide: refuse, as an open breaker does (the budget refuses meanwhile anyway).
      const reason: RefusalReason = c.state === 'half_open' ? 'half_open_busy' : 'open';
      return this.refuse(c, HALF_OPEN_BUSY_RETRY_MS, reason);
    }
    const [verdict, reason, retryAfterMs, epoch, trial, state] = reply;
    this.apply(state);
    if (verdict === 'granted') return this.permit(provider, epoch, trial === 1);
    return this.refuse(c, Math.max(0, retryAfterMs), reason === '' ? 'open' : reason);
  }

  /** @internal A permit's one report. Successes on a breaker with nothing to reset stay local. */
  report(provider: string, epoch: number, trial: boolean, ok: boolean, cause: string): void {
    const c = this.copy(provider);
    if (ok) c.totalSuccesses += 1;
    else c.totalFailures += 1;
    if (ok && !trial && c.state === 'closed' && c.failures === 0) return; // the hot path
    void this.call(
      REPORT,
      provider,
      [
        epoch,
        trial ? 1 : 0,
        ok ? 1 : 0,
        cause,
        this.failureThreshold,
        this.successThreshold,
        this.maxTransitions,
      ],
      reportReply,
    ).then(
      ([, state]) => this.apply(state),
      () => {
        this.dropped += 1;
      },
    );
  }

  private async operate(
    provider: string,
    action: 'reset' | 'force_open',
    cause: string,
  ): Promise<BreakerSnapshot> {
    const [state] = await this.call(OPERATE, provider, [action, cause, this.maxTransitions], operateReply);
    this.apply(state);
    return this.snapshot(provider);
  }

  private async load(provider: string): Promise<void> {
    const [state, log] = await this.call(LOAD, provider, [this.maxTransitions], loadReply);
    const c = this.copy(provider);
    if (state.ver < c.ver) return;
    const transitions = log.reverse(); // oldest first, as BreakerSnapshot has them
    c.transitions = transitions;
    if (transitions.length > 0 && transitions.length >= this.maxTransitions)
      c.observedSince = transitions[0].at;
    this.apply(state, false);
    c.toldVer = Math.max(c.toldVer, state.ver);
  }

  private onMessage(message: string): void {
    const parsed = stateJson.safeParse(message);
    if (parsed.success) this.apply(parsed.data);
  }

  /** Takes a shared state if it is newer than the copy; tells listeners of its transition once. */
  private apply(s: SharedState, keepTransition = true): void {
    const c = this.copy(s.provider);
    if (s.ver > c.ver) {
      c.state = s.state;
      c.epoch = s.epoch;
      c.ver = s.ver;
      c.failures = s.failures;
      c.halfOk = s.halfOk;
      c.forced = s.forced;
      // Redis's clock decided when it opened; the time left is carried over to this clock.
      c.openUntil = this.clock.now() + (s.openedAt + this.timeoutMs + 1 - s.now);
    }
    const t = s.transition;
    if (!t || !keepTransition || s.ver <= c.toldVer) return;
    c.toldVer = s.ver;
    c.transitions.push({ ...t });
    if (c.transitions.length > this.maxTransitions) {
      const dropped = c.transitions.splice(0, c.transitions.length - this.maxTransitions);
      c.observedSince = dropped[dropped.length - 1].at;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...t }, s.provider);
      } catch {
        // A faulty listener must neither break the breakers nor starve the other listeners.
      }
    }
  }

  private async call<T extends z.ZodType>(
    script: Parameters<FleetRedis['run']>[0],
    provider: string,
    rest: (string | number)[],
    reply: T,
  ): Promise<z.output<T>> {
    let raw: unknown;
    try {
      raw = await this.redis.run(script, this.keys(provider), this.args(provider, ...rest));
    } catch (e) {
      const why = e instanceof RedisUnavailableError ? e.message : errorText(e);
      throw new BreakersUnavailableError(why, { cause: e });
    }
    const parsed = reply.safeParse(raw);
    if (!parsed.success)
      throw new BreakersUnavailableError(
        `unexpected reply from ${script.name}: ${JSON.stringify(raw)?.slice(0, 200)} (${parsed.error.message})`,
      );
    return parsed.data;
  }
}

/** A granted permit: single use (a class, not closures: one is made per upstream call). */
class FleetPermit {
  readonly ok = true as const;
  private reported = false;

  constructor(
    private readonly breakers: RedisBreakers,
    private readonly provider: string,
    private readonly epoch: number,
    private readonly trial: boolean,
  ) {}

  success(): void {
    if (this.reported) return;
    this.reported = true;
    this.breakers.report(this.provider, this.epoch, this.trial, true, '');
  }

  failure(cause: string): void {
    if (this.reported) return;
    this.reported = true;
    const why = typeof cause === 'string' && cause.trim() !== '' ? cause : '(no cause given)';
    this.breakers.report(this.provider, this.epoch, this.trial, false, why);
  }
}
