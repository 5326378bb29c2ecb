// The fleet's daily budget in Redis: the BudgetTracker's rules (soft/hard limits in percent of the
// daily limit, `refuse` or `warn` at the soft limit, integer micro-dollars, a calendar day in the
// configured time zone, the real cost counted in full even above its hold), shared by every
// gateway instance that points at the same Redis and namespace.
//
//   reserve   one EVALSHA: drop expired holds, check the day's spend + live holds + this amount
//             against the limits, hold it (redis-budget-lua.ts RESERVE)
//   settle    one EVALSHA: idempotent by the hold's id (the request's decision_id): end the hold,
//             count the real cost in the day's totals and per provider, model and instance
//   release   the same script without a cost
//
// A hold carries a TTL (reservationTtlMs): a live instance renews its holds in flight in one call
// every refreshIntervalMs; an instance that dies stops renewing, and its holds stop counting once
// they expire.
//
// Redis unreachable: reserve() rejects with BudgetUnavailableError (the gateway answers 503
// budget_unavailable, recorded as BLOCK). settle()/release() never reject: the ending is kept in
// an outbox and sent when Redis is back (before any new reserve is let through, so spend that is
// owed is counted before more is admitted); being idempotent, a settlement whose answer was lost
// with the connection is never counted twice.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type BudgetSnapshot,
  type ReservationOverrun,
  type ReservationOverruns,
  type SoftLimitMode,
  type SpendBucket,
} from '../../../shared/domain';
import { dayBounds, type DayBounds } from './budget-day';
import { charge, fmtUsd, toMicro, toUsd, type Charge } from './budget-money';
import type { BudgetCheck, BudgetOptions, BudgetReason, BudgetRefusal } from './budget-types';
import { systemClock, type Clock } from '../model/clock';
import { projectSpend, SpendRate } from './spend-rate';
import { errorText, RedisUnavailableError, type FleetRedis } from '../redis/redis-connection';
import { BudgetUnavailableError, type BudgetHold, type BudgetPort } from './budget-port';
import { REFRESH, RESERVE, SETTLE, SNAPSHOT } from './redis-budget-lua';
import { checkedLimits, limitStatus, percentOf } from './limit-status';

export interface RedisBudgetOptions extends BudgetOptions {
  redis: FleetRedis;
  /** How long a hold counts without being renewed (an instance that died); default 120000 ms. */
  reservationTtlMs?: number;
  /** How often live holds are renewed; default a third of the TTL; 0: never (tests). */
  refreshIntervalMs?: number;
  /** How long a settled id is remembered, so that a retried settle is not counted again; default 1 h. */
  settledMemoryMs?: number;
}

/** A day's keys are kept this long after their last write (the console reads yesterday too). */
const DAY_KEEP_MS = 3 * 86_400_000;

/** How often owed endings are resent while Redis does not take them. */
const RETRY_MS = 250;

const BUDGET_REASONS = ['OK', 'SOFT_LIMIT_EXCEEDED', 'HARD_LIMIT_EXCEEDED'] as const;
const int = z.coerce.number().int().nonnegative();

const reserveReply = z.tuple([
  z.enum(['held', 'again', 'refused', 'would_exceed']),
  z.enum(BUDGET_REASONS),
  int,
  z.coerce.number().int(),
  int,
]);
const settleReply = z.tuple([z.enum(['settled', 'released', 'duplicate']), int, int]);
const refreshReply = z.tuple([int, int]);
const flatHash = z.array(z.string()).refine((a) => a.length % 2 === 0, 'odd-length hash');
const snapshotReply = z.tuple([int, z.coerce.number().int(), int, flatHash, flatHash, flatHash, flatHash]);

export type SettleVerdict = 'settled' | 'released' | 'duplicate' | 'queued';

/** A fleet snapshot: the BudgetSnapshot the console knows, plus spend per instance. */
export interface FleetBudgetSnapshot extends BudgetSnapshot {
  instance: string;
  byInstance: Record<string, SpendBucket>;
  /** Holds live in the fleet (all instances). */
  liveHolds: number;
  /** Settlements this instance owes Redis (kept while Redis was unreachable). */
  pendingSettlements: number;
}

