import { describe, expect, it } from 'vitest';
import type { BreakerTransition } from '../../../shared/domain';
import {
  CircuitBreaker,
  CircuitBreakerOpenError,
  HALF_OPEN_BUSY_RETRY_MS,
  type Permit,
} from '../../../electron/core/breakers/breaker';
import { BreakerRegistry } from '../../../electron/core/breakers/breaker-registry';
import { ManualClock } from '../../../electron/core/model/clock';

const fail = async (): Promise<never> => {
  throw new Error('fail');
};
const succeed = async (): Promise<string> => 'success';

type Granted = Extract<Permit, { ok: true }>;
type Refused = Extract<Permit, { ok: false }>;

function granted(p: Permit): Granted {
  if (!p.ok) throw new Error(`expected a permit, got a refusal (${p.reason})`);
  return p;
}

function refused(p: Permit): Refused {
  if (p.ok) throw new Error('expected a refusal, got a permit');
  return p;
}

async function trip(cb: CircuitBreaker, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await expect(cb.call(fail)).rejects.toThrow('fail');
}

describe('CircuitBreaker: the seed tests', () => {
  it('passes a successful call through and stays closed', async () => {
    const cb = new CircuitBreaker('openai', { failureThreshold: 3 });
    await expect(cb.call(succeed)).resolves.toBe('success');
    expect(cb.state).toBe('closed');
  });

  it('opens after failureThreshold failures, then refuses with CircuitBreakerOpenError', async () => {
    const cb = new CircuitBreaker('openai', { failureThreshold: 3 });
    await trip(cb, 3);
    expect(cb.state).toBe('open');
    await expect(cb.call(fail)).rejects.toBeInstanceOf(CircuitBreakerOpenError);
  });

  it('recovers through half_open after the timeout (fake clock instead of sleep)', async () => {
    const clock = new ManualClock(1_000_000);
    const cb = new CircuitBreaker('openai', {
      failureThreshold: 2,
      timeoutMs: 1000,
      successThreshold: 2,
      clock,
    });
    await trip(cb, 2);
    expect(cb.state).toBe('open');
    clock.advance(1100);
    await expect(cb.call(succeed)).resolves.toBe('success');
    expect(cb.state).toBe('half_open');
    await cb.call(succeed);
    expect(cb.state).toBe('closed');
  });
});

