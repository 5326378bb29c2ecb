// The hand-written hot-path check must never accept what the zod schema rejects (or would change),
// and the error messages still come from the schema.
import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../../electron/core/model/chat-request';
import { isValidChatRequest, parseChatRequest } from '../../../electron/core/model/chat-request-check';

const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

const variants: Record<string, unknown>[] = [
  base,
  {
    ...base,
    temperature: 0,
    top_p: 1,
    n: 1,
    max_tokens: 5,
    stream: false,
    stop: ['a', 'b'],
    user: 'u',
    seed: -3,
  },
  { ...base, stream: true, stream_options: { include_usage: true } },
  { ...base, stream: null, stream_options: null, temperature: null, n: null, stop: null, seed: null },
  {
    ...base,
    messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'x' }] }],
    tools: [{ type: 'function' }],
  },
  {
    ...base,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }], name: 'n' }],
  },
  { ...base, model: '' },
  { ...base, model: 'x'.repeat(201) },
  { ...base, model: 3 },
  { model: 'm' },
  { ...base, messages: [] },
  { ...base, messages: [{ role: 'robot', content: 'x' }] },
  { ...base, messages: [{ content: 'x' }] },
  { ...base, messages: [null] },
  { ...base, messages: [[]] },
  { ...base, messages: [{ role: 'user', content: 5 }] },
  { ...base, messages: [{ role: 'user', content: [{ type: '' }] }] },
  { ...base, messages: [{ role: 'user', content: [['text']] }] },
  { ...base, messages: [{ role: 'user', content: 'x', name: 5 }] },
  { ...base, stream: 'yes' },
  { ...base, stream_options: { include_usage: 1 } },
  { ...base, stream_options: [] },
  { ...base, temperature: 2.5 },
  { ...base, temperature: -0.1 },
  { ...base, temperature: '1' },
  { ...base, top_p: 1.5 },
  { ...base, n: 0 },
  { ...base, n: 1.5 },
  { ...base, n: 129 },
  { ...base, max_tokens: 0 },
  { ...base, max_tokens: 10_000_001 },
  { ...base, max_completion_tokens: 2.5 },
  { ...base, stop: ['a', 'b', 'c', 'd', 'e'] },
  { ...base, stop: [1] },
  { ...base, stop: 5 },
  { ...base, presence_penalty: 3 },
  { ...base, frequency_penalty: -3 },
  { ...base, seed: 1.5 },
  { ...base, seed: 2 ** 60 },
  { ...base, user: null },
  { ...base, user: 5 },
];

describe('the hot-path request check agrees with the schema', () => {
  it.each(variants.map((v, i) => [i, v] as const))('variant %i', (_i, body) => {
    const zod = chatRequestSchema.safeParse(body);
    const fast = isValidChatRequest(body);
    if (fast) {
      expect(zod.success).toBe(true);
      expect(zod.data).toEqual(body);
    }
    if (zod.success && JSON.stringify(zod.data) === JSON.stringify(body)) expect(fast).toBe(true);
    const parsed = parseChatRequest(body);
    expect(parsed.ok).toBe(zod.success);
    if (!parsed.ok && !zod.success) expect(parsed.message).toContain(zod.error.issues[0].message);
  });

  it('accepts the request the benchmark sends', () => {
    expect(
      isValidChatRequest({
        model: 'bench-model',
        messages: [{ role: 'user', content: 'Say hello in five words.' }],
        temperature: 0.7,
        max_tokens: 32,
      }),
    ).toBe(true);
  });
});
