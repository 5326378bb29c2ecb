// The body of POST /v1/chat/completions as the gateway accepts it (zod, at the edge).
// Known fields are type-checked; unknown fields (tools, response_format, ...) are kept and passed
// to OpenAI-compatible providers untouched, so the gateway does not lag behind the API.
// Parsing a client's body into one is chat-request-check.ts.
import { z } from 'zod';

const contentPart = z.looseObject({ type: z.string().min(1) });

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
});

/** No model generates more than this in one answer; larger caps are typos (and would overflow cost math). */
const MAX_TOKENS_CAP = 10_000_000;

const nullableNumber = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1, 'model is required').max(200),
  messages: z.array(message).min(1, 'messages must contain at least one message'),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  temperature: nullableNumber(0, 2),
  top_p: nullableNumber(0, 1),
  n: z.number().int().min(1).max(128).nullable().optional(),
  max_tokens: z.number().int().positive().max(MAX_TOKENS_CAP).nullable().optional(),
  max_completion_tokens: z.number().int().positive().max(MAX_TOKENS_CAP).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  presence_penalty: nullableNumber(-2, 2),
  frequency_penalty: nullableNumber(-2, 2),
  seed: z.number().int().nullable().optional(),
  user: z.string().optional(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest['messages'][number];

/** The completion-token cap the client asked for, if any. */
export function requestedMaxTokens(req: ChatRequest): number | null {
  return req.max_completion_tokens ?? req.max_tokens ?? null;
}

/** Characters of text in a message, for token estimates: string content, text parts, anything else as JSON. */
export function messageChars(m: ChatMessage): number {
  let n = m.name?.length ?? 0;
  const c = m.content;
  if (typeof c === 'string') n += c.length;
  else if (Array.isArray(c)) {
    for (const part of c) n += typeof part.text === 'string' ? part.text.length : JSON.stringify(part).length;
  }
  if (m.tool_calls !== undefined) n += JSON.stringify(m.tool_calls).length;
  return n;
}

/** Plain text of a message's content (text parts joined), or null when it holds non-text parts. */
export function messageText(m: ChatMessage): string | null {
  const c = m.content;
  if (c === undefined || c === null) return '';
  if (typeof c === 'string') return c;
  let out = '';
  for (const part of c) {
    if (part.type !== 'text' || typeof part.text !== 'string') return null;
    out += part.text;
  }
  return out;
}