describe('CircuitBreaker: state machine details', () => {
  it('waits strictly longer than the timeout, and says how long is left', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker('p', { failureThreshold: 1, timeoutMs: 1000, clock });
    await trip(cb, 1);
    clock.advance(400);
    expect(refused(cb.acquire())).toEqual({ ok: false, reason: 'open', retryAfterMs: 601 });
    expect(cb.snapshot().retryAfterMs).toBe(601);
    clock.advance(600); // exactly the timeout: the seed's `>` still refuses
    expect(refused(cb.acquire()).retryAfterMs).toBe(1);
    expect(cb.state).toBe('open');
    clock.advance(1);
    granted(cb.acquire());
    expect(cb.state).toBe('half_open');
  });

  it('counts only consecutive failures in closed', async () => {
    const cb = new CircuitBreaker('p', { failureThreshold: 3 });
    await trip(cb, 2);
    await cb.call(succeed);
    await trip(cb, 2);
    expect(cb.state).toBe('closed');
    expect(cb.snapshot().consecutiveFailures).toBe(2);
    await trip(cb, 1);
    expect(cb.state).toBe('open');
  });

  it('reopens on a failed trial and restarts the timeout', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker('p', { failureThreshold: 1, timeoutMs: 1000, clock });
    await trip(cb, 1);
    clock.advance(1001);
    granted(cb.acquire()).failure('still down');
    expect(cb.state).toBe('open');
    clock.advance(1000);
    expect(refused(cb.acquire()).reason).toBe('open');
    clock.advance(1);
    granted(cb.acquire());
  });

  it('lets at most halfOpenMaxCalls trials through at a time', async () => {
    const clock = new ManualClock(0);
    const one = new CircuitBreaker('one', { failureThreshold: 1, timeoutMs: 10, successThreshold: 3, clock });
    await trip(one, 1);
    clock.advance(11);
    const trial = granted(one.acquire());
    expect(refused(one.acquire())).toEqual({
      ok: false,
      reason: 'half_open_busy',
      retryAfterMs: HALF_OPEN_BUSY_RETRY_MS,
    });
    trial.success();
    granted(one.acquire());

    const two = new CircuitBreaker('two', { failureThreshold: 1, timeoutMs: 10, halfOpenMaxCalls: 2, clock });
    await trip(two, 1);
    clock.advance(11);
    granted(two.acquire());
    granted(two.acquire());
    expect(refused(two.acquire()).reason).toBe('half_open_busy');
    expect(two.snapshot().totalRejected).toBe(1);
    await expect(two.call(succeed)).rejects.toMatchObject({ reason: 'half_open_busy', provider: 'two' });
  });

  it('counts a permit once however often it is reported', () => {
    const cb = new CircuitBreaker('p', { failureThreshold: 2 });
    const a = granted(cb.acquire());
    a.failure('x');
    a.failure('x');
    a.success();
    expect(cb.state).toBe('closed');
    expect(cb.snapshot()).toMatchObject({ consecutiveFailures: 1, totalFailures: 1, totalSuccesses: 0 });
    const b = granted(cb.acquire());
    b.success();
    b.success();
    expect(cb.snapshot()).toMatchObject({ consecutiveFailures: 0, totalFailures: 1, totalSuccesses: 1 });
  });

  it('does not let a report from before a transition steer the new state', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker('p', { failureThreshold: 2, timeoutMs: 10, successThreshold: 1, clock });
    const early = granted(cb.acquire());
    const lateFailure = granted(cb.acquire());
    await trip(cb, 2);
    early.success(); // started while closed: not a trial success
    expect(cb.state).toBe('open');
    clock.advance(11);
    const trial = granted(cb.acquire());
    lateFailure.failure('old timeout'); // started while closed: must not reopen half_open
    expect(cb.state).toBe('half_open');
    trial.success();
    expect(cb.state).toBe('closed');
    expect(cb.snapshot()).toMatchObject({ totalSuccesses: 2, totalFailures: 3 });
  });

  it('records every transition with its cause, bounded to maxTransitions', async () => {
    const clock = new ManualClock(5000);
    const cb = new CircuitBreaker('p', { failureThreshold: 2, timeoutMs: 100, clock });
    await trip(cb, 1);
    await expect(cb.call(async () => Promise.reject(new Error('HTTP 503')))).rejects.toThrow();
    clock.advance(101);
    await expect(cb.call(async () => Promise.reject(new Error('ECONNRESET')))).rejects.toThrow();
    clock.advance(101);
    await cb.call(succeed);
    await cb.call(succeed);
    cb.forceOpen('alice', 'provider incident');
    cb.reset('bob', 'incident over');
    const causes = cb.snapshot().transitions.map((t) => `${t.from}>${t.to}: ${t.cause}`);
    expect(causes).toEqual([
      'closed>open: 2 consecutive failures: HTTP 503',
      'open>half_open: timeout elapsed',
      'half_open>open: trial failed: ECONNRESET',
      'open>half_open: timeout elapsed',
      'half_open>closed: 2 trial successes',
      'closed>open: forced open by alice: provider incident',
      'open>closed: operator reset by bob: incident over',
    ]);
    expect(cb.snapshot().transitions.map((t) => t.at)).toEqual([5000, 5101, 5101, 5202, 5202, 5202, 5202]);

    const small = new CircuitBreaker('q', { maxTransitions: 2 });
    small.forceOpen('a', '1');
    small.reset('a', '2');
    small.forceOpen('a', '3');
    expect(small.snapshot().transitions.map((t) => t.cause)).toEqual([
      'operator reset by a: 2',
      'forced open by a: 3',
    ]);
  });

  it('says from when its history is known: creation, then the newest transition it dropped', () => {
    const clock = new ManualClock(1000);
    const cb = new CircuitBreaker('p', { maxTransitions: 2, clock });
    expect(cb.snapshot().observedSince).toBe(1000);
    clock.advance(10);
    cb.forceOpen('a', '1'); // at 1010
    clock.advance(10);
    cb.reset('a', '2'); // at 1020
    expect(cb.snapshot().observedSince).toBe(1000);
    clock.advance(10);
    cb.forceOpen('a', '3'); // at 1030: the transition at 1010 is dropped
    expect(cb.snapshot().observedSince).toBe(1010);
    expect(cb.snapshot().transitions.map((t) => t.at)).toEqual([1020, 1030]);
  });

  it('stays forced open past any timeout until reset', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker('p', { timeoutMs: 1000, clock });
    cb.forceOpen('ops', 'maintenance');
    clock.advance(10 * 1000);
    expect(refused(cb.acquire())).toEqual({ ok: false, reason: 'forced_open', retryAfterMs: 1000 });
    expect(cb.snapshot()).toMatchObject({
      state: 'open',
      forcedOpen: true,
      retryAfterMs: null,
      totalRejected: 1,
    });
    const err = await cb.call(succeed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CircuitBreakerOpenError);
    expect(err).toMatchObject({
      name: 'CircuitBreakerOpenError',
      provider: 'p',
      reason: 'forced_open',
      retryAfterMs: 1000,
    });
    cb.reset('ops', 'done');
    expect(cb.snapshot()).toMatchObject({
      state: 'closed',
      forcedOpen: false,
      consecutiveFailures: 0,
      retryAfterMs: null,
    });
    await expect(cb.call(succeed)).resolves.toBe('success');
  });

  it('refuses reset/forceOpen without who and why', () => {
    const cb = new CircuitBreaker('p');
    expect(() => cb.reset('', 'why')).toThrow(/reset needs a non-empty 'who'/);
    expect(() => cb.reset('me', '  ')).toThrow(/reset needs a non-empty 'why'/);
    expect(() => cb.forceOpen(' ', 'why')).toThrow(/forceOpen needs a non-empty 'who'/);
    expect(() => cb.forceOpen('me', '')).toThrow(/forceOpen needs a non-empty 'why'/);
    expect(cb.snapshot().transitions).toEqual([]);
  });

  it('gives each kind of bad option a clear error', () => {
    expect(() => new CircuitBreaker('')).toThrow(/provider must be a non-empty string/);
    expect(() => new CircuitBreaker('p', { failureThreshold: 0 })).toThrow(
      /failureThreshold must be a positive integer, got 0/,
    );
    expect(() => new CircuitBreaker('p', { failureThreshold: 2.5 })).toThrow(
      /failureThreshold must be a positive integer/,
    );
    expect(() => new CircuitBreaker('p', { successThreshold: Number.NaN })).toThrow(
      /successThreshold must be a positive integer, got NaN/,
    );
    expect(() => new CircuitBreaker('p', { halfOpenMaxCalls: -1 })).toThrow(
      /halfOpenMaxCalls must be a positive integer/,
    );
    expect(() => new CircuitBreaker('p', { maxTransitions: 0 })).toThrow(
      /maxTransitions must be a positive integer/,
    );
    expect(() => new CircuitBreaker('p', { timeoutMs: -1 })).toThrow(
      /timeoutMs must be a finite number >= 0, got -1/,
    );
    expect(() => new CircuitBreaker('p', { timeoutMs: Infinity })).toThrow(
      /timeoutMs must be a finite number/,
    );
  });

  it('treats a synchronous throw or a non-Error rejection as a failure and rethrows it', async () => {
    const cb = new CircuitBreaker('p', { failureThreshold: 2 });
    const sync = (): Promise<never> => {
      throw new Error('sync boom');
    };
    await expect(cb.call(sync)).rejects.toThrow('sync boom');
    await expect(cb.call(() => Promise.reject('plain string'))).rejects.toBe('plain string');
    expect(cb.snapshot().transitions[0]?.cause).toBe('2 consecutive failures: plain string');
  });

  it('reports snapshots and notifies transition listeners', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker('p', { failureThreshold: 1, timeoutMs: 50, clock });
    const seen: [BreakerTransition, string][] = [];
    cb.onTransition(() => {
      throw new Error('faulty listener');
    });
    const off = cb.onTransition((t, provider) => seen.push([t, provider]));
    await trip(cb, 1);
    expect(seen).toEqual([
      [{ at: 0, from: 'closed', to: 'open', cause: '1 consecutive failures: fail' }, 'p'],
    ]);
    off();
    cb.reset('me', 'test');
    expect(seen).toHaveLength(1);
    expect(cb.snapshot()).toEqual({
      provider: 'p',
      state: 'closed',
      consecutiveFailures: 0,
      halfOpenSuccesses: 0,
      totalSuccesses: 0,
      totalFailures: 1,
      totalRejected: 0,
      retryAfterMs: null,
      forcedOpen: false,
      transitions: [
        { at: 0, from: 'closed', to: 'open', cause: '1 consecutive failures: fail' },
        { at: 0, from: 'open', to: 'closed', cause: 'operator reset by me: test' },
      ],
      observedSince: 0,
      config: { failureThreshold: 1, timeoutMs: 50, successThreshold: 2, halfOpenMaxCalls: 1 },
    });
  });
});

describe('BreakerRegistry', () => {
  it('keeps one breaker per provider, lists them by name and forwards transitions', async () => {
    const reg = new BreakerRegistry({ failureThreshold: 1 });
    const seen: string[] = [];
    reg.onTransition((t, provider) => seen.push(`${provider}:${t.to}`));
    const b = reg.get('openai');
    expect(reg.get('openai')).toBe(b);
    await expect(reg.get('zeta').call(fail)).rejects.toThrow('fail');
    await expect(reg.get('anthropic').call(succeed)).resolves.toBe('success');
    expect(reg.list().map((s) => [s.provider, s.state])).toEqual([
      ['anthropic', 'closed'],
      ['openai', 'closed'],
      ['zeta', 'open'],
    ]);
    expect(seen).toEqual(['zeta:open']);
    expect(reg.list()[0]?.config.failureThreshold).toBe(1);
  });

  it('rejects bad options at construction', () => {
    expect(() => new BreakerRegistry({ successThreshold: 0 })).toThrow(
      /successThreshold must be a positive integer/,
    );
  });
});
