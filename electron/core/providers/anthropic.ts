// Adapter for the Anthropic Messages API: translates chat.completions ⇄ messages, plain and streaming.
import type { ChatRequest } from '../model/chat-request';
import type { ProviderConfig } from '../config/config';
import { toAnthropicRequest } from './anthropic-request';
import { AnthropicStreamTranslator, fromAnthropicMessage } from './anthropic-response';
import { openCompletionStream } from './event-stream';
import { HttpAdapter } from './http-adapter';
import type { CompletionStream, PlainCompletion, PreparedCall, ProviderAdapter } from './provider-adapter';

export const ANTHROPIC_VERSION = '2023-06-01';

export class AnthropicAdapter extends HttpAdapter implements ProviderAdapter {
  readonly kind = 'anthropic' as const;
  /** Per model id, the output cap sent when a request sets none (what its reservation counted). */
  private readonly maxOutput: ReadonlyMap<string, number>;

  constructor(cfg: ProviderConfig, apiKey: string | null) {
    super(
      cfg,
      { 'anthropic-version': ANTHROPIC_VERSION, ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      '/messages',
    );
    this.maxOutput = new Map(cfg.models.map((m) => [m.id, m.maxOutputTokens]));
  }

  prepare(req: ChatRequest, stream: boolean): PreparedCall {
    const body = toAnthropicRequest(this.name, req, stream, this.maxOutput.get(req.model));
    return { model: req.model, body: JSON.stringify(body) };
  }

  async complete(call: PreparedCall): Promise<PlainCompletion> {
    return fromAnthropicMessage(this.name, call.model, await this.postForText(call.body));
  }

  async stream(call: PreparedCall): Promise<CompletionStream> {
    const up = await this.postForStream(call.body);
    return openCompletionStream(this.name, up, new AnthropicStreamTranslator(this.name, call.model));
  }
}