interface Owed {
  charge: Charge | null;
  day: string;
}

/** A flat HGETALL of `m:NAME`, `r:NAME`, `t:NAME` fields as buckets by name. */
function buckets(flat: readonly string[]): Record<string, SpendBucket> {
  const out: Record<string, SpendBucket> = {};
  for (let i = 0; i < flat.length; i += 2) {
    const field = flat[i];
    const value = Number(flat[i + 1]);
    const kind = field.slice(0, 2);
    const name = field.slice(2);
    if (!Number.isFinite(value) || (kind !== 'm:' && kind !== 'r:' && kind !== 't:')) continue;
    const b = (out[name] ??= { spendUsd: 0, requests: 0, tokens: 0 });
    if (kind === 'm:') b.spendUsd = toUsd(value);
    else if (kind === 'r:') b.requests = value;
    else b.tokens = value;
  }
  return out;
}

function hashField(flat: readonly string[], name: string): number {
  for (let i = 0; i < flat.length; i += 2) if (flat[i] === name) return Number(flat[i + 1]) || 0;
  return 0;
}

export class RedisBudget implements BudgetPort {
  readonly timeZone: string;
  readonly softLimitPct: number;
  readonly hardLimitPct: number;
  readonly softLimitMode: SoftLimitMode;
  readonly instance: string;
  private readonly limitMicro: number;
  private readonly clock: Clock;
  private readonly redis: FleetRedis;
  private readonly ttlMs: number;
  private readonly settledMemoryMs: number;
  private readonly g: { holds: string; amounts: string; reserved: string; settled: string };
  private bounds: DayBounds;
  /** This instance's holds in flight: renewed every refreshIntervalMs. */
  private readonly live = new Map<string, RedisHold>();
  /** Endings owed to Redis (it was unreachable when they happened), by hold id. */
  private readonly owed = new Map<string, Owed>();
  private flushing: Promise<void> | null = null;
  /** Retries owed endings while Redis answers nothing (a reconnect also triggers a flush). */
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly refreshTimer: NodeJS.Timeout | null;
  private readonly unsubscribeReady: () => void;
  private overruns: ReservationOverruns = { count: 0, last: null };
  private readonly listeners = new Set<() => void>();
  /** The fleet's spend rate, measured from the settled totals seen by successive snapshots (the
   * console polls them), not only from this instance's settlements. */
  private readonly rate = new SpendRate();
  private lastSeen: { day: string; micro: number } | null = null;

  constructor(opts: RedisBudgetOptions) {
    const limits = checkedLimits(opts);
    this.limitMicro = limits.limitMicro;
    this.timeZone = limits.timeZone;
    this.softLimitPct = limits.softLimitPct;
    this.hardLimitPct = limits.hardLimitPct;
    this.softLimitMode = limits.softLimitMode;
    this.ttlMs = opts.reservationTtlMs ?? 120_000;
    if (!Number.isSafeInteger(this.ttlMs) || this.ttlMs < 1)
      throw new RangeError(`reservationTtlMs must be a positive integer, got ${String(this.ttlMs)}`);
    this.settledMemoryMs = opts.settledMemoryMs ?? 3_600_000;
    if (!Number.isSafeInteger(this.settledMemoryMs) || this.settledMemoryMs < 1)
      throw new RangeError(`settledMemoryMs must be a positive integer, got ${String(this.settledMemoryMs)}`);
    this.clock = opts.clock ?? systemClock;
    this.redis = opts.redis;
    this.instance = opts.redis.instance;
    const k = (name: string): string => this.redis.key('budget', name);
    this.g = {
      holds: k('holds'),
      amounts: k('hold_amounts'),
      reserved: k('reserved'),
      settled: k('settled'),
    };
    this.bounds = dayBounds(this.clock.now(), this.timeZone);
    const every = opts.refreshIntervalMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    this.refreshTimer = every > 0 ? setInterval(() => void this.refresh().catch(() => {}), every) : null;
    this.refreshTimer?.unref();
    this.unsubscribeReady = this.redis.onReady(() => void this.flush().catch(() => {}));
  }

