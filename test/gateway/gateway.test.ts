// The gateway as an application sees it: OpenAI SDK in, OpenAI or Anthropic upstream out,
// and what each kind of bad input gets back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { FakeUpstream } from './fake-upstream';
import {
  costOf,
  hello,
  metric,
  MODEL,
  providerFor,
  rawPost,
  startCore,
  testConfig,
  TOKEN,
  type Running,
} from './harness';

let oa: FakeUpstream;
let an: FakeUpstream;
let gw: Running;

beforeAll(async () => {
  oa = await FakeUpstream.start('openai', 'fake-openai');
  an = await FakeUpstream.start('anthropic', 'fake-anthropic');
  gw = await startCore(
    testConfig([
      providerFor(oa, { apiKeyEnv: 'FAKE_OPENAI_KEY' }),
      providerFor(an, {
        apiKeyEnv: 'FAKE_ANTHROPIC_KEY',
        models: [{ id: 'claude-test', inputPerMTok: 3, outputPerMTok: 15 }],
      }),
      {
        name: 'inactive',
        kind: 'openai',
        baseUrl: 'http://127.0.0.1:9/v1',
        apiKeyEnv: 'NOT_SET_ANYWHERE',
        models: [{ id: 'ghost', inputPerMTok: 1, outputPerMTok: 1 }],
      },
    ]),
    { env: { FAKE_OPENAI_KEY: 'sk-openai-test', FAKE_ANTHROPIC_KEY: 'sk-ant-test' } },
  );
});

afterAll(async () => {
  await gw.close();
  await oa.close();
  await an.close();
});

describe('chat completions through an OpenAI-wire provider', () => {
  it('answers, prices the usage and records one ROUTE entry', async () => {
    const before = gw.ledger.decisions.length;
    const r = await gw.client.chat.completions.create({ model: MODEL, messages: hello });
    expect(r.choices[0].message.content).toBe('Hello from fake-openai');
    expect(r.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5 });

    const sent = oa.received[oa.received.length - 1];
    expect(sent.headers.authorization).toBe('Bearer sk-openai-test');
    expect(sent.body).toMatchObject({ model: MODEL, messages: hello });

    expect(gw.ledger.decisions.length).toBe(before + 1);
    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(costOf(d)).toBeCloseTo(0.02, 10); // 10 × $1000/M + 5 × $2000/M
    expect(metric(d, 'provider')).toBe('fake-openai');
    expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(0.02, 10);
  });
});

describe('chat completions through an Anthropic-wire provider', () => {
  it('translates the request to the Messages API and the answer back', async () => {
    const r = await gw.client.chat.completions.create({
      model: 'claude-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
      max_tokens: 50,
      temperature: 1.5,
      stop: 'END',
    });
    expect(r.choices[0].message.content).toBe('Hello from fake-anthropic');
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });

    const sent = an.received[an.received.length - 1];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-test');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toEqual({
      model: 'claude-test',
      max_tokens: 50,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello' }],
      temperature: 1, // OpenAI's 0..2 capped to Anthropic's 0..1
      stop_sequences: ['END'],
    });
    expect(costOf(gw.ledger.last())).toBeCloseTo((10 * 3 + 5 * 15) / 1e6, 12);
  });

  it('passes an Anthropic 400 through in OpenAI shape', async () => {
    an.script({ kind: 'status', status: 400, message: 'messages.0.content: too long' });
    const err = await gw.client.chat.completions
      .create({ model: 'claude-test', messages: hello })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const e = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.message).toMatch(/messages\.0\.content: too long \(from provider "fake-anthropic"\)/);
    expect(e.type).toBe('invalid_request_error');
  });

  it('refuses what the Messages API cannot express with a 400 naming the parameter, without calling it', async () => {
    const before = an.count;
    const err = await gw.client.chat.completions
      .create({ model: 'claude-test', messages: hello, n: 2 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
    expect(an.count).toBe(before);
  });
});

