// Fallback between candidates, client errors passed through, circuit breakers, and the 502 / 503
// answers when no provider can serve.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { toConsoleCore } from '../../electron/app/core-adapter';
import { LedgerRefusedError, UnknownProviderError } from '../../electron/core/model/operator-errors';
import { PublicError } from '../../electron/ipc/public-error';
import { FakeUpstream } from './fake-upstream';
import { hello, metric, MODEL, providerFor, startCore, testConfig, type Running } from './harness';

let a: FakeUpstream;
let b: FakeUpstream;
let gw: Running;

type AttemptJson = { provider: string; outcome: string; status?: number };
const attempts = (gwr: Running): [string, string][] =>
  (metric(gwr.ledger.last(), 'attempts') as AttemptJson[]).map((x) => [x.provider, x.outcome]);

beforeEach(async () => {
  a = await FakeUpstream.start('openai', 'first');
  b = await FakeUpstream.start('anthropic', 'second');
  gw = await startCore(
    testConfig([providerFor(a, { priority: 1, timeoutMs: 300 }), providerFor(b, { priority: 2 })]),
  );
});

afterEach(async () => {
  await gw.close();
  await a.close();
  await b.close();
});

const ask = (g: Running): Promise<OpenAI.ChatCompletion> =>
  g.client.chat.completions.create({ model: MODEL, messages: hello });

describe('fallback to the next candidate', () => {
  it.each([
    ['a 5xx', { kind: 'status', status: 503 } as const, 'http_error'],
    ['a timeout', { kind: 'hang' } as const, 'timeout'],
    ['a malformed body', { kind: 'malformed' } as const, 'malformed'],
    ['an upstream 401 (our key, not the client)', { kind: 'status', status: 401 } as const, 'http_error'],
    ['an upstream 429 (rate limited)', { kind: 'status', status: 429 } as const, 'http_error'],
  ])('falls back on %s', async (_what, behaviour, outcome) => {
    a.script(behaviour);
    const r = await ask(gw);
    expect(r.choices[0].message.content).toBe('Hello from second');
    expect(attempts(gw)).toEqual([
      ['first', outcome],
      ['second', 'ok'],
    ]);
    expect(gw.ledger.last().decision).toBe('ROUTE');
  });

  it('falls back on a network error (nothing listening)', async () => {
    await a.close();
    const r = await ask(gw);
    expect(r.choices[0].message.content).toBe('Hello from second');
    expect(attempts(gw)).toEqual([
      ['first', 'network_error'],
      ['second', 'ok'],
    ]);
  });
});

describe('client-caused 4xx', () => {
  it('passes a 400 through, OpenAI-shaped, without trying the next provider', async () => {
    a.script({ kind: 'status', status: 400, message: 'messages: too long for this model' });
    const err = await ask(gw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const e = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.message).toMatch(/too long for this model/);
    expect(e.message).toMatch(/"first"/);
    expect(e.param).toBe('messages');
    expect(b.count).toBe(0);
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toEqual(['upstream_client_error']);
    expect(gw.core.budgetView.snapshot().reservedUsd).toBe(0);
    expect(gw.core.breakers.snapshot('first').consecutiveFailures).toBe(0);
  });
});