  get dailyLimitUsd(): number {
    return toUsd(this.limitMicro);
  }

  /** Endings (settle/release) this instance still owes Redis. */
  get pendingSettlements(): number {
    return this.owed.size;
  }

  /** Holds this instance has in flight. */
  get liveHolds(): number {
    return this.live.size;
  }

  /**
   * Holds `worstCaseUsd` fleet-wide, or refuses. `decisionId` names the hold: a reserve retried with
   * the same id holds once. Rejects with BudgetUnavailableError when Redis cannot be reached.
   */
  async reserve(worstCaseUsd: number, decisionId: string = randomUUID()): Promise<RedisHold | BudgetRefusal> {
    const micro = toMicro(worstCaseUsd, 'worst-case cost');
    if (typeof decisionId !== 'string' || decisionId === '' || decisionId.length > 200)
      throw new RangeError(`decisionId must be a non-empty string of at most 200 characters`);
    if (this.owed.size > 0) await this.flushOrFail();
    const day = this.day();
    const reply = await this.call(
      RESERVE,
      [this.g.holds, this.g.amounts, this.g.reserved, this.dayKey(day, 'totals')],
      [
        decisionId,
        String(micro),
        String(this.ttlMs),
        String(this.limitMicro),
        String(this.hardLimitPct),
        String(this.softLimitPct),
        this.softLimitMode,
      ],
      reserveReply,
    );
    const [verdict, status, spent, reserved] = reply;
    const committed = spent + reserved;
    if (verdict === 'refused' || verdict === 'would_exceed') {
      const held = `fleet spend ${fmtUsd(spent)} + reserved ${fmtUsd(reserved)}`;
      const reason: BudgetRefusal['reason'] =
        verdict === 'refused' ? this.refusalOf(status) : 'HARD_LIMIT_EXCEEDED';
      const detail =
        verdict === 'would_exceed'
          ? `${held} + worst case ${fmtUsd(micro)} would exceed the hard limit of ${this.hardLimitPct}% of the ${fmtUsd(this.limitMicro)} daily limit`
          : `${held} is ${this.pctOf(committed).toFixed(2)}% of the ${fmtUsd(this.limitMicro)} daily limit, at or over the ${reason === 'HARD_LIMIT_EXCEEDED' ? 'hard' : 'soft'} limit of ${reason === 'HARD_LIMIT_EXCEEDED' ? this.hardLimitPct : this.softLimitPct}%`;
      return { refused: true, reason, remainingPct: 100 - this.pctOf(committed), detail };
    }
    const existing = this.live.get(decisionId);
    if (existing) return existing; // 'again' from this instance: the same hold
    const hold = new RedisHold(this, decisionId, micro);
    this.live.set(decisionId, hold);
    this.rate.begin(this.clock.now());
    this.emit();
    return hold;
  }

  /** Counts a cost known without a hold (the seed's record_usage), under a new id. */
  async recordUsage(costUsd: number, tokens = 0, provider?: string, model?: string): Promise<void> {
    const c = charge(costUsd, tokens, provider, model);
    await this.end(randomUUID(), c);
  }

  async check(): Promise<BudgetCheck> {
    const s = await this.snapshot();
    const reason = s.status;
    const allowed = reason === 'OK' || (reason === 'SOFT_LIMIT_EXCEEDED' && this.softLimitMode === 'warn');
    return { allowed, remainingPct: 100 - s.percentUsed, reason };
  }

