// The recent spend rate behind the end-of-day projection, and when the limits fall at that rate.
// Settled spend is kept per second in a ring that holds at most one hour (3,600 slots, whatever the
// request rate), plus the instant today's spending began. The rate is measured over the last hour,
// or since the first request today when that is shorter, so an app started mid-day projects from
// what is being spent now, not from today's total spread over the hours since midnight.
import type { LimitEta, SpendProjection } from '../../../shared/domain';

export const RATE_WINDOW_MS = 3_600_000;
/** A rate measured over less than this is measured over this instead (one early request is no trend). */
export const MIN_RATE_WINDOW_MS = 60_000;
const SLOT_MS = 1000;
const SLOTS = RATE_WINDOW_MS / SLOT_MS;

export interface RateMeasure {
  basis: SpendProjection['basis'];
  windowStartMs: number;
  /** Micro-dollars per millisecond. */
  microPerMs: number;
}

export class SpendRate {
  private readonly slotAt = new Float64Array(SLOTS);
  private readonly slotMicro = new Float64Array(SLOTS);
  /** Index of the oldest slot. */
  private head = 0;
  private count = 0;
  private firstAt: number | null = null;

  /** Today's spending began no later than `at` (a request was admitted then). */
  begin(at: number): void {
    if (this.firstAt === null || at < this.firstAt) this.firstAt = at;
  }

  /** `micro` was settled at `at`. A clock that steps back adds to the newest slot. */
  add(at: number, micro: number): void {
    this.begin(at);
    if (micro <= 0) return;
    const slot = Math.floor(at / SLOT_MS) * SLOT_MS;
    if (this.count > 0) {
      const newest = (this.head + this.count - 1) % SLOTS;
      if (this.slotAt[newest] >= slot) {
        this.slotMicro[newest] += micro;
        return;
      }
    }
    if (this.count === SLOTS) {
      // Full: 3,600 distinct seconds, so the oldest is an hour old.
      this.head = (this.head + 1) % SLOTS;
      this.count -= 1;
    }
    const i = (this.head + this.count) % SLOTS;
    this.slotAt[i] = slot;
    this.slotMicro[i] = micro;
    this.count += 1;
  }

  /** A new budget day: nothing spent, nothing begun. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.firstAt = null;
  }

  /** Slots held (for tests of the memory bound). */
  get size(): number {
    return this.count;
  }

  /** The rate at `now`: over the last hour, or since the first request today when that is shorter. */
  measure(now: number): RateMeasure {
    const hourAgo = now - RATE_WINDOW_MS;
    while (this.count > 0 && this.slotAt[this.head] < hourAgo) {
      this.head = (this.head + 1) % SLOTS;
      this.count -= 1;
    }
    if (this.firstAt === null) return { basis: 'no_data', windowStartMs: now, microPerMs: 0 };
    const sinceFirst = this.firstAt > hourAgo;
    const windowStartMs = sinceFirst ? this.firstAt : hourAgo;
    let micro = 0;
    for (let k = 0; k < this.count; k++) micro += this.slotMicro[(this.head + k) % SLOTS];
    const windowMs = Math.max(now - windowStartMs, MIN_RATE_WINDOW_MS);
    return {
      basis: sinceFirst ? 'since_first_request' : 'last_hour',
      windowStartMs,
      microPerMs: micro / windowMs,
    };
  }
}

export interface ProjectionInput {
  now: number;
  dayEndMs: number;
  settledMicro: number;
  /** Settled plus reserved: what the limits are checked against. */
  committedMicro: number;
  softMicro: number;
  hardMicro: number;
  rate: RateMeasure;
}

function etaOf(limitMicro: number, p: ProjectionInput): LimitEta {
  if (p.committedMicro >= limitMicro) return { kind: 'reached' };
  if (p.rate.microPerMs <= 0) return { kind: 'not_today' };
  const at = Math.ceil(p.now + (limitMicro - p.committedMicro) / p.rate.microPerMs);
  return at < p.dayEndMs ? { kind: 'at', at } : { kind: 'not_today' };
}

/** Today's spend plus the rate until the end of the day, and when each limit falls at that rate. */
export function projectSpend(p: ProjectionInput): { projectedMicro: number; projection: SpendProjection } {
  const left = Math.max(0, p.dayEndMs - p.now);
  return {
    projectedMicro: Math.round(p.settledMicro + p.rate.microPerMs * left),
    projection: {
      basis: p.rate.basis,
      windowStartMs: p.rate.windowStartMs,
      usdPerHour: (p.rate.microPerMs * RATE_WINDOW_MS) / 1_000_000,
      softLimit: etaOf(p.softMicro, p),
      hardLimit: etaOf(p.hardMicro, p),
      dayEndMs: p.dayEndMs,
    },
  };
}
