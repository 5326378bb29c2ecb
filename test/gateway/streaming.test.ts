// SSE streaming through the gateway: relay, usage, cost, Anthropic event translation, fallback
// before the first event, and a stream that breaks half-way.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { FakeUpstream } from './fake-upstream';
import { costOf, hello, metric, MODEL, providerFor, startCore, testConfig, type Running } from './harness';

let oa: FakeUpstream;
let an: FakeUpstream;
let gw: Running;

beforeAll(async () => {
  oa = await FakeUpstream.start('openai', 'fake-openai');
  an = await FakeUpstream.start('anthropic', 'fake-anthropic');
  gw = await startCore(
    testConfig(
      [providerFor(oa, { priority: 1 }), providerFor(an, { priority: 2 })],
      // a generous threshold: these tests look at single attempts, not at breakers opening
      { breaker: { failureThreshold: 100, timeoutMs: 60_000, successThreshold: 1, halfOpenMaxCalls: 1 } },
    ),
  );
});

afterAll(async () => {
  await gw.close();
  await oa.close();
  await an.close();
});

afterEach(() => {
  oa.always({ kind: 'ok' });
  an.always({ kind: 'ok' });
});

async function collect(
  stream: AsyncIterable<OpenAI.ChatCompletionChunk>,
): Promise<{ text: string; chunks: OpenAI.ChatCompletionChunk[] }> {
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  let text = '';
  for await (const c of stream) {
    chunks.push(c);
    text += c.choices[0]?.delta?.content ?? '';
  }
  return { text, chunks };
}

describe('streaming from an OpenAI-wire provider', () => {
  it('relays the chunks and the usage chunk when include_usage is asked, and prices the stream', async () => {
    const stream = await gw.client.chat.completions.create({
      model: MODEL,
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, chunks } = await collect(stream);
    expect(text).toBe('Hello from fake-openai');
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5 });

    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(metric(d, 'stream')).toBe(true);
    expect(metric(d, 'cache')).toBe('bypass');
    expect(metric(d, 'usage_source')).toBe('provider');
    expect(costOf(d)).toBeCloseTo(0.02, 10);
  });

  it('always asks the provider for usage, but forwards the usage chunk only if the client asked', async () => {
    const { text, chunks } = await collect(
      await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true }),
    );
    expect(text).toBe('Hello from fake-openai');
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    const sent = oa.received[oa.received.length - 1].body;
    expect(sent.stream_options).toEqual({ include_usage: true });
    expect(costOf(gw.ledger.last())).toBeCloseTo(0.02, 10); // priced from the usage the client never saw
  });
});

describe('streaming from an Anthropic-wire provider', () => {
  it('translates message_start / content_block_delta / message_delta into chunks with usage', async () => {
    oa.always({ kind: 'status', status: 503 }); // make the Anthropic provider serve
    const { text, chunks } = await collect(
      await gw.client.chat.completions.create({
        model: MODEL,
        messages: hello,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(text).toBe('Hello from fake-anthropic');
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(chunks[chunks.length - 1].usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
    });
    expect(an.received[an.received.length - 1].body.stream).toBe(true);
    const d = gw.ledger.last();
    expect(metric(d, 'provider')).toBe('fake-anthropic');
    expect(costOf(d)).toBeCloseTo(0.02, 10);
  });
});

describe('stream failures', () => {
  it('falls back to the next provider when the first fails before its first event', async () => {
    oa.script({ kind: 'status', status: 500 });
    const { text } = await collect(
      await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true }),
    );
    expect(text).toBe('Hello from fake-anthropic');
    const attempts = metric(gw.ledger.last(), 'attempts') as {
      provider: string;
      outcome: string;
      status?: number;
    }[];
    expect(attempts.map((a) => [a.provider, a.outcome, a.status])).toEqual([
      ['fake-openai', 'http_error', 500],
      ['fake-anthropic', 'ok', 200],
    ]);
  });

  it('falls back when the first provider sends a malformed stream', async () => {
    oa.script({ kind: 'malformed' });
    const { text } = await collect(
      await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true }),
    );
    expect(text).toBe('Hello from fake-anthropic');
  });

  it('ends a stream that breaks half-way with an error event, records a BLOCK and still counts the spend', async () => {
    oa.script({ kind: 'break' });
    const spentBefore = gw.core.budgetView.snapshot().spendUsd;
    const stream = await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true });
    const err = await collect(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/fake-openai/);
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toContain('upstream_failure');
    expect(metric(d, 'usage_source')).toBe('estimate');
    expect(costOf(d)).toBeGreaterThan(0);
    expect(gw.core.budgetView.snapshot().spendUsd).toBeGreaterThan(spentBefore);
  });
});
