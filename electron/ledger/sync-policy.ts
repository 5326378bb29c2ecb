// Where a group commit's fdatasync runs. Inline on the event loop it costs no thread-pool round
// trip (two thread wake-ups: at 1,000 req/s on our 2-vCPU VM, ~0.1 ms of the gateway's median
// added latency and ~60 µs of CPU per request), but the loop waits for the disk meanwhile, and so
// does every other request (the bench measured no better p99); in libuv's thread pool the loop runs
// on. So: inline only while the disk has proven fast — the last `window` syncs each took at most
// `inlineLimitMs` — and in the pool otherwise. One slow sync sends the next `window` syncs to the
// pool, so a disk that turns slow stalls the loop at most once before the writer stops waiting for
// it there. Electron's main process never syncs inline (app/embedded-core.ts).

export interface SyncPolicyOptions {
  /** Longest sync that still counts as fast, ms; 0 never syncs inline. Default 1. */
  inlineLimitMs?: number;
  /** Consecutive fast syncs needed before syncing inline. Default 32. */
  window?: number;
}

export class SyncPolicy {
  private readonly limitMs: number;
  private readonly window: number;
  /** Consecutive syncs at most limitMs long, up to `window`. */
  private fastStreak = 0;

  constructor(opts: SyncPolicyOptions = {}) {
    this.limitMs = opts.inlineLimitMs ?? 1;
    this.window = Math.max(1, opts.window ?? 32);
    if (!(this.limitMs >= 0)) throw new RangeError(`inlineLimitMs must be ≥ 0, got ${opts.inlineLimitMs}`);
  }

  /** True when the next sync should run on the event loop. */
  inline(): boolean {
    return this.limitMs > 0 && this.fastStreak >= this.window;
  }

  /** Records how long a sync took (wherever it ran), ms. */
  record(ms: number): void {
    this.fastStreak = ms <= this.limitMs ? Math.min(this.window, this.fastStreak + 1) : 0;
  }

  /**
   * Records a sync known only to have taken at most `ms` (it ran while the loop was busy with
   * other work): fast when that bound is; no evidence either way when it is not.
   */
  recordAtMost(ms: number): void {
    if (ms <= this.limitMs) this.record(ms);
  }
}
