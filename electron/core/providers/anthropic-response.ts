// Anthropic Messages responses → chat.completions: the plain message, and the SSE stream
// (message_start / content_block_delta / message_delta / message_stop) as chat.completion.chunk events.
import { z } from 'zod';
import type { Usage } from '../model/cost';
import type { StreamTranslator } from './event-stream';
import type { SseEvent } from './sse';
import { UpstreamError, type PlainCompletion, type StreamEvent } from './provider-adapter';
import { readErrorBody } from './upstream-error';

const usageShape = z.looseObject({
  input_tokens: z.number().int().min(0).optional(),
  output_tokens: z.number().int().min(0).optional(),
  cache_creation_input_tokens: z.number().int().min(0).nullable().optional(),
  cache_read_input_tokens: z.number().int().min(0).nullable().optional(),
});
type AnthropicUsage = z.output<typeof usageShape>;

const messageShape = z.looseObject({
  id: z.string(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullable().optional(),
  usage: usageShape,
});

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  pause_turn: 'stop',
};

function finishReason(stop: string | null | undefined): string | null {
  return stop ? (FINISH[stop] ?? 'stop') : null;
}

/** Input tokens as OpenAI counts them: cached and cache-writing tokens included (billed at the full input price). */
function promptTokens(u: AnthropicUsage): number {
  return (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
}

function openaiUsage(u: Usage): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A Messages API response body → a chat.completion. Throws a malformed UpstreamError if it is not one. */
export function fromAnthropicMessage(provider: string, model: string, text: string): PlainCompletion {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError(provider, 'malformed', 'response body is not JSON');
  }
  const r = messageShape.safeParse(json);
  if (!r.success) throw new UpstreamError(provider, 'malformed', 'response is not an Anthropic message');
  const m = r.data;
  let content = '';
  for (const block of m.content) if (block.type === 'text' && block.text) content += block.text;
  const usage: Usage = { promptTokens: promptTokens(m.usage), completionTokens: m.usage.output_tokens ?? 0 };
  const body = {
    id: `chatcmpl-${m.id}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finishReason(m.stop_reason),
      },
    ],
    usage: openaiUsage(usage),
  };
  return { body: JSON.stringify(body), usage, completionChars: content.length };
}

const eventShapes = {
  message_start: z.looseObject({ message: z.looseObject({ id: z.string(), usage: usageShape.optional() }) }),
  content_block_start: z.looseObject({
    content_block: z.looseObject({ type: z.string(), text: z.string().optional() }),
  }),
  content_block_delta: z.looseObject({
    delta: z.looseObject({ type: z.string(), text: z.string().optional() }),
  }),
  message_delta: z.looseObject({
    delta: z.looseObject({ stop_reason: z.string().nullable().optional() }),
    usage: usageShape.optional(),
  }),
};

/** Translates Anthropic stream events into chat.completion.chunk payloads, ending with a usage-only chunk. */
export class AnthropicStreamTranslator implements StreamTranslator {
  done = false;
  private id = 'chatcmpl-anthropic';
  private readonly created = nowSeconds();
  private readonly usage: Usage = { promptTokens: 0, completionTokens: 0 };

  constructor(
    private readonly provider: string,
    private readonly model: string,
  ) {}

  onEvent(e: SseEvent): StreamEvent[] {
    const type = e.event ?? this.typeOf(e.data);
    switch (type) {
      case 'ping':
      case 'content_block_stop':
        return [];
      case 'error':
        throw new UpstreamError(
          this.provider,
          'http',
          `error in stream: ${readErrorBody(500, e.data).message}`,
        );
      case 'message_start': {
        const m = this.parse(e, eventShapes.message_start).message;
        this.id = `chatcmpl-${m.id}`;
        if (m.usage) this.addUsage(m.usage);
        return [this.chunk({ role: 'assistant', content: '' }, null, 0)];
      }
      case 'content_block_start': {
        const b = this.parse(e, eventShapes.content_block_start).content_block;
        return b.type === 'text' && b.text ? [this.chunk({ content: b.text }, null, b.text.length)] : [];
      }
      case 'content_block_delta': {
        const d = this.parse(e, eventShapes.content_block_delta).delta;
        return d.type === 'text_delta' && d.text
          ? [this.chunk({ content: d.text }, null, d.text.length)]
          : [];
      }
      case 'message_delta': {
        const md = this.parse(e, eventShapes.message_delta);
        if (md.usage) this.addUsage(md.usage);
        return [this.chunk({}, finishReason(md.delta.stop_reason) ?? 'stop', 0)];
      }
      case 'message_stop': {
        this.done = true;
        const usage = { ...this.usage };
        const data = JSON.stringify({ ...this.base(), choices: [], usage: openaiUsage(usage) });
        return [{ type: 'usage', data, usage }];
      }
      default:
        return []; // unknown event types are skipped, as Anthropic's versioning policy asks
    }
  }

  /** message_start carries input tokens; message_delta carries cumulative output (and sometimes input) tokens. */
  private addUsage(u: AnthropicUsage): void {
    const prompt = promptTokens(u);
    if (prompt > 0) this.usage.promptTokens = prompt;
    if (u.output_tokens !== undefined) this.usage.completionTokens = u.output_tokens;
  }

  private typeOf(data: string): string | null {
    try {
      const v: unknown = JSON.parse(data);
      return typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string' ? v.type : null;
    } catch {
      return null;
    }
  }

  private parse<T extends z.ZodType>(e: SseEvent, shape: T): z.output<T> {
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      throw new UpstreamError(this.provider, 'malformed', `stream event ${e.event ?? ''} is not JSON`);
    }
    const r = shape.safeParse(json);
    if (!r.success)
      throw new UpstreamError(
        this.provider,
        'malformed',
        `stream event ${e.event ?? ''} has an unexpected shape`,
      );
    return r.data;
  }

  private base(): { id: string; object: string; created: number; model: string } {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  private chunk(delta: Record<string, string>, finish: string | null, chars: number): StreamEvent {
    const data = JSON.stringify({
      ...this.base(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
    return { type: 'delta', data, chars, usage: null };
  }
}