  /** The fleet's figures for today (one EVALSHA). Rejects with BudgetUnavailableError. */
  async snapshot(): Promise<FleetBudgetSnapshot> {
    const day = this.day();
    const [, reservedMicro, liveHolds, totals, provider, model, instance] = await this.call(
      SNAPSHOT,
      [
        this.g.holds,
        this.g.amounts,
        this.g.reserved,
        this.dayKey(day, 'totals'),
        this.dayKey(day, 'provider'),
        this.dayKey(day, 'model'),
        this.dayKey(day, 'instance'),
      ],
      [],
      snapshotReply,
    );
    const at = this.clock.now();
    const settled = hashField(totals, 'spent');
    this.observeRate(day, settled, at);
    const committed = settled + reservedMicro;
    const { projectedMicro, projection } = projectSpend({
      now: at,
      dayEndMs: this.bounds.endMs,
      settledMicro: settled,
      committedMicro: committed,
      softMicro: (this.softLimitPct * this.limitMicro) / 100,
      hardMicro: (this.hardLimitPct * this.limitMicro) / 100,
      rate: this.rate.measure(at),
    });
    return {
      day,
      timeZone: this.timeZone,
      dailyLimitUsd: toUsd(this.limitMicro),
      spendUsd: toUsd(settled),
      reservedUsd: toUsd(reservedMicro),
      remainingUsd: toUsd(this.limitMicro - committed),
      percentUsed: this.pctOf(committed),
      softLimitPct: this.softLimitPct,
      hardLimitPct: this.hardLimitPct,
      softLimitMode: this.softLimitMode,
      status: this.statusOf(committed),
      requests: hashField(totals, 'requests'),
      tokens: hashField(totals, 'tokens'),
      byProvider: buckets(provider),
      byModel: buckets(model),
      projectedEndOfDayUsd: toUsd(projectedMicro),
      projection,
      at,
      overruns: this.overruns,
      instance: this.instance,
      byInstance: buckets(instance),
      liveHolds,
      pendingSettlements: this.owed.size,
    };
  }

