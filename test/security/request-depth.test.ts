// Deeply nested request JSON (issue 14.5). Anyone holding the gateway token (any local app) chooses
// the request body; its nesting must not reach code that recurses.
//
// Attacks reproduced, and the expected answer:
//   - 100,000 nested arrays in a chat request: it used to give a 400 "Maximum call stack size
//     exceeded" recorded as an upstream client error, and with `temperature: 0` (cacheable) a 500
//     from the cache-key builder with no ledger entry. Expected: 400 invalid_request_error
//     `json_too_deep` before anything parses it, nothing sent upstream, nothing in the ledger (a
//     malformed request never reaches it).
//   - The edge: 64 levels (the top-level object counts as one) are served, 65 refused; brackets
//     inside strings, escaped quotes included, do not count.
//   - The cache key of a deep-but-allowed request is built and stable; the builder itself has no
//     recursion (a key for 100,000 levels is built directly without throwing).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson } from '../../electron/core/cache/cache-policy';
import type { ChatRequest } from '../../electron/core/model/chat-request';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../../electron/core/http/json-depth';
import { FakeUpstream } from '../gateway/fake-upstream';
import {
  hello,
  MODEL,
  providerFor,
  rawPost,
  startCore,
  testConfig,
  TOKEN,
  type Running,
} from '../gateway/harness';

/** `levels` nested arrays around a 1, as text. */
const nestedText = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

/** `levels` nested arrays around a 1, as a value, built without recursion. */
function nestedValue(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

/** A chat request body whose deepest point is `depth` levels (the body object itself is level 1). */
function bodyOfDepth(depth: number, extra = ''): string {
  return `{"model":"${MODEL}","messages":${JSON.stringify(hello)}${extra},"metadata_x":${nestedText(depth - 1)}}`;
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('a deeply nested request body at the gateway', () => {
  let up: FakeUpstream;
  let gw: Running;
  beforeAll(async () => {
    up = await FakeUpstream.start('openai', 'up');
    gw = await startCore(testConfig([providerFor(up)]));
  });
  afterAll(async () => {
    await gw.close();
    await up.close();
  });
  beforeEach(() => {
    up.received.length = 0;
  });

  it.each([
    ['plain', ''],
    ['cacheable (temperature 0)', ',"temperature":0'],
    ['streaming', ',"stream":true'],
  ])(
    'refuses 100,000 levels (%s) with 400 json_too_deep: nothing upstream, nothing in the ledger',
    async (_, extra) => {
      const before = gw.ledger.decisions.length;
      const r = await rawPost(gw.core.url, '/v1/chat/completions', bodyOfDepth(100_000, extra), auth);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep' });
      expect(String(r.json.error?.message)).toContain(`more than ${MAX_JSON_DEPTH} levels`);
      expect(r.headers.get('x-penin-decision-id')).toBeNull();
      expect(up.count).toBe(0);
      expect(gw.ledger.decisions.length).toBe(before);
    },
  );

  it('serves a body 64 levels deep (cacheable, so the cache key is built) and refuses 65', async () => {
    const ok = await rawPost(gw.core.url, '/v1/chat/completions', bodyOfDepth(64, ',"temperature":0'), auth);
    expect(ok.status).toBe(200);
    expect(up.count).toBe(1);
    expect(up.received[0].body.metadata_x).toEqual(nestedValue(63));
    const again = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      bodyOfDepth(64, ',"temperature":0'),
      auth,
    );
    expect(again.headers.get('x-penin-cache')).toBe('hit'); // same key both times
    const refused = await rawPost(gw.core.url, '/v1/chat/completions', bodyOfDepth(65), auth);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'json_too_deep' });
    expect(up.count).toBe(1);
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const content = `${'[{'.repeat(500)} \\" ${'['.repeat(500)}`;
    const r = await rawPost(
      gw.core.url,
      '/v1/chat/completions',
      `{"model":"${MODEL}","messages":[{"role":"user","content":"${content}"}]}`,
      auth,
    );
    expect(r.status).toBe(200);
    expect(up.count).toBe(1);
  });
});

describe('jsonNestsDeeperThan', () => {
  it('finds the depth however the body is split into chunks', () => {
    const text = Buffer.from(`{"a":"\\"[[[","b":${nestedText(4)}}`); // depth 5
    for (let cut = 0; cut <= text.length; cut++) {
      const chunks = [text.subarray(0, cut), text.subarray(cut)];
      expect(jsonNestsDeeperThan(chunks, 5)).toBe(false);
      expect(jsonNestsDeeperThan(chunks, 4)).toBe(true);
    }
  });
});

describe('the cache key', () => {
  const base = { model: MODEL, messages: hello, temperature: 0 };

  it('is built for a request nested as deep as allowed, and does not depend on key order', () => {
    let a: unknown = { z: 1, a: 2 };
    let b: unknown = { a: 2, z: 1 };
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i++) {
      a = { y: a, b: i };
      b = { b: i, y: b };
    }
    const k = cacheKey({ ...base, metadata_x: a } as ChatRequest);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ metadata_x: b, ...base } as ChatRequest)).toBe(k);
    expect(cacheKey({ ...base, metadata_x: { y: a, b: -1 } } as ChatRequest)).not.toBe(k);
  });

  it('is built without recursion: 100,000 levels do not overflow the stack', () => {
    const deep = nestedValue(100_000);
    const text = canonicalJson({ b: deep, a: [{ d: 1, c: deep }] });
    const d = nestedText(100_000);
    expect(text === `{"a":[{"c":${d},"d":1}],"b":${d}}`).toBe(true);
    expect(cacheKey({ ...base, metadata_x: deep } as ChatRequest)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes what JSON.stringify writes, with keys sorted', () => {
    const v = { b: [1, 'two', null, true, { y: [], x: {} }], a: { 'k"q': -0.5, u: undefined } };
    expect(canonicalJson(v)).toBe('{"a":{"k\\"q":-0.5},"b":[1,"two",null,true,{"x":{},"y":[]}]}');
  });
});
