// Every error the gateway answers, in OpenAI's shape: {"error":{"message","type","code","param"}}.
// One constructor per kind of failure, so the status/type/code of each lives in exactly one place.

export interface OpenAIErrorBody {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    /** Extra response headers, e.g. retry-after. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /**
   * A GatewayError is an answer to the client, never a bug: its stack is never read, and capturing
   * one is most of the cost of refusing a request (a local process without the token sending
   * requests in a loop, or every request once the budget is spent).
   */
  static answer(...args: ConstructorParameters<typeof GatewayError>): GatewayError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new GatewayError(...args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  body(): { error: OpenAIErrorBody } {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param } };
  }

  json(): string {
    return JSON.stringify(this.body());
  }
}

/** Tells OpenAI SDKs not to retry: the answer will not change on a retry. */
const NO_RETRY = { 'x-should-retry': 'false' } as const;

export const errors = {
  invalidRequest: (message: string, param: string | null = null, code = 'invalid_request') =>
    GatewayError.answer(400, 'invalid_request_error', code, message, param, NO_RETRY),

  unauthorized: (message: string) =>
    GatewayError.answer(401, 'authentication_error', 'invalid_api_key', message, null, {
      ...NO_RETRY,
      'www-authenticate': 'Bearer realm="penin"',
    }),

  notFound: (message: string) =>
    GatewayError.answer(404, 'invalid_request_error', 'not_found', message, null, NO_RETRY),

  modelNotFound: (model: string, known: readonly string[]) =>
    GatewayError.answer(
      404,
      'invalid_request_error',
      'model_not_found',
      `The model "${model}" is not served by any active provider. Available: ${known.length ? known.join(', ') : '(none: no provider is active)'}.`,
      'model',
      NO_RETRY,
    ),

  methodNotAllowed: (method: string, path: string, allowed: string) =>
    GatewayError.answer(
      405,
      'invalid_request_error',
      'method_not_allowed',
      `${method} is not allowed on ${path}; use ${allowed}.`,
      null,
      {
        ...NO_RETRY,
        allow: allowed,
      },
    ),

  payloadTooLarge: (limitBytes: number) =>
    GatewayError.answer(
      413,
      'invalid_request_error',
      'request_too_large',
      `Request body exceeds ${limitBytes} bytes.`,
      null,
      {
        ...NO_RETRY,
        connection: 'close',
      },
    ),

  budgetExceeded: (limit: 'soft' | 'hard', detail: string) =>
    GatewayError.answer(
      429,
      'insufficient_quota',
      'budget_exceeded',
      `Daily budget ${limit} limit reached: ${detail}`,
      null,
      NO_RETRY,
    ),

  upstreamFailed: (providers: readonly string[], detail: string) =>
    GatewayError.answer(
      502,
      'upstream_error',
      'upstream_error',
      `Upstream provider${providers.length > 1 ? 's' : ''} ${providers.map((p) => `"${p}"`).join(', ')} failed: ${detail}`,
    ),

  noProvider: (model: string, retryAfterMs: number | null, detail: string) =>
    GatewayError.answer(
      503,
      'server_error',
      'no_provider_available',
      `No healthy provider for model "${model}": ${detail}`,
      null,
      retryAfterMs === null ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    ),

  ledgerUnavailable: (detail: string) =>
    GatewayError.answer(
      503,
      'server_error',
      'ledger_unavailable',
      `The audit ledger cannot record this request, so the gateway refuses to answer it (fail closed): ${detail}`,
    ),

  /** The fleet's shared budget (Redis) cannot be reached: nothing is spent without it (fail closed). */
  budgetUnavailable: (detail: string) =>
    GatewayError.answer(
      503,
      'server_error',
      'budget_unavailable',
      `The fleet's shared budget cannot be reached, so the gateway refuses to spend (fail closed); it reconnects by itself: ${detail}`,
      null,
      { 'retry-after': '1' },
    ),

  internal: (detail: string) =>
    GatewayError.answer(500, 'server_error', 'internal_error', `Internal gateway error: ${detail}`),
};
