// Reads a provider's non-2xx answer (OpenAI or Anthropic error JSON, or anything else) into an UpstreamError.
import { z } from 'zod';
import type { OpenAIErrorBody } from '../model/errors';
import { isClientCaused, UpstreamError } from './provider-adapter';

const errorShape = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.union([z.string(), z.number()]).nullable().optional(),
    param: z.string().nullable().optional(),
  }),
});

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

/** The provider's error message and fields, whatever shape the body has. */
export function readErrorBody(status: number, text: string): OpenAIErrorBody {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: fall through to the raw text
  }
  const r = errorShape.safeParse(parsed);
  if (r.success) {
    const e = r.data.error;
    return {
      message: e.message ?? excerpt(text),
      type: e.type ?? (status < 500 ? 'invalid_request_error' : 'server_error'),
      code: e.code === undefined || e.code === null ? null : String(e.code),
      param: e.param ?? null,
    };
  }
  return {
    message: text.trim() === '' ? `HTTP ${status}` : excerpt(text),
    type: status < 500 ? 'invalid_request_error' : 'server_error',
    code: null,
    param: null,
  };
}

/** An UpstreamError for an HTTP error status: client-caused 4xx keep the provider's error for pass-through. */
export function httpFailure(provider: string, status: number, text: string): UpstreamError {
  const body = readErrorBody(status, text);
  const client = isClientCaused(status);
  return new UpstreamError(
    provider,
    'http',
    `HTTP ${status}: ${body.message}`,
    status,
    client,
    client ? { ...body, message: `${body.message} (from provider "${provider}")` } : null,
  );
}
