// Time source for the core: everything that reads the time takes a Clock, so tests can drive it.

/** A source of the current time, in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for tests and deterministic demos. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(startMs: number | string = 0) {
    this.ms = ManualClock.toMs(startMs);
  }

  now(): number {
    return this.ms;
  }

  /** Move forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms))
      throw new RangeError(`ManualClock.advance: ms must be a finite number, got ${ms}`);
    this.ms += ms;
  }

  /** Jump to an instant: epoch ms or an ISO-8601 string. */
  set(at: number | string): void {
    this.ms = ManualClock.toMs(at);
  }

  private static toMs(at: number | string): number {
    const ms = typeof at === 'string' ? Date.parse(at) : at;
    if (!Number.isFinite(ms)) throw new RangeError(`ManualClock: not a valid instant: ${String(at)}`);
    return ms;
  }
}
