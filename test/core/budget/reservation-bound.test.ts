// The reservation is an upper bound of what a request can be billed (issue 13.0), not an estimate:
// UTF-8 bytes of everything the request sends the model (a byte-level tokenizer never makes a
// token of less than a byte) plus framing allowances, and the completion cap × n. Also: the
// per-model output cap in the config, and the excess check made when a provider reports more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../electron/core/model/chat-request';
import { parseChatRequest } from '../../../electron/core/model/chat-request-check';
import { ConfigError, DEFAULT_MAX_OUTPUT_TOKENS, parseConfig } from '../../../electron/core/config/config';
import { estimateInputTokens } from '../../../electron/core/model/cost';
import { AnthropicAdapter } from '../../../electron/core/providers/anthropic';
import {
  completionTokenBound,
  FRAMING_TOKENS_PER_MESSAGE as PER_MESSAGE,
  FRAMING_TOKENS_PER_REQUEST as PER_REQUEST,
  MEDIA_PART_TOKENS,
  promptTokenBound,
  reservationBound,
  reservationExcess,
  TOOL_PROMPT_TOKENS,
} from '../../../electron/core/budget/reservation-bound';

function req(body: object): ChatRequest {
  const r = parseChatRequest({ model: 'm', ...body });
  if (!r.ok) throw new Error(r.message);
  return r.request;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });

describe('prompt bound', () => {
  it('"hi" (which real chat templates bill as about 12 tokens) reserves 2 bytes + the framing allowances', () => {
    const r = req(user('hi'));
    expect(promptTokenBound(r)).toBe(2 + PER_MESSAGE + PER_REQUEST);
    expect(promptTokenBound(r)).toBeGreaterThanOrEqual(12);
    expect(estimateInputTokens(r)).toBeLessThan(12); // the old "worst case": 1 + 4
  });

  it('counts UTF-8 bytes, not characters: text that tokenizes at a token per byte stays bounded', () => {
    for (const text of ['日本語のテキスト', '😀'.repeat(50), 'é'.repeat(100), 'a\u0301'.repeat(30)]) {
      expect(promptTokenBound(req(user(text)))).toBe(bytes(text) + PER_MESSAGE + PER_REQUEST);
    }
  });

  it('property: any text is bounded by its byte count (the most tokens a byte-level tokenizer makes)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (texts) => {
        const r = req({ messages: texts.map((content) => ({ role: 'user', content })) });
        const textBytes = texts.reduce((s, t) => s + bytes(t), 0);
        expect(promptTokenBound(r)).toBe(textBytes + texts.length * PER_MESSAGE + PER_REQUEST);
      }),
    );
  });

  it('counts everything sent to the model: names, tool calls and their arguments, tool ids, parts, tools', () => {
    const base = promptTokenBound(req(user('x')));
    const named = req({ messages: [{ role: 'user', content: 'x', name: 'alice' }] });
    expect(promptTokenBound(named)).toBe(base + bytes('alice'));

    const call = { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"q":"é"}' } };
    const withCall = req({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', content: 'ok', tool_call_id: 'c1' },
      ],
    });
    expect(promptTokenBound(withCall)).toBe(
      base +
        PER_MESSAGE + // the assistant message
        2 * bytes(JSON.stringify([call])) +
        PER_MESSAGE + // its one tool call
        PER_MESSAGE + // the tool message
        bytes('ok') +
        2 * bytes(JSON.stringify('c1')),
    );

    const image = { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } };
    const parts = req(user([{ type: 'text', text: 'what is it?' }, image]));
    expect(promptTokenBound(parts)).toBe(
      PER_REQUEST +
        PER_MESSAGE +
        bytes('what is it?') +
        1 +
        2 * bytes(JSON.stringify(image)) +
        MEDIA_PART_TOKENS,
    );

    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const withTools = req({ ...user('x'), tools, response_format: { type: 'json_object' } });
    expect(promptTokenBound(withTools)).toBe(
      base +
        2 * bytes(JSON.stringify(tools)) +
        TOOL_PROMPT_TOKENS +
        2 * bytes(JSON.stringify({ type: 'json_object' })),
    );
  });

  it('sampling and transport fields cost nothing', () => {
    const plain = promptTokenBound(req(user('x')));
    const tuned = req({
      ...user('x'),
      temperature: 0.5,
      top_p: 0.9,
      seed: 1,
      stop: ['\n'],
      max_tokens: 5,
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(promptTokenBound(tuned)).toBe(plain);
  });
});