  noteOverrun(o: Omit<ReservationOverrun, 'at'>): void {
    this.overruns = { count: this.overruns.count + 1, last: { at: this.clock.now(), ...o } };
    this.emit();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Renews the expiry of this instance's holds in flight (one EVALSHA); returns how many were live. */
  async refresh(): Promise<number> {
    if (this.live.size === 0) return 0;
    const [renewed] = await this.call(
      REFRESH,
      [this.g.holds, this.g.amounts, this.g.reserved],
      [String(this.ttlMs), ...this.live.keys()],
      refreshReply,
    );
    return renewed;
  }

  /** Sends the endings owed to Redis. Rejects (BudgetUnavailableError) if it is still unreachable. */
  flush(): Promise<void> {
    if (this.owed.size === 0) return Promise.resolve();
    this.flushing ??= this.sendOwed().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops renewing holds (the connection is the caller's to close). Owed endings stay owed. */
  close(): void {
    this.closed = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.unsubscribeReady();
  }

  /** Flushes the owed endings in RETRY_MS, and again after each failure, until none are owed. */
  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush().then(
        () => {
          if (this.owed.size > 0) this.scheduleRetry();
        },
        () => this.scheduleRetry(),
      );
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  /** @internal RedisHold's one ending: counts `actual` (null: release). Never rejects. */
  async endHold(id: string, actual: Charge | null): Promise<SettleVerdict> {
    this.live.delete(id);
    try {
      return await this.end(id, actual);
    } catch (e) {
      if (!(e instanceof BudgetUnavailableError)) throw e;
      // Kept, with the day it happened on, and sent once Redis is back (idempotent by id).
      this.owed.set(id, { charge: actual, day: this.day() });
      this.scheduleRetry();
      return 'queued';
    }
  }

  private async end(id: string, actual: Charge | null, day = this.day()): Promise<SettleVerdict> {
    const c = actual;
    const [verdict] = await this.call(
      SETTLE,
      [
        this.g.holds,
        this.g.amounts,
        this.g.reserved,
        this.g.settled,
        this.dayKey(day, 'totals'),
        this.dayKey(day, 'provider'),
        this.dayKey(day, 'model'),
        this.dayKey(day, 'instance'),
      ],
      [
        id,
        c ? String(c.micro) : '',
        c ? String(c.tokens) : '0',
        c ? c.provider : '',
        c ? c.model : '',
        this.instance,
        String(this.settledMemoryMs),
        String(DAY_KEEP_MS),
      ],
      settleReply,
    );
    this.emit();
    return verdict;
  }

  private async sendOwed(): Promise<void> {
    // In order, one at a time: the first failure stops the flush (Redis is still away).
    for (const [id, o] of [...this.owed]) {
      await this.end(id, o.charge, o.day);
      this.owed.delete(id);
    }
  }

  private async flushOrFail(): Promise<void> {
    try {
      await this.flush();
    } catch (e) {
      throw e instanceof BudgetUnavailableError
        ? e
        : new BudgetUnavailableError(`owed settlements not sent: ${errorText(e)}`, { cause: e });
    }
  }

  private async call<T extends z.ZodType>(
    script: Parameters<FleetRedis['run']>[0],
    keys: string[],
    args: string[],
    reply: T,
  ): Promise<z.output<T>> {
    let raw: unknown;
    try {
      raw = await this.redis.run(script, keys, args);
    } catch (e) {
      const why = e instanceof RedisUnavailableError ? e.message : errorText(e);
      throw new BudgetUnavailableError(why, { cause: e });
    }
    const parsed = reply.safeParse(raw);
    if (!parsed.success)
      throw new BudgetUnavailableError(
        `unexpected reply from ${script.name}: ${JSON.stringify(raw)?.slice(0, 200)} (${parsed.error.message})`,
      );
    return parsed.data;
  }

  private observeRate(day: string, settledMicro: number, at: number): void {
    if (!this.lastSeen || this.lastSeen.day !== day) {
      this.lastSeen = { day, micro: settledMicro };
      return;
    }
    // The whole fleet's settlements since the last snapshot, this instance's included.
    const delta = settledMicro - this.lastSeen.micro;
    this.lastSeen.micro = settledMicro;
    if (delta > 0) this.rate.add(at, delta);
  }

  /** Today's name (YYYY-MM-DD in the time zone), rolling at the day's end (never backwards). */
  private day(): string {
    const now = this.clock.now();
    if (now >= this.bounds.endMs) {
      this.bounds = dayBounds(now, this.timeZone);
      this.rate.reset();
      this.lastSeen = null;
    }
    return this.bounds.day;
  }

  private dayKey(day: string, what: 'totals' | 'provider' | 'model' | 'instance'): string {
    return this.redis.key('budget', 'day', day, what);
  }

  private refusalOf(status: BudgetReason): BudgetRefusal['reason'] {
    return status === 'SOFT_LIMIT_EXCEEDED' ? 'SOFT_LIMIT_EXCEEDED' : 'HARD_LIMIT_EXCEEDED';
  }

  private pctOf(micro: number): number {
    return percentOf(micro, this.limitMicro);
  }

  private statusOf(micro: number): BudgetReason {
    return limitStatus(micro, this.limitMicro, this.softLimitPct, this.hardLimitPct);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A faulty listener must neither break accounting nor starve the other listeners.
      }
    }
  }
}

/** One fleet hold: the first settle() or release() ends it (synchronously marked, sent async). */
export class RedisHold implements BudgetHold {
  readonly amountUsd: number;
  private ending: Promise<SettleVerdict> | null = null;

  constructor(
    private readonly budget: RedisBudget,
    readonly id: string,
    readonly micro: number,
  ) {
    this.amountUsd = toUsd(micro);
  }

  /** Counts the real cost; resolves 'settled', 'duplicate' or 'queued' (Redis away: sent later). */
  settle(actualCostUsd: number, tokens: number, provider: string, model: string): Promise<SettleVerdict> {
    if (this.ending) return this.ending;
    const actual = charge(actualCostUsd, tokens, provider, model, 'actual cost');
    this.ending = this.budget.endHold(this.id, actual);
    return this.ending;
  }

  release(): Promise<SettleVerdict> {
    if (this.ending) return this.ending;
    this.ending = this.budget.endHold(this.id, null);
    return this.ending;
  }
}
