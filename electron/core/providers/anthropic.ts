// Adapter for the Anthropic Messages API: translates chat.completions ⇄ messages, plain and streaming.
import type { ChatRequest } from '../chat-request';
import type { ProviderConfig } from '../config';
import { toAnthropicRequest } from './anthropic-request';
import { AnthropicStreamTranslator, fromAnthropicMessage } from './anthropic-response';
import { openCompletionStream } from './event-stream';
import { UpstreamHttp } from './http-client';
import type { CompletionStream, PlainCompletion, PreparedCall, ProviderAdapter } from './types';
import { httpFailure } from './upstream-error';

export const ANTHROPIC_VERSION = '2023-06-01';

export class AnthropicAdapter implements ProviderAdapter {
  readonly kind = 'anthropic' as const;
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
      'anthropic-version': ANTHROPIC_VERSION,
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    };
    this.streamHeaders = { ...this.headers, accept: 'text/event-stream' };
  }

  prepare(req: ChatRequest, stream: boolean): PreparedCall {
    return { model: req.model, body: JSON.stringify(toAnthropicRequest(this.name, req, stream)) };
  }

  async complete(call: PreparedCall): Promise<PlainCompletion> {
    const up = this.http.post('/messages', this.headers, call.body, this.timeoutMs);
    const status = await up.response;
    const text = await up.text();
    up.finish();
    if (status < 200 || status >= 300) throw httpFailure(this.name, status, text);
    return fromAnthropicMessage(this.name, call.model, text);
  }

  async stream(call: PreparedCall): Promise<CompletionStream> {
    const up = this.http.post('/messages', this.streamHeaders, call.body, this.timeoutMs);
    const status = await up.response;
    if (status < 200 || status >= 300) {
      const text = await up.text();
      up.finish();
      throw httpFailure(this.name, status, text);
    }
    return openCompletionStream(this.name, up, new AnthropicStreamTranslator(this.name, call.model));
  }

  close(): void {
    this.http.close();
  }
}
