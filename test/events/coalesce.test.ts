import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer, keyBySession } from '../../electron/events/coalesce';

describe('createCoalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits the first event at once', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit });
    c.push('budget:changed', 1);
    expect(emit).toHaveBeenCalledWith('budget:changed', 1);
  });

  it('keeps a flood to at most ~10 per second per event, latest payload, final state delivered', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit, intervalMs: 100 });
    // 10,000 events over 2 seconds: one every 0.2 ms.
    for (let i = 1; i <= 10_000; i++) {
      c.push('budget:changed', i);
      vi.advanceTimersByTime(0.2);
    }
    vi.advanceTimersByTime(1000);
    const payloads = emit.mock.calls.map((call) => call[1] as number);
    expect(payloads.length).toBeLessThanOrEqual(22);
    expect(payloads.length).toBeGreaterThanOrEqual(19);
    expect(payloads.at(-1)).toBe(10_000);
    // strictly increasing: never an older payload after a newer one
    expect([...payloads].sort((a, b) => a - b)).toEqual(payloads);
  });

  it('guarantees the trailing edge when the last event falls inside the interval', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit, intervalMs: 100 });
    c.push('e', 'a');
    c.push('e', 'b');
    c.push('e', 'c');
    expect(emit.mock.calls).toEqual([['e', 'a']]);
    vi.advanceTimersByTime(99);
    expect(emit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(emit.mock.calls).toEqual([
      ['e', 'a'],
      ['e', 'c'],
    ]);
    vi.advanceTimersByTime(1000);
    expect(emit).toHaveBeenCalledTimes(2);
  });

  it('spaces emissions by at least the interval', () => {
    const times: number[] = [];
    const c = createCoalescer({ emit: () => times.push(Date.now()), intervalMs: 100 });
    for (let i = 0; i < 500; i++) {
      c.push('e', i);
      vi.advanceTimersByTime(3);
    }
    vi.advanceTimersByTime(200);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('coalesces each event name independently', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit });
    c.push('a', 1);
    c.push('b', 1);
    c.push('a', 2);
    c.push('b', 2);
    expect(emit.mock.calls).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    vi.advanceTimersByTime(100);
    expect(emit.mock.calls.slice(2)).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('keeps one slot per session with keyBySession', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit, keyOf: keyBySession });
    c.push('ledger:progress', { sessionId: 's1', n: 1 });
    c.push('ledger:progress', { sessionId: 's2', n: 1 });
    c.push('ledger:progress', { sessionId: 's1', n: 2 });
    c.push('ledger:progress', { sessionId: 's2', n: 2 });
    vi.advanceTimersByTime(100);
    expect(emit.mock.calls.map((call) => call[1])).toEqual([
      { sessionId: 's1', n: 1 },
      { sessionId: 's2', n: 1 },
      { sessionId: 's1', n: 2 },
      { sessionId: 's2', n: 2 },
    ]);
  });

  it('flush emits pending events now; dispose drops them', () => {
    const emit = vi.fn();
    const c = createCoalescer({ emit });
    c.push('e', 1);
    c.push('e', 2);
    c.flush();
    expect(emit).toHaveBeenLastCalledWith('e', 2);
    c.push('e', 3);
    c.dispose();
    vi.advanceTimersByTime(1000);
    c.push('e', 4);
    expect(emit).toHaveBeenCalledTimes(2);
  });
});
