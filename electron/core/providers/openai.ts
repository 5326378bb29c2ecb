// Adapter for any OpenAI-compatible chat.completions API (OpenAI, Mistral, DeepSeek, Groq,
// OpenRouter, Ollama, vLLM...): the request goes through as the client sent it, except that
// streams always ask for usage (stream_options.include_usage) so the gateway can price them.
import type { ChatRequest } from '../model/chat-request';
import type { ProviderConfig } from '../config/config';
import { openCompletionStream, type StreamTranslator } from './event-stream';
import { HttpAdapter } from './http-adapter';
import { isErrorEvent, readChunk, readCompletion } from './openai-shapes';
import type { SseEvent } from './sse';
import {
  UpstreamError,
  type CompletionStream,
  type PlainCompletion,
  type PreparedCall,
  type ProviderAdapter,
  type StreamEvent,
} from './provider-adapter';
import { readErrorBody } from './upstream-error';

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
    const chunk = readChunk(json);
    if (chunk === null) {
      if (isErrorEvent(json)) {
        throw new UpstreamError(
          this.provider,
          'http',
          `error in stream: ${readErrorBody(500, e.data).message}`,
        );
      }
      throw new UpstreamError(this.provider, 'malformed', 'stream event is not a chat.completion.chunk');
    }
    const usage = chunk.usage;
    if (chunk.choices === 0) return usage ? [{ type: 'usage', data: e.data, usage }] : [];
    return [{ type: 'delta', data: e.data, chars: chunk.chars, usage }];
  }
}

export class OpenAIAdapter extends HttpAdapter implements ProviderAdapter {
  readonly kind = 'openai' as const;

  constructor(cfg: ProviderConfig, apiKey: string | null) {
    super(cfg, apiKey ? { authorization: `Bearer ${apiKey}` } : {}, '/chat/completions');
  }

  prepare(req: ChatRequest, stream: boolean): PreparedCall {
    // The common plain case: the request as sent plus "stream": false, serialized once, no copy.
    if (!stream && req.stream === undefined && req.stream_options === undefined) {
      const text = JSON.stringify(req);
      return { model: req.model, body: `${text.slice(0, -1)},"stream":false}` };
    }
    const body: ChatRequest = stream
      ? { ...req, stream: true, stream_options: { ...req.stream_options, include_usage: true } }
      : { ...req, stream: false };
    if (!stream) delete body.stream_options;
    return { model: req.model, body: JSON.stringify(body) };
  }

  async complete(call: PreparedCall): Promise<PlainCompletion> {
    const text = await this.postForText(call.body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UpstreamError(this.name, 'malformed', 'response body is not JSON');
    }
    const r = readCompletion(json);
    if (r === null)
      throw new UpstreamError(this.name, 'malformed', 'response is not a chat.completion (no choices)');
    return { body: text, usage: r.usage, completionChars: r.chars };
  }

  async stream(call: PreparedCall): Promise<CompletionStream> {
    const up = await this.postForStream(call.body);
    return openCompletionStream(this.name, up, new OpenAIStreamTranslator(this.name));
  }
}
