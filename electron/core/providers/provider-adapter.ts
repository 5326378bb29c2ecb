// What the router needs of a provider adapter, whatever wire format it speaks.
// Adapters always answer in OpenAI's chat.completions shape; translation is their business.
import type { ChatRequest } from '../model/chat-request';
import type { Usage } from '../model/cost';
import type { OpenAIErrorBody } from '../model/errors';

export type ProviderKind = 'openai' | 'anthropic';

/** A request already translated into the provider's wire format, ready to send. */
export interface PreparedCall {
  /** The model id the client asked for (echoed in translated responses). */
  readonly model: string;
  /** JSON text of the upstream request body. */
  readonly body: string;
}

/** A non-streaming completion, as OpenAI JSON text. */
export interface PlainCompletion {
  body: string;
  /** null when the provider reported no usage (then the router estimates it). */
  usage: Usage | null;
  /** Characters of generated text, for estimating completion tokens when usage is missing. */
  completionChars: number;
}

/**
 * One event of a completion stream, as the `data:` payload of an OpenAI chat.completion.chunk.
 * `usage` is the final usage-only chunk (choices: []), forwarded only if the client asked for it.
 */
export type StreamEvent =
  | { type: 'delta'; data: string; chars: number; usage: Usage | null }
  | { type: 'usage'; data: string; usage: Usage };

/** A started stream: the first event has already arrived (so a failure before it can fall back). */
export interface CompletionStream extends AsyncIterable<StreamEvent> {
  /** Stop reading and drop the upstream connection. */
  abort(): void;
}

export interface ProviderAdapter {
  readonly name: string;
  readonly kind: ProviderKind;
  /** Translates the request for this provider; throws UpstreamError (clientError) if it cannot be expressed. */
  prepare(req: ChatRequest, stream: boolean): PreparedCall;
  complete(call: PreparedCall): Promise<PlainCompletion>;
  stream(call: PreparedCall): Promise<CompletionStream>;
  /** Drops pooled connections. */
  close(): void;
}

/** How an upstream attempt failed. `http` carries the status. */
export type FailureKind = 'http' | 'timeout' | 'network' | 'malformed' | 'unsupported';

/**
 * An upstream attempt that did not produce a completion. `clientError` means the client's request
 * itself was at fault (e.g. 400 from the provider): the router passes it through and does not fall back.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly provider: string,
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly clientError = false,
    /** OpenAI-shaped error to show the client for a pass-through. */
    readonly errorBody: OpenAIErrorBody | null = null,
  ) {
    super(message);
  }
}

/** Upstream statuses that blame the client's request: answered as-is, never retried elsewhere. */
const CLIENT_CAUSED = new Set([400, 413, 415, 422]);

/**
 * Whether an upstream HTTP status is the client's fault. Other 4xx (401/403 bad key, 404 model not
 * served there, 408, 409, 429 rate limit) are the provider's or our configuration's problem: fall back.
 */
export function isClientCaused(status: number): boolean {
  return CLIENT_CAUSED.has(status);
}
