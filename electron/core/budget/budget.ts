// Daily spend limit: the seed's BudgetTracker, with calendar days in a time zone, reservations for
// in-flight requests, per-provider/model buckets, and spend kept in integer micro-dollars (no drift).
import {
  type BudgetSnapshot,
  type ReservationOverrun,
  type ReservationOverruns,
  type SoftLimitMode,
} from '../../../shared/domain';
import { dayBounds, type DayBounds } from './budget-day';
import { systemClock, type Clock } from '../model/clock';
import { addTo, type Charge, charge, exportBuckets, fmtUsd, noSpend, toMicro, toUsd } from './budget-money';
import { projectSpend, SpendRate } from './spend-rate';

export type {
  BudgetOptions,
  BudgetReason,
  BudgetCheck,
  BudgetUsage,
  Reservation,
  BudgetRefusal,
} from './budget-types';
import type {
  BudgetOptions,
  BudgetCheck,
  BudgetReason,
  BudgetUsage,
  Reservation,
  BudgetRefusal,
} from './budget-types';
import { checkedLimits, limitStatus, percentOf } from './limit-status';

export { UNKNOWN_LABEL } from './budget-money';

export class BudgetTracker {
  readonly timeZone: string;
  readonly softLimitPct: number;
  readonly hardLimitPct: number;
  readonly softLimitMode: SoftLimitMode;
  private readonly limitMicro: number;
  private readonly clock: Clock;
  private bounds: DayBounds;
  private today = noSpend();
  private reservedMicro = 0;
  private readonly rate = new SpendRate();
  private nextId = 1;
  private overruns: ReservationOverruns = { count: 0, last: null };
  private readonly listeners = new Set<() => void>();

  constructor(opts: BudgetOptions) {
    const limits = checkedLimits(opts);
    this.limitMicro = limits.limitMicro;
    this.timeZone = limits.timeZone;
    this.softLimitPct = limits.softLimitPct;
    this.hardLimitPct = limits.hardLimitPct;
    this.softLimitMode = limits.softLimitMode;
    this.clock = opts.clock ?? systemClock;
    this.bounds = dayBounds(this.clock.now(), this.timeZone);
  }

  get dailyLimitUsd(): number {
    return toUsd(this.limitMicro);
  }

  /** The seed's check_budget, on settled spend plus what in-flight requests hold (`warn`: soft is allowed). */
  check(): BudgetCheck {
    this.roll();
    const committed = this.settledMicro + this.reservedMicro;
    const reason = this.statusOf(committed);
    return { allowed: this.admits(reason), remainingPct: 100 - this.pctOf(committed), reason };
  }

  /** Whether a status lets new requests in: OK always; the soft limit only in `warn` mode. */
  private admits(status: BudgetReason): boolean {
    return status === 'OK' || (status === 'SOFT_LIMIT_EXCEEDED' && this.softLimitMode === 'warn');
  }

  /** The seed's record_usage: counts a request whose cost is already known. */
  recordUsage(costUsd: number, tokens = 0, provider?: string, model?: string): void {
    const c = charge(costUsd, tokens, provider, model);
    this.roll();
    this.apply(c);
    this.emit();
  }

  /** Hold `worstCaseUsd` for a request about to be made, or refuse it. Synchronous, hence atomic. */
  reserve(worstCaseUsd: number): Reservation | BudgetRefusal {
    const micro = toMicro(worstCaseUsd, 'worst-case cost');
    this.roll();
    const committed = this.settledMicro + this.reservedMicro;
    const status = this.statusOf(committed);
    // Refusal texts are built only when refusing (no closures either): this runs on every request.
    if (status !== 'OK' && !this.admits(status)) {
      const limitPct = status === 'HARD_LIMIT_EXCEEDED' ? this.hardLimitPct : this.softLimitPct;
      const which = status === 'HARD_LIMIT_EXCEEDED' ? 'hard' : 'soft';
      const detail = `${this.heldText()} is ${this.pctOf(committed).toFixed(2)}% of the ${fmtUsd(this.limitMicro)} daily limit, at or over the ${which} limit of ${limitPct}%`;
      return { refused: true, reason: status, remainingPct: 100 - this.pctOf(committed), detail };
    }
    if ((committed + micro) * 100 > this.hardLimitPct * this.limitMicro) {
      const detail = `${this.heldText()} + worst case ${fmtUsd(micro)} would exceed the hard limit of ${this.hardLimitPct}% of the ${fmtUsd(this.limitMicro)} daily limit`;
      return {
        refused: true,
        reason: 'HARD_LIMIT_EXCEEDED',
        remainingPct: 100 - this.pctOf(committed),
        detail,
      };
    }
    this.reservedMicro += micro;
    this.rate.begin(this.clock.now());
    this.emit();
    return new Hold(this, this.nextId++, micro);
  }

  /** @internal A hold ends (Hold makes sure it ends once): frees it and counts the actual charge. */
  endHold(micro: number, actual: Charge | null): void {
    this.roll();
    this.reservedMicro -= micro;
    if (actual) this.apply(actual);
    this.emit();
  }

  /**
   * A settled request cost more than its hold (settle() already counted the real cost): kept for
   * the snapshot, whose `overruns` the console raises an alert on.
   */
  noteOverrun(o: Omit<ReservationOverrun, 'at'>): void {
    this.overruns = { count: this.overruns.count + 1, last: { at: this.clock.now(), ...o } };
    this.emit();
  }

