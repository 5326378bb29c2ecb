// The most a request can cost, reserved before it is dispatched: an upper bound, not an estimate.
//
// Prompt. Byte-level tokenizers (tiktoken, Llama 3, Qwen, and SentencePiece with byte fallback)
// never make a token of less than one byte of text, so the UTF-8 byte length of what the request
// sends the model bounds its tokens. Counted at 1 token per byte: message text (string content,
// text parts) and names. Counted at 2 tokens per byte of their JSON: everything structured (tool
// calls and their arguments, non-text parts, any other message field, and every top-level field
// that is not a sampling control, such as tools or response_format), because chat templates may
// re-render JSON with indentation and spacing that cost more tokens than the compact bytes.
// Allowances on top, for what the text does not contain:
//   - FRAMING_TOKENS_PER_MESSAGE per message and per tool call: role markers and separators. Real
//     templates use 3-6 (OpenAI documents 3 per message, ChatML and Llama 3 use 5).
//   - FRAMING_TOKENS_PER_REQUEST once: the reply priming and a BOS token, plus the default system
//     prompt some templates inject (Llama 3.1's knowledge-date header, Qwen's identity line:
//     about 25 tokens).
//   - TOOL_PROMPT_TOKENS when the request declares tools or functions: the instructions templates
//     and providers wrap around tool definitions (Anthropic documents up to ~350 tokens).
//   - MEDIA_PART_TOKENS per non-text content part: an image or audio clip costs tokens that its
//     URL does not show; 16384 covers an image at any detail on the providers we know (the largest:
//     dynamic-resolution open models at their default pixel cap).
// What no request can bound (a file referenced by id, a provider that counts differently or
// lies) is caught after the fact: the router records `reservation_exceeded` and alerts.
//
// Completion. max_completion_tokens, else max_tokens, else the model's configured output cap
// (maxOutputTokens), times n.
import { requestedMaxTokens, type ChatMessage, type ChatRequest } from '../model/chat-request';
import { costUsd, type Prices, type Usage } from '../model/cost';

export const FRAMING_TOKENS_PER_MESSAGE = 16;
export const FRAMING_TOKENS_PER_REQUEST = 64;
export const TOOL_PROMPT_TOKENS = 1024;
export const MEDIA_PART_TOKENS = 16_384;
/** Tokens per byte of structured (JSON) input. */
const JSON_TOKENS_PER_BYTE = 2;

/** Top-level request fields that steer sampling or transport and never reach the prompt. */
const CONTROL_FIELDS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'n',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'user',
]);

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Tokens a structured value can cost: 2 per byte of its JSON (0 when absent). */
function jsonTokens(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : JSON_TOKENS_PER_BYTE * bytes(text);
}

function contentTokens(content: ChatMessage['content']): number {
  if (typeof content === 'string') return bytes(content);
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (part.type === 'text' && typeof part.text === 'string') {
      n += bytes(part.text) + 1; // + a separator between parts
    } else n += jsonTokens(part) + MEDIA_PART_TOKENS;
  }
  return n;
}

/** The most prompt tokens one message can add (see the header for why each term is there). */
export function messageTokenBound(m: ChatMessage): number {
  let n = FRAMING_TOKENS_PER_MESSAGE;
  for (const [key, value] of Object.entries(m)) {
    if (key === 'role') continue; // covered by the framing allowance
    if (key === 'content') n += contentTokens(m.content);
    else if (key === 'name' && typeof value === 'string') n += bytes(value);
    else {
      n += jsonTokens(value);
      if (key === 'tool_calls' && Array.isArray(value)) n += FRAMING_TOKENS_PER_MESSAGE * value.length;
    }
  }
  return n;
}

/** The most prompt tokens the request can be billed for, on a byte-level tokenizer. */
export function promptTokenBound(req: ChatRequest): number {
  let n = FRAMING_TOKENS_PER_REQUEST;
  for (const m of req.messages) n += messageTokenBound(m);
  let tools = false;
  for (const [key, value] of Object.entries(req)) {
    if (CONTROL_FIELDS.has(key)) continue;
    n += jsonTokens(value);
    if ((key === 'tools' || key === 'functions') && value !== null && value !== undefined) tools = true;
  }
  return tools ? n + TOOL_PROMPT_TOKENS : n;
}

/** The most completion tokens the request can be billed for: its cap (or the model's) × n. */
export function completionTokenBound(req: ChatRequest, modelMaxOutputTokens: number): number {
  return (requestedMaxTokens(req) ?? modelMaxOutputTokens) * (req.n ?? 1);
}

/** A candidate's bound: tokens, and their cost at its prices. */
export interface CandidateBound extends Usage {
  usd: number;
}

/** What a request reserves: the dearest candidate's bound, and each candidate's own. */
export interface ReservationBound {
  usd: number;
  /** Per provider; the served provider's bound is what its reported usage is checked against. */
  byProvider: ReadonlyMap<string, CandidateBound>;
}

export interface PricedModel {
  provider: string;
  price: Prices & { maxOutputTokens: number };
}

/** The request's bound on each candidate; `usd` is the largest, the amount to reserve. */
export function reservationBound(req: ChatRequest, candidates: readonly PricedModel[]): ReservationBound {
  const promptTokens = promptTokenBound(req);
  const byProvider = new Map<string, CandidateBound>();
  let usd = 0;
  for (const c of candidates) {
    const usage = { promptTokens, completionTokens: completionTokenBound(req, c.price.maxOutputTokens) };
    const b = { ...usage, usd: costUsd(usage, c.price) };
    byProvider.set(c.provider, b);
    usd = Math.max(usd, b.usd);
  }
  return { usd, byProvider };
}

/** Both figures of a request whose reported usage passed what was reserved for it. */
export interface ReservationExcess {
  reserved: CandidateBound;
  actual: CandidateBound;
  /** Only the figures that went past their bound, e.g. "completion tokens 31 > 16 reserved" (an alert
   * must not say "more than reserved" of a figure that was less). */
  exceeded: string[];
}

/**
 * The excess, or null when the usage stayed within the bound: more prompt or completion tokens
 * than bounded, or a cost above the amount held.
 */
export function reservationExcess(
  reservedUsd: number,
  bound: Usage,
  actual: Usage,
  actualUsd: number,
): ReservationExcess | null {
  const exceeded: string[] = [];
  if (actual.promptTokens > bound.promptTokens)
    exceeded.push(`prompt tokens ${actual.promptTokens} > ${bound.promptTokens} reserved`);
  if (actual.completionTokens > bound.completionTokens)
    exceeded.push(`completion tokens ${actual.completionTokens} > ${bound.completionTokens} reserved`);
  if (Math.round(actualUsd * 1e6) > Math.round(reservedUsd * 1e6))
    exceeded.push(`cost $${actualUsd.toFixed(6)} > $${reservedUsd.toFixed(6)} held`);
  if (exceeded.length === 0) return null;
  return {
    reserved: {
      promptTokens: bound.promptTokens,
      completionTokens: bound.completionTokens,
      usd: reservedUsd,
    },
    actual: { promptTokens: actual.promptTokens, completionTokens: actual.completionTokens, usd: actualUsd },
    exceeded,
  };
}