describe('GET /v1/models', () => {
  it('lists the models of active providers only', async () => {
    const ids: string[] = [];
    for await (const m of gw.client.models.list()) ids.push(m.id);
    expect(ids.sort()).toEqual(['claude-test', MODEL]);
  });

  it('retrieves one model, and 404 model_not_found for an unknown one', async () => {
    expect((await gw.client.models.retrieve(MODEL)).owned_by).toBe('fake-openai');
    const err = await gw.client.models.retrieve('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});

describe('bad input gets a clear OpenAI-shaped error', () => {
  it('401 for a missing token', async () => {
    const r = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      JSON.stringify({ model: MODEL, messages: hello }),
    );
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    expect(String(r.json.error?.message)).toMatch(/Missing bearer token/);
  });

  it('401 for a wrong token, through the SDK', async () => {
    const bad = new OpenAI({ baseURL: `${gw.core.url}/v1`, apiKey: `${TOKEN}x`, maxRetries: 0 });
    const err = await bad.chat.completions.create({ model: MODEL, messages: hello }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).message).toMatch(
      /Incorrect bearer token/,
    );
  });

  it('400 for a body that is not JSON, and for an empty body', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const r = await rawPost(gw.core.url, '/v1/chat/completions', '{"model": ', auth);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ type: 'invalid_request_error' });
    expect(String(r.json.error?.message)).toMatch(/not valid JSON/);
    const empty = await rawPost(gw.core.url, '/v1/chat/completions', '', auth);
    expect(empty.status).toBe(400);
    expect(String(empty.json.error?.message)).toMatch(/empty/);
  });

  it('400 naming the bad field for a body that breaks the schema', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const r = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      JSON.stringify({ model: MODEL, messages: [{ role: 'robot', content: 'x' }] }),
      auth,
    );
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ param: 'messages[0].role' });
    expect(String(r.json.error?.message)).toMatch(/messages\[0\]\.role/);

    const t = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      JSON.stringify({ model: MODEL, messages: hello, temperature: 7 }),
      auth,
    );
    expect(t.status).toBe(400);
    expect(t.json.error).toMatchObject({ param: 'temperature' });

    const missing = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      JSON.stringify({ messages: hello }),
      auth,
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ param: 'model' });

    const arr = await rawPost(gw.core.url, '/v1/chat/completions', '[1,2]', auth);
    expect(arr.status).toBe(400);
    expect(String(arr.json.error?.message)).toMatch(/JSON object/);
  });

  it('413 for a body over the size limit', async () => {
    const big = JSON.stringify({
      model: MODEL,
      messages: [{ role: 'user', content: 'x'.repeat(17 * 1024 * 1024) }],
    });
    const r = await rawPost(gw.core.url, '/v1/chat/completions', big, { authorization: `Bearer ${TOKEN}` });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({ code: 'request_too_large' });
  });

  it('400 and 401 never reach the router: no ledger entry', async () => {
    const before = gw.ledger.decisions.length;
    await rawPost(gw.core.url, '/v1/chat/completions', '{', { authorization: `Bearer ${TOKEN}` });
    await rawPost(gw.core.url, '/v1/chat/completions', JSON.stringify({ model: MODEL, messages: hello }));
    expect(gw.ledger.decisions.length).toBe(before);
  });

  it('404 model_not_found for a model no active provider serves (and a BLOCK entry)', async () => {
    const err = await gw.client.chat.completions
      .create({ model: 'ghost', messages: hello })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    const e = err as InstanceType<typeof OpenAI.NotFoundError>;
    expect(e.code).toBe('model_not_found');
    expect(e.message).toMatch(/"ghost"/);
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toEqual(['model_not_found']);
  });

  it('404 for an unknown route and 405 for a wrong method', async () => {
    const r = await fetch(`${gw.core.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const m = await fetch(`${gw.core.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('POST');
  });

  it('answers /healthz without a token', async () => {
    const r = await fetch(`${gw.core.url}/healthz`);
    expect(r.status).toBe(200);
  });
});