describe('completion bound', () => {
  it('max_completion_tokens, else max_tokens, else the model cap; times n', () => {
    expect(completionTokenBound(req({ ...user('x'), max_tokens: 8 }), 4096)).toBe(8);
    expect(completionTokenBound(req({ ...user('x'), max_tokens: 8, max_completion_tokens: 20 }), 4096)).toBe(
      20,
    );
    expect(completionTokenBound(req(user('x')), 16_384)).toBe(16_384);
    expect(completionTokenBound(req({ ...user('x'), max_tokens: 8, n: 3 }), 4096)).toBe(24);
    expect(completionTokenBound(req({ ...user('x'), n: 2 }), 1000)).toBe(2000);
  });
});

describe('reservation', () => {
  const price = (inputPerMTok: number, outputPerMTok: number, maxOutputTokens = 4096) => ({
    inputPerMTok,
    outputPerMTok,
    maxOutputTokens,
  });

  it('holds the dearest candidate, and keeps each candidate bound with its own output cap', () => {
    const r = req(user('hi'));
    const b = reservationBound(r, [
      { provider: 'cheap', price: price(1, 1, 100_000) },
      { provider: 'dear', price: price(1000, 2000, 10) },
    ]);
    const prompt = 2 + PER_MESSAGE + PER_REQUEST;
    expect(b.byProvider.get('cheap')).toEqual({
      promptTokens: prompt,
      completionTokens: 100_000,
      usd: (prompt + 100_000) / 1e6,
    });
    expect(b.byProvider.get('dear')).toEqual({
      promptTokens: prompt,
      completionTokens: 10,
      usd: (prompt * 1000 + 10 * 2000) / 1e6,
    });
    expect(b.usd).toBe(Math.max(b.byProvider.get('cheap')!.usd, b.byProvider.get('dear')!.usd));
  });

  it('an excess is more prompt or completion tokens than bounded, or a cost above the hold', () => {
    const bound = { promptTokens: 82, completionTokens: 8 };
    expect(reservationExcess(0.0045, bound, { promptTokens: 12, completionTokens: 8 }, 0.001)).toBeNull();
    expect(reservationExcess(0.0045, bound, { promptTokens: 82, completionTokens: 8 }, 0.0045)).toBeNull();
    expect(reservationExcess(0.0045, bound, { promptTokens: 12, completionTokens: 9 }, 0.001)).toEqual({
      reserved: { promptTokens: 82, completionTokens: 8, usd: 0.0045 },
      actual: { promptTokens: 12, completionTokens: 9, usd: 0.001 },
      exceeded: ['completion tokens 9 > 8 reserved'],
    });
    expect(
      reservationExcess(0.0045, bound, { promptTokens: 83, completionTokens: 0 }, 0.001)?.exceeded,
    ).toEqual(['prompt tokens 83 > 82 reserved']);
    expect(
      reservationExcess(0.0045, bound, { promptTokens: 1, completionTokens: 1 }, 0.0046)?.exceeded,
    ).toEqual(['cost $0.004600 > $0.004500 held']);
  });
});

describe('maxOutputTokens in the config', () => {
  const provider = (model: object) => ({
    name: 'p',
    kind: 'anthropic',
    baseUrl: 'http://127.0.0.1:1/v1',
    models: [{ id: 'm', inputPerMTok: 1, outputPerMTok: 1, ...model }],
  });

  it(`defaults to ${DEFAULT_MAX_OUTPUT_TOKENS}; a bad value is an error naming the field`, () => {
    expect(parseConfig({ dailyLimitUsd: 1, providers: [provider({})] }).providers[0].models[0]).toMatchObject(
      {
        maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS,
      },
    );
    for (const bad of [0, -1, 1.5, '4096', 20_000_000]) {
      expect(() =>
        parseConfig({ dailyLimitUsd: 1, providers: [provider({ maxOutputTokens: bad })] }),
      ).toThrow(ConfigError);
      expect(() =>
        parseConfig({ dailyLimitUsd: 1, providers: [provider({ maxOutputTokens: bad })] }),
      ).toThrow(/providers\[0\]\.models\[0\]\.maxOutputTokens/);
    }
  });

  it('is what Anthropic is sent when the request sets no cap (the reservation counted that much)', () => {
    const config = parseConfig({ dailyLimitUsd: 1, providers: [provider({ maxOutputTokens: 777 })] });
    const adapter = new AnthropicAdapter(config.providers[0], null);
    try {
      const sent = (r: ChatRequest) =>
        (JSON.parse(adapter.prepare(r, false).body) as { max_tokens: number }).max_tokens;
      expect(sent(req(user('x')))).toBe(777);
      expect(sent(req({ ...user('x'), max_tokens: 5 }))).toBe(5);
    } finally {
      adapter.close();
    }
  });
});
