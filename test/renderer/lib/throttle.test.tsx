import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../renderer/src/lib/throttle';

describe('throttle: at most one run per interval for a burst of calls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once for the first call, then once more after the interval for a burst', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500, () => Date.now());
    t.call();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) t.call();
    vi.advanceTimersByTime(499);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2); // the burst's calls end in one run, after them
  });

  it('cancel drops the pending run', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500, () => Date.now());
    t.call();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
