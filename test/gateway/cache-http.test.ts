// The response cache in the request path: what is cached (non-streaming, temperature 0, n 1,
// no Cache-Control: no-store), hits cost nothing, and a tampered entry is never served.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, encodeCached } from '../../electron/core/cache/cache-policy';
import { parseChatRequest } from '../../electron/core/model/chat-request-check';
import { FakeUpstream } from './fake-upstream';
import { costOf, hello, metric, MODEL, providerFor, startCore, testConfig, type Running } from './harness';

let up: FakeUpstream;
let gw: Running;

beforeEach(async () => {
  up = await FakeUpstream.start('openai', 'fake');
  gw = await startCore(testConfig([providerFor(up)]));
});

afterEach(async () => {
  await gw.close();
  await up.close();
});

const cacheOf = (): string => String(metric(gw.ledger.last(), 'cache'));

describe('cache hits', () => {
  it('serves the second identical temperature-0 request from the cache, at no cost', async () => {
    const first = await gw.client.chat.completions
      .create({ model: MODEL, messages: hello, temperature: 0 })
      .withResponse();
    expect(first.response.headers.get('x-penin-cache')).toBe('miss');
    expect(cacheOf()).toBe('miss');
    const spent = gw.core.budgetView.snapshot().spendUsd;

    const second = await gw.client.chat.completions
      .create({ model: MODEL, messages: hello, temperature: 0 })
      .withResponse();
    expect(second.response.headers.get('x-penin-cache')).toBe('hit');
    expect(second.data).toEqual(first.data);
    expect(up.count).toBe(1);

    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(metric(d, 'cache')).toBe('hit');
    expect(metric(d, 'provider')).toBe('fake');
    expect(metric(d, 'attempts')).toEqual([]);
    expect(costOf(d)).toBe(0);
    expect(gw.core.budgetView.snapshot().spendUsd).toBe(spent);
    expect(gw.core.cache.stats().hits).toBe(1);
  });

  it('keys on every sampling parameter: a different top_p or message is a miss', async () => {
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0, top_p: 0.5 });
    await gw.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hi' }],
      temperature: 0,
    });
    expect(up.count).toBe(3);
  });
});

describe('requests that are never cached', () => {
  it.each([
    ['temperature absent', {}],
    ['temperature not 0', { temperature: 0.7 }],
    ['n = 2', { temperature: 0, n: 2 }],
  ])('%s: bypass', async (_what, extra) => {
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, ...extra });
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, ...extra });
    expect(up.count).toBe(2);
    expect(cacheOf()).toBe('bypass');
    expect(gw.core.cache.stats().entries).toBe(0);
  });

  it('Cache-Control: no-store: bypass', async () => {
    const opts = { headers: { 'Cache-Control': 'no-store' } };
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 }, opts);
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 }, opts);
    expect(up.count).toBe(2);
    expect(cacheOf()).toBe('bypass');
  });

  it('streaming, even at temperature 0: bypass', async () => {
    for (let i = 0; i < 2; i++) {
      const s = await gw.client.chat.completions.create({
        model: MODEL,
        messages: hello,
        temperature: 0,
        stream: true,
      });
      for await (const _c of s) {
        // drain
      }
    }
    expect(up.count).toBe(2);
    expect(cacheOf()).toBe('bypass');
    expect(gw.core.cache.stats().entries).toBe(0);
  });
});

describe('cache integrity', () => {
  it('never serves a tampered entry: it is a miss, the provider answers, the ledger notes it', async () => {
    const first = await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    const parsed = parseChatRequest({ model: MODEL, messages: hello, temperature: 0 });
    if (!parsed.ok) throw new Error(parsed.message);
    const forged = JSON.stringify({
      ...first,
      choices: [{ index: 0, message: { role: 'assistant', content: 'FORGED' }, finish_reason: 'stop' }],
    });
    expect(
      gw.core.cache.corruptForTest(
        cacheKey(parsed.request),
        encodeCached({ provider: 'fake', body: forged }),
      ),
    ).toBe(true);

    const again = await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    expect(again.choices[0].message.content).toBe('Hello from fake');
    expect(up.count).toBe(2);
    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(metric(d, 'cache')).toBe('miss');
    expect(d.gates_passed).toMatchObject({ cache_integrity: false });
    expect(d.violations).toEqual(['cache_integrity_failure']);
    expect(gw.core.cache.stats().integrityFailures).toBe(1);
  });
});

describe('clearing the cache (operator action)', () => {
  it('records CACHE_CLEAR with who, why and what it held, then serves the next request fresh', async () => {
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    const held = gw.core.cache.stats();
    expect(held.entries).toBe(1);

    const after = await gw.core.clearCache('console:alice', '  integrity failures on the old disk  ');
    expect(after).toMatchObject({ entries: 0, bytes: 0, misses: held.misses }); // counters stay
    const d = gw.ledger.last();
    expect(d.decision).toBe('CACHE_CLEAR');
    expect(d.reason).toBe(
      'operator console:alice cleared the response cache (1 entries): integrity failures on the old disk',
    );
    expect(d.metrics).toMatchObject({ who: 'console:alice', entries_dropped: 1, bytes_dropped: held.bytes });

    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    expect(cacheOf()).toBe('miss');
    expect(up.count).toBe(2);
  });

  it('without a ledger, nothing is cleared; without who or why, nothing is recorded', async () => {
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
    const before = gw.ledger.decisions.length;
    await expect(gw.core.clearCache('console:alice', ' ')).rejects.toThrow(/why must be a non-empty string/);
    gw.ledger.failWith = new Error('disk full');
    await expect(gw.core.clearCache('console:alice', 'maintenance')).rejects.toThrow(
      /ledger unavailable \(.*disk full.*\): the cache was not cleared/,
    );
    expect(gw.core.cache.stats().entries).toBe(1);
    expect(gw.ledger.decisions).toHaveLength(before);
  });
});
