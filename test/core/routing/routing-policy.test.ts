// Candidate order under each policy, cost pricing, usage estimates, and the cacheability rule.
// (The reservation's upper bound has its own tests: test/core/budget/reservation-bound.test.ts.)
import { describe, expect, it } from 'vitest';
import { cacheKey, cacheVerdict, canonicalJson } from '../../../electron/core/cache/cache-policy';
import { CandidateTable } from '../../../electron/core/routing/candidates';
import type { ChatRequest } from '../../../electron/core/model/chat-request';
import { parseChatRequest } from '../../../electron/core/model/chat-request-check';
import { parseConfig } from '../../../electron/core/config/config';
import { costUsd, estimateInputTokens } from '../../../electron/core/model/cost';
import { createAdapters } from '../../../electron/core/providers/registry';

const provider = (name: string, priority: number, input: number, output: number, key?: string) => ({
  name,
  kind: 'openai' as const,
  baseUrl: 'http://127.0.0.1:1/v1',
  priority,
  ...(key ? { apiKeyEnv: key } : {}),
  models: [{ id: 'm', inputPerMTok: input, outputPerMTok: output }],
});

function order(policy: 'priority' | 'cheapest', env: Record<string, string> = {}): string[] {
  const config = parseConfig({
    dailyLimitUsd: 1,
    policy,
    providers: [
      provider('dear-first', 1, 10, 30),
      provider('cheap-last', 3, 0.1, 0.2),
      provider('mid', 2, 1, 2),
      provider('keyed', 0, 0, 0, 'KEYED_KEY'),
    ],
  });
  const adapters = createAdapters(config, env);
  try {
    return new CandidateTable(config, adapters).for('m').map((c) => c.provider);
  } finally {
    for (const a of adapters.values()) a.close();
  }
}

function req(body: object): ChatRequest {
  const r = parseChatRequest(body);
  if (!r.ok) throw new Error(r.message);
  return r.request;
}

describe('candidate order', () => {
  it('priority: by priority; cheapest: by input + output price; inactive providers are left out', () => {
    expect(order('priority')).toEqual(['dear-first', 'mid', 'cheap-last']);
    expect(order('cheapest')).toEqual(['cheap-last', 'mid', 'dear-first']);
    expect(order('priority', { KEYED_KEY: 'k' })).toEqual(['keyed', 'dear-first', 'mid', 'cheap-last']);
  });
});

describe('cost', () => {
  it('prices usage per million tokens', () => {
    expect(
      costUsd({ promptTokens: 1_000_000, completionTokens: 500_000 }, { inputPerMTok: 3, outputPerMTok: 15 }),
    ).toBeCloseTo(10.5, 10);
  });

  it('estimates input (when a provider reports no usage) as chars / 4 rounded up plus framing', () => {
    const r = req({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(9) }], max_tokens: 100 });
    expect(estimateInputTokens(r)).toBe(3 + 4);
  });
});

describe('cache policy', () => {
  const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
  it('caches only non-streaming, temperature 0, n 1, without no-store', () => {
    expect(cacheVerdict(req({ ...base, temperature: 0 }), undefined)).toBe('cacheable');
    expect(cacheVerdict(req({ ...base, temperature: 0, n: 1 }), 'max-age=0')).toBe('cacheable');
    expect(cacheVerdict(req(base), undefined)).toBe('bypass');
    expect(cacheVerdict(req({ ...base, temperature: 0.1 }), undefined)).toBe('bypass');
    expect(cacheVerdict(req({ ...base, temperature: 0, n: 3 }), undefined)).toBe('bypass');
    expect(cacheVerdict(req({ ...base, temperature: 0, stream: true }), undefined)).toBe('bypass');
    expect(cacheVerdict(req({ ...base, temperature: 0 }), 'private, No-Store')).toBe('bypass');
  });

  it('keys on the canonical request: key order does not matter, every parameter does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    const k = cacheKey(req({ ...base, temperature: 0, seed: 1 }));
    expect(cacheKey(req({ seed: 1, temperature: 0, messages: base.messages, model: 'm' }))).toBe(k);
    expect(cacheKey(req({ ...base, temperature: 0, seed: 2 }))).not.toBe(k);
    expect(cacheKey(req({ ...base, temperature: 0, seed: 1, max_tokens: 5 }))).not.toBe(k);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
  });
});