  /** What is spent and held, for refusal texts. */
  private heldText(): string {
    return `spend ${fmtUsd(this.settledMicro)} + reserved ${fmtUsd(this.reservedMicro)}`;
  }

  getUsage(): BudgetUsage {
    this.roll();
    return {
      dailyLimitUsd: toUsd(this.limitMicro),
      currentSpendUsd: toUsd(this.settledMicro),
      requestsCount: this.today.all.requests,
      tokensUsed: this.today.all.tokens,
      lastReset: this.bounds.startMs,
      percentUsed: this.pctOf(this.settledMicro),
      remainingUsd: toUsd(this.limitMicro - this.settledMicro),
    };
  }

  /** percentUsed, remainingUsd and status count reserved money too, like check(). */
  snapshot(): BudgetSnapshot {
    this.roll();
    const at = this.clock.now();
    const committed = this.settledMicro + this.reservedMicro;
    const { projectedMicro, projection } = projectSpend({
      now: at,
      dayEndMs: this.bounds.endMs,
      settledMicro: this.settledMicro,
      committedMicro: committed,
      softMicro: (this.softLimitPct * this.limitMicro) / 100,
      hardMicro: (this.hardLimitPct * this.limitMicro) / 100,
      rate: this.rate.measure(at),
    });
    return {
      day: this.bounds.day,
      timeZone: this.timeZone,
      dailyLimitUsd: toUsd(this.limitMicro),
      spendUsd: toUsd(this.settledMicro),
      reservedUsd: toUsd(this.reservedMicro),
      remainingUsd: toUsd(this.limitMicro - committed),
      percentUsed: this.pctOf(committed),
      softLimitPct: this.softLimitPct,
      hardLimitPct: this.hardLimitPct,
      softLimitMode: this.softLimitMode,
      status: this.statusOf(committed),
      requests: this.today.all.requests,
      tokens: this.today.all.tokens,
      byProvider: exportBuckets(this.today.byProvider),
      byModel: exportBuckets(this.today.byModel),
      projectedEndOfDayUsd: toUsd(projectedMicro),
      projection,
      at,
      overruns: this.overruns,
    };
  }

  /**
   * Rebuild today's settled spend from the ledger after a restart. Replaces settled spend (so it is
   * idempotent); reservations in flight are kept; entries outside today are ignored. All entries are
   * validated before anything changes.
   */
  restore(
    entries: Iterable<{ at: number; costUsd: number; tokens: number; provider?: string; model?: string }>,
  ): void {
    const parsed: { at: number; charge: Charge }[] = [];
    let i = 0;
    for (const e of entries) {
      try {
        if (typeof e.at !== 'number' || !Number.isFinite(e.at)) {
          throw new RangeError(`at must be a finite epoch ms, got ${String(e.at)}`);
        }
        parsed.push({ at: e.at, charge: charge(e.costUsd, e.tokens, e.provider, e.model, 'costUsd') });
      } catch (err) {
        throw new RangeError(`restore entry ${i}: ${(err as Error).message}`);
      }
      i += 1;
    }
    this.roll();
    this.today = noSpend();
    this.rate.reset();
    parsed.sort((a, b) => a.at - b.at);
    for (const e of parsed) {
      if (e.at >= this.bounds.startMs && e.at < this.bounds.endMs) this.apply(e.charge, e.at);
    }
    this.emit();
  }

  /** Calls `listener` after any change of spend or reservations; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private pctOf(micro: number): number {
    return percentOf(micro, this.limitMicro);
  }

  private statusOf(micro: number): BudgetReason {
    return limitStatus(micro, this.limitMicro, this.softLimitPct, this.hardLimitPct);
  }

  private get settledMicro(): number {
    return this.today.all.micro;
  }

  /** Counts a settled charge, made at `at` (now by default) for the spend rate. */
  private apply(c: Charge, at = this.clock.now()): void {
    this.rate.add(at, c.micro);
    const { all, byProvider, byModel } = this.today;
    addTo(all, c);
    byProvider.set(c.provider, addTo(byProvider.get(c.provider) ?? { micro: 0, requests: 0, tokens: 0 }, c));
    byModel.set(c.model, addTo(byModel.get(c.model) ?? { micro: 0, requests: 0, tokens: 0 }, c));
  }

  /** Start a new budget day once the clock reaches the end of the current one (never backwards). */
  private roll(): void {
    const now = this.clock.now();
    if (now < this.bounds.endMs) return;
    this.bounds = dayBounds(now, this.timeZone);
    this.today = noSpend();
    this.rate.reset();
    this.emit();
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

/** One reservation: the first settle() or release() ends the hold; later calls do nothing. */
class Hold implements Reservation {
  readonly amountUsd: number;
  private done = false;

  constructor(
    private readonly tracker: BudgetTracker,
    readonly id: number,
    private readonly micro: number,
  ) {
    this.amountUsd = toUsd(micro);
  }

  settle(actualCostUsd: number, tokens: number, provider: string, model: string): void {
    if (this.done) return;
    const actual = charge(actualCostUsd, tokens, provider, model, 'actual cost');
    this.done = true;
    this.tracker.endHold(this.micro, actual);
  }

  release(): void {
    if (this.done) return;
    this.done = true;
    this.tracker.endHold(this.micro, null);
  }
}
