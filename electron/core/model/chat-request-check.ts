// Checking a client's decoded body against chatRequestSchema (chat-request.ts). The hot path is a
// hand-written check of exactly the schema's rules: it only ever says "valid" for a body the schema
// accepts unchanged, so a body it rejects (or is unsure of) goes to the schema, which gives the
// error message. Keep the two in step: the test in test/core/model/chat-request-check.test.ts
// compares them on valid and invalid bodies.
import { formatPath } from '../config/config';
import { chatRequestSchema, type ChatRequest } from './chat-request';

type Json = { [key: string]: unknown };

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const MAX_TOKENS_CAP = 10_000_000;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const absent = (v: unknown): boolean => v === undefined || v === null;

function numberIn(v: unknown, min: number, max: number): boolean {
  return absent(v) || (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max);
}

function intIn(v: unknown, min: number, max: number): boolean {
  return absent(v) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max);
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

function isContent(c: unknown): boolean {
  if (c === undefined || c === null || typeof c === 'string') return true;
  if (!Array.isArray(c)) return false;
  for (const part of c) {
    if (!isObject(part) || typeof part.type !== 'string' || part.type.length === 0) return false;
  }
  return true;
}

function isMessage(m: unknown): boolean {
  return (
    isObject(m) &&
    typeof m.role === 'string' &&
    ROLES.has(m.role) &&
    isContent(m.content) &&
    optionalString(m.name)
  );
}

function isStop(v: unknown): boolean {
  if (absent(v) || typeof v === 'string') return true;
  if (!Array.isArray(v) || v.length > 4) return false;
  for (const s of v) if (typeof s !== 'string') return false;
  return true;
}

/** True only for a body chatRequestSchema accepts as it is. */
export function isValidChatRequest(b: unknown): b is ChatRequest {
  if (!isObject(b)) return false;
  const model = b.model;
  if (typeof model !== 'string' || model.length < 1 || model.length > 200) return false;
  const messages = b.messages;
  if (!Array.isArray(messages) || messages.length < 1) return false;
  for (const m of messages) if (!isMessage(m)) return false;
  const stream = b.stream;
  if (!absent(stream) && typeof stream !== 'boolean') return false;
  const so = b.stream_options;
  if (
    !absent(so) &&
    !(isObject(so) && (so.include_usage === undefined || typeof so.include_usage === 'boolean'))
  )
    return false;
  return (
    numberIn(b.temperature, 0, 2) &&
    numberIn(b.top_p, 0, 1) &&
    intIn(b.n, 1, 128) &&
    intIn(b.max_tokens, 1, MAX_TOKENS_CAP) &&
    intIn(b.max_completion_tokens, 1, MAX_TOKENS_CAP) &&
    isStop(b.stop) &&
    numberIn(b.presence_penalty, -2, 2) &&
    numberIn(b.frequency_penalty, -2, 2) &&
    intIn(b.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) &&
    optionalString(b.user)
  );
}

export type ParsedChatRequest =
  { ok: true; request: ChatRequest } | { ok: false; message: string; param: string | null };

/** Validates a decoded JSON body; on failure says what is wrong and where (`messages[0].role: ...`). */
export function parseChatRequest(body: unknown): ParsedChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'request body must be a JSON object', param: null };
  }
  // Hot path: a hand-written check of the same rules; the schema below answers anything it rejects.
  if (isValidChatRequest(body)) return { ok: true, request: body };
  const r = chatRequestSchema.safeParse(body);
  if (r.success) return { ok: true, request: r.data };
  const first = r.error.issues[0];
  const param = first.path.length ? formatPath(first.path) : null;
  const all = r.error.issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = r.error.issues.length > 5 ? ` (and ${r.error.issues.length - 5} more)` : '';
  return { ok: false, message: `Invalid request body: ${all.join('; ')}${more}`, param };
}
