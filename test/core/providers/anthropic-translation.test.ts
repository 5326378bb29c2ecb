// chat.completions ⇄ Anthropic Messages translation, without any server: the request mapping,
// what is refused (and how), and the response and stream-event mapping.
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../electron/core/model/chat-request';
import { parseChatRequest } from '../../../electron/core/model/chat-request-check';
import { toAnthropicRequest } from '../../../electron/core/providers/anthropic-request';
import {
  AnthropicStreamTranslator,
  fromAnthropicMessage,
} from '../../../electron/core/providers/anthropic-response';
import { UpstreamError } from '../../../electron/core/providers/provider-adapter';

function req(body: object): ChatRequest {
  const r = parseChatRequest({ model: 'claude', ...body });
  if (!r.ok) throw new Error(r.message);
  return r.request;
}

function refusal(body: object): UpstreamError {
  try {
    toAnthropicRequest('anth', req(body), false);
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error('expected a refusal');
}

describe('toAnthropicRequest', () => {
  it('maps system/developer messages to `system`, text parts and images to blocks, and defaults max_tokens', () => {
    const out = toAnthropicRequest(
      'anth',
      req({
        messages: [
          { role: 'system', content: 'Rule one.' },
          { role: 'developer', content: [{ type: 'text', text: 'Rule two.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.invalid/cat.png' } },
            ],
          },
          { role: 'assistant', content: 'A cat.' },
        ],
        top_p: 0.9,
        stop: ['A', 'B'],
        user: 'u-1',
        seed: 7, // no Anthropic equivalent, harmless: dropped
      }),
      true,
    );
    expect(out).toEqual({
      model: 'claude',
      max_tokens: 4096,
      system: 'Rule one.\n\nRule two.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.invalid/cat.png' } },
          ],
        },
        { role: 'assistant', content: 'A cat.' },
      ],
      top_p: 0.9,
      stop_sequences: ['A', 'B'],
      metadata: { user_id: 'u-1' },
      stream: true,
    });
  });

  it.each([
    [
      { messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }] },
      'tools',
    ],
    [
      { messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } },
      'response_format',
    ],
    [{ messages: [{ role: 'user', content: 'x' }], n: 3 }, 'n'],
    [{ messages: [{ role: 'tool', content: 'x', tool_call_id: '1' }] }, 'messages[0].role'],
    [
      { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] },
      'messages[0].content[0]',
    ],
    [{ messages: [{ role: 'system', content: 'only a system prompt' }] }, 'messages'],
  ])('refuses %j as a client error naming %s', (body, param) => {
    const e = refusal(body);
    expect(e.clientError).toBe(true);
    expect(e.status).toBe(400);
    expect(e.errorBody).toMatchObject({
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param,
    });
  });
});

describe('Anthropic responses', () => {
  it('maps a message to a chat.completion, counting cached input tokens as prompt tokens', () => {
    const text = JSON.stringify({
      id: 'msg_1',
      type: 'message',
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'text', text: ' there' },
      ],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 2 },
    });
    const out = fromAnthropicMessage('anth', 'claude', text);
    expect(out.usage).toEqual({ promptTokens: 105, completionTokens: 2 });
    expect(JSON.parse(out.body)).toMatchObject({
      id: 'chatcmpl-msg_1',
      object: 'chat.completion',
      model: 'claude',
      choices: [{ message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 105, completion_tokens: 2, total_tokens: 107 },
    });
  });

  it('rejects a body that is not a message as malformed', () => {
    expect(() => fromAnthropicMessage('anth', 'claude', '{"content": 3}')).toThrow(
      /not an Anthropic message/,
    );
    expect(() => fromAnthropicMessage('anth', 'claude', '<html>')).toThrow(/not JSON/);
  });

  it('maps stream events to chunks, ending with a usage chunk, and raises an error event', () => {
    const t = new AnthropicStreamTranslator('anth', 'claude');
    const ev = (event: string, data: object) =>
      t.onEvent({ event, data: JSON.stringify({ type: event, ...data }) });
    const chunks = [
      ...ev('message_start', { message: { id: 'msg_2', usage: { input_tokens: 12, output_tokens: 1 } } }),
      ...ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      ...ev('ping', {}),
      ...ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
      ...ev('content_block_stop', { index: 0 }),
      ...ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }),
      ...ev('message_stop', {}),
    ];
    expect(t.done).toBe(true);
    expect(chunks.map((c) => c.type)).toEqual(['delta', 'delta', 'delta', 'usage']);
    const json = chunks.map(
      (c) =>
        JSON.parse(c.data) as { choices: { delta: object; finish_reason: string | null }[]; usage?: object },
    );
    expect(json[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(json[1].choices[0].delta).toEqual({ content: 'Hi' });
    expect(json[2].choices[0].finish_reason).toBe('stop');
    expect(json[3]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });

    const broken = new AnthropicStreamTranslator('anth', 'claude');
    expect(() =>
      broken.onEvent({
        event: 'error',
        data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      }),
    ).toThrow(/Overloaded/);
  });
});
