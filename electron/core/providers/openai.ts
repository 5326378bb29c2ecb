// Adapter for any OpenAI-compatible chat.completions API (OpenAI, Mistral, DeepSeek, Groq,
// OpenRouter, Ollama, vLLM...): the request goes through as the client sent it, except that
// streams always ask for usage (stream_options.include_usage) so the gateway can price them.
import { z } from 'zod';
import type { ChatRequest } from '../chat-request';
import type { ProviderConfig } from '../config';
import type { Usage } from '../cost';
import { openCompletionStream, type StreamTranslator } from './event-stream';
import { UpstreamHttp } from './http-client';
import type { SseEvent } from './sse';
import {
  UpstreamError,
  type CompletionStream,
  type PlainCompletion,
  type PreparedCall,
  type ProviderAdapter,
  type StreamEvent,
} from './types';
import { httpFailure, readErrorBody } from './upstream-error';

const usageShape = z.looseObject({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
});

const completionShape = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({ content: z.string().nullable().optional() }).nullable().optional(),
      }),
    )
    .min(1),
  usage: usageShape.nullable().optional(),
});

const chunkShape = z.looseObject({
  choices: z.array(
    z.looseObject({
      delta: z.looseObject({ content: z.string().nullable().optional() }).nullable().optional(),
    }),
  ),
  usage: usageShape.nullable().optional(),
});

const errorEventShape = z.looseObject({ error: z.unknown() });

function toUsage(u: z.output<typeof usageShape> | null | undefined): Usage | null {
  return u ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens } : null;
}

class OpenAIStreamTranslator implements StreamTranslator {
  done = false;

  constructor(private readonly provider: string) {}

  onEvent(e: SseEvent): StreamEvent[] {
    if (e.data === '[DONE]') {
      this.done = true;
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      throw new UpstreamError(this.provider, 'malformed', 'stream event is not JSON');
    }
    const chunk = chunkShape.safeParse(json);
    if (!chunk.success) {
      if (errorEventShape.safeParse(json).success) {
        throw new UpstreamError(
          this.provider,
          'http',
          `error in stream: ${readErrorBody(500, e.data).message}`,
        );
      }
      throw new UpstreamError(this.provider, 'malformed', 'stream event is not a chat.completion.chunk');
    }
    const usage = toUsage(chunk.data.usage);
    if (chunk.data.choices.length === 0) return usage ? [{ type: 'usage', data: e.data, usage }] : [];
    let chars = 0;
    for (const c of chunk.data.choices) chars += c.delta?.content?.length ?? 0;
    return [{ type: 'delta', data: e.data, chars, usage }];
  }
}

export class OpenAIAdapter implements ProviderAdapter {
  readonly kind = 'openai' as const;
  readonly name: string;
  private readonly http: UpstreamHttp;
  private readonly headers: Record<string, string>;
  private readonly streamHeaders: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(cfg: ProviderConfig, apiKey: string | null) {
    this.name = cfg.name;
    this.timeoutMs = cfg.timeoutMs;
    this.http = new UpstreamHttp(cfg.name, cfg.baseUrl);
    this.headers = {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    };
    this.streamHeaders = { ...this.headers, accept: 'text/event-stream' };
  }

  prepare(req: ChatRequest, stream: boolean): PreparedCall {
    const body: ChatRequest = stream
      ? { ...req, stream: true, stream_options: { ...req.stream_options, include_usage: true } }
      : { ...req, stream: false };
    if (!stream) delete body.stream_options;
    return { model: req.model, body: JSON.stringify(body) };
  }

  async complete(call: PreparedCall): Promise<PlainCompletion> {
    const up = this.http.post('/chat/completions', this.headers, call.body, this.timeoutMs);
    const res = await up.response;
    const text = await up.text(res);
    up.finish();
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw httpFailure(this.name, status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UpstreamError(this.name, 'malformed', 'response body is not JSON');
    }
    const r = completionShape.safeParse(json);
    if (!r.success)
      throw new UpstreamError(this.name, 'malformed', 'response is not a chat.completion (no choices)');
    let chars = 0;
    for (const c of r.data.choices) chars += c.message?.content?.length ?? 0;
    return { body: text, usage: toUsage(r.data.usage), completionChars: chars };
  }

  async stream(call: PreparedCall): Promise<CompletionStream> {
    const up = this.http.post('/chat/completions', this.streamHeaders, call.body, this.timeoutMs);
    const res = await up.response;
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const text = await up.text(res);
      up.finish();
      throw httpFailure(this.name, status, text);
    }
    return openCompletionStream(this.name, up, res, new OpenAIStreamTranslator(this.name));
  }

  close(): void {
    this.http.close();
  }
}