describe('502 and 503', () => {
  it('answers 502 naming the providers when every one fails', async () => {
    a.always({ kind: 'status', status: 500 });
    b.always({ kind: 'status', status: 502, message: 'overloaded' });
    const err = await ask(gw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const e = err as InstanceType<typeof OpenAI.APIError>;
    expect(e.status).toBe(502);
    expect(e.message).toMatch(/"first"/);
    expect(e.message).toMatch(/"second"/);
    expect(e.message).toMatch(/overloaded/);
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toEqual(['upstream_failure']);
    expect(gw.core.budgetView.snapshot().reservedUsd).toBe(0);
    expect(gw.core.budgetView.snapshot().spendUsd).toBe(0);
  });

  it('opens a breaker after repeated failures, then skips that provider without calling it', async () => {
    a.always({ kind: 'status', status: 500 });
    await ask(gw);
    await ask(gw); // failureThreshold 2
    expect(gw.core.breakers.snapshot('first').state).toBe('open');
    const calls = a.count;
    const r = await ask(gw);
    expect(r.choices[0].message.content).toBe('Hello from second');
    expect(a.count).toBe(calls);
    expect(attempts(gw)).toEqual([
      ['first', 'skipped_breaker_open'],
      ['second', 'ok'],
    ]);
  });

  it('answers 503 no_provider_available when every candidate breaker is open', async () => {
    await gw.core.forceOpenBreaker('first', 'ops', 'maintenance window');
    await gw.core.forceOpenBreaker('second', 'ops', 'maintenance window');
    const err = await ask(gw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    const e = err as InstanceType<typeof OpenAI.InternalServerError>;
    expect(e.status).toBe(503);
    expect(e.code).toBe('no_provider_available');
    expect(e.headers?.get('retry-after')).not.toBeNull();
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toEqual(['no_provider_available']);
    expect(d.gates_passed).toMatchObject({ breaker: false, budget: true });
    expect(a.count + b.count).toBe(0);
  });
});

describe('operator actions on breakers', () => {
  it('records FORCE_OPEN and RESET (who and why) in the ledger', async () => {
    const opened = await gw.core.forceOpenBreaker('first', 'alice', 'provider incident #42');
    expect(opened).toMatchObject({ provider: 'first', state: 'open', forcedOpen: true });
    expect(gw.ledger.last()).toMatchObject({
      decision: 'FORCE_OPEN',
      metrics: { provider: 'first', who: 'alice', why: 'provider incident #42' },
    });
    expect((await ask(gw)).choices[0].message.content).toBe('Hello from second');

    const reset = await gw.core.resetBreaker('first', 'bob', 'incident resolved');
    expect(reset.state).toBe('closed');
    expect(gw.ledger.last()).toMatchObject({
      decision: 'RESET',
      metrics: { previous_state: 'open', who: 'bob' },
    });
    expect((await ask(gw)).choices[0].message.content).toBe('Hello from first');
  });

  it('rejects an unknown provider and an empty reason with a clear error, recording nothing', async () => {
    const before = gw.ledger.decisions.length;
    await expect(gw.core.resetBreaker('nope', 'alice', 'why not')).rejects.toThrow(
      /unknown provider "nope"; active providers: first, second/,
    );
    await expect(gw.core.forceOpenBreaker('nope', 'alice', 'why not')).rejects.toBeInstanceOf(
      UnknownProviderError,
    );
    await expect(gw.core.forceOpenBreaker('first', 'alice', '  ')).rejects.toThrow(
      /why must be a non-empty string/,
    );
    // The console is told by the error's class, not its wording: not_found.
    const consoleCore = toConsoleCore(gw.core, null, 'console:alice');
    const refused = consoleCore.resetBreaker('nope', 'why not');
    await expect(refused).rejects.toBeInstanceOf(PublicError);
    await expect(refused).rejects.toMatchObject({ code: 'not_found' });
    expect(gw.ledger.decisions.length).toBe(before);
  });

  it('does not act when the ledger cannot record the action', async () => {
    gw.ledger.failWith = new Error('disk full');
    await expect(gw.core.forceOpenBreaker('first', 'alice', 'test')).rejects.toThrow(
      /ledger unavailable \(disk full\)/,
    );
    await expect(gw.core.resetBreaker('first', 'alice', 'test')).rejects.toBeInstanceOf(LedgerRefusedError);
    const consoleCore = toConsoleCore(gw.core, null, 'console:alice');
    await expect(consoleCore.forceOpenBreaker('first', 'test')).rejects.toMatchObject({
      code: 'unavailable',
    });
    await expect(consoleCore.clearCache('test')).rejects.toMatchObject({ code: 'unavailable' });
    expect(gw.core.breakers.snapshot('first').state).toBe('closed');
  });
});
