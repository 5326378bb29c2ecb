// The demo pieces: simulated providers (both wires, fault injection) behind the real gateway, and
// the simulated traffic generator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTraffic } from '../../electron/core/demo/traffic';
import { SimProvider } from '../../electron/core/demo/sim-provider';
import { metric, startCore, testConfig, type Running } from './harness';

let simO: SimProvider;
let simA: SimProvider;
let gw: Running;

beforeAll(async () => {
  const quiet = { latencyMs: { min: 0, max: 0 }, errorRate: 0, chunkDelayMs: 0 };
  simO = await SimProvider.start({ name: 'sim-openai', wire: 'openai', ...quiet });
  simA = await SimProvider.start({ name: 'sim-anthropic', wire: 'anthropic', ...quiet });
  const model = { id: 'sim-shared', inputPerMTok: 1, outputPerMTok: 4 };
  gw = await startCore(
    testConfig([
      { name: simO.name, kind: 'openai', baseUrl: simO.baseUrl, priority: 1, models: [model] },
      { name: simA.name, kind: 'anthropic', baseUrl: simA.baseUrl, priority: 2, models: [model] },
    ]),
  );
});

afterAll(async () => {
  await gw.close();
  await simO.close();
  await simA.close();
});

const ask = (maxTokens = 30) =>
  gw.client.chat.completions.create({
    model: 'sim-shared',
    messages: [{ role: 'user', content: 'hi' }],
    max_tokens: maxTokens,
  });

describe('SimProvider', () => {
  it('answers with usage within the max_tokens cap', async () => {
    const r = await ask(13);
    expect(r.choices[0].message.content?.length).toBeGreaterThan(0);
    expect(r.usage?.completion_tokens).toBeLessThanOrEqual(13);
    expect(metric(gw.ledger.last(), 'provider')).toBe('sim-openai');
  });

  it('fails the next N requests when told to (in code), and the gateway falls back to the other wire', async () => {
    simO.failNext(2, 503);
    await ask();
    await ask();
    expect(metric(gw.ledger.last(), 'provider')).toBe('sim-anthropic');
    await ask();
    expect(gw.core.breakers.snapshot('sim-openai').state).toBe('open'); // threshold 2 in the test config
    expect(metric(gw.ledger.last(), 'provider')).toBe('sim-anthropic');
    await gw.core.resetBreaker('sim-openai', 'test', 'fault injection over');
  });

  it('cancels pending injected failures with a count of 0', async () => {
    simO.failNext(3, 503);
    simO.failNext(0);
    await ask();
    expect(metric(gw.ledger.last(), 'provider')).toBe('sim-openai');
  });

  it('takes fault injection over HTTP, and rejects a bad control body', async () => {
    const root = simA.baseUrl.replace(/\/v1$/, '');
    const ok = await fetch(`${root}/__sim/fail`, {
      method: 'POST',
      body: JSON.stringify({ count: 1, status: 500 }),
    });
    expect(await ok.json()).toEqual({ provider: 'sim-anthropic', pendingFailures: 1 });
    const bad = await fetch(`${root}/__sim/fail`, { method: 'POST', body: '{"count": -1}' });
    expect(bad.status).toBe(400);
    const before = simA.stats().failures;
    await gw.core.forceOpenBreaker('sim-openai', 'test', 'route to anthropic');
    const err = await ask().catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(502);
    expect(simA.stats().failures).toBe(before + 1);
    await gw.core.resetBreaker('sim-openai', 'test', 'done');
  });
});

describe('a client that disconnects mid-stream', () => {
  it('stops the upstream stream, records a ROUTE with client_disconnected and the estimated spend', async () => {
    const slow = await SimProvider.start({
      name: 'sim-slow',
      wire: 'openai',
      latencyMs: { min: 0, max: 0 },
      errorRate: 0,
      chunkDelayMs: 30,
    });
    const g = await startCore(
      testConfig([
        {
          name: slow.name,
          kind: 'openai',
          baseUrl: slow.baseUrl,
          models: [{ id: 'slow', inputPerMTok: 1, outputPerMTok: 1 }],
        },
      ]),
    );
    try {
      const abort = new AbortController();
      const res = await fetch(`${g.core.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${g.core.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'slow',
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
          max_tokens: 200,
        }),
        signal: abort.signal,
      });
      const reader = res.body?.getReader();
      await reader?.read(); // the first chunk arrived: the stream is under way
      abort.abort();
      await expect.poll(() => g.ledger.decisions.length, { timeout: 5000 }).toBe(1);
      const d = g.ledger.last();
      expect(d.decision).toBe('ROUTE');
      expect(d.violations).toEqual(['client_disconnected']);
      expect(metric(d, 'usage_source')).toBe('estimate');
      expect(g.core.budgetView.snapshot().reservedUsd).toBe(0);
    } finally {
      await g.close();
      await slow.close();
    }
  });
});

describe('Core.close()', () => {
  it('lets an in-flight request finish, drops idle connections, and refuses new ones', async () => {
    const sim = await SimProvider.start({
      name: 'sim-late',
      wire: 'openai',
      latencyMs: { min: 150, max: 150 },
      errorRate: 0,
    });
    const g = await startCore(
      testConfig([
        {
          name: sim.name,
          kind: 'openai',
          baseUrl: sim.baseUrl,
          models: [{ id: 'late', inputPerMTok: 1, outputPerMTok: 1 }],
        },
      ]),
    );
    try {
      await g.client.models.list(); // leaves an idle keep-alive connection behind
      const inFlight = g.client.chat.completions.create({
        model: 'late',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 5,
      });
      await expect.poll(() => sim.stats().requests).toBe(1);
      await g.core.close();
      expect((await inFlight).choices[0].message.content?.length).toBeGreaterThan(0);
      expect(g.ledger.decisions.length).toBe(1);
      await expect(fetch(`${g.core.url}/healthz`)).rejects.toThrow();
    } finally {
      await g.close();
      await sim.close();
    }
  });
});

describe('traffic generator', () => {
  it('calls the gateway over HTTP as a labelled simulated user', async () => {
    const before = gw.ledger.decisions.length;
    const sent = simO.stats().requests + simA.stats().requests;
    const traffic = startTraffic({
      url: gw.core.url,
      token: gw.core.token,
      models: ['sim-shared'],
      perSecond: 50,
    });
    await expect.poll(() => traffic.stats().ok, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await traffic.stop();
    const s = traffic.stats();
    expect(s.failed).toBe(0);
    expect(gw.ledger.decisions.length - before).toBe(s.sent);
    const upstream = simO.stats().requests + simA.stats().requests - sent;
    expect(upstream).toBeGreaterThan(0);
    expect(upstream).toBeLessThanOrEqual(s.sent); // repeated temperature-0 prompts may be cache hits
  });
});
