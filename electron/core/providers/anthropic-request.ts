// chat.completions request → Anthropic Messages request. What has no Messages equivalent (n > 1,
// tools, response_format, tool/function messages, ...) is refused with a 400 naming the parameter,
// rather than silently dropped.
import { messageText, requestedMaxTokens, type ChatMessage, type ChatRequest } from '../model/chat-request';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../config/config';
import { UpstreamError } from './provider-adapter';

type TextBlock = { type: 'text'; text: string };
type ImageBlock = {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
};
type Block = TextBlock | ImageBlock;

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: { role: 'user' | 'assistant'; content: string | Block[] }[];
  system?: string;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  stream?: boolean;
  metadata?: { user_id: string };
}

/** Request fields Anthropic cannot honour. Harmless sampling hints (seed, penalties) are dropped instead. */
const UNSUPPORTED = [
  'tools',
  'tool_choice',
  'functions',
  'function_call',
  'response_format',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'audio',
  'modalities',
  'prediction',
];

function unsupported(provider: string, param: string, why: string): UpstreamError {
  const message = `${why} (provider "${provider}" speaks the Anthropic Messages API)`;
  return new UpstreamError(provider, 'unsupported', message, 400, true, {
    message,
    type: 'invalid_request_error',
    code: 'unsupported_parameter',
    param,
  });
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function toBlocks(provider: string, m: ChatMessage, i: number): Block[] {
  const content = Array.isArray(m.content) ? m.content : [];
  return content.map((part, j): Block => {
    if (part.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
    const img = part.image_url;
    const url =
      typeof img === 'object' && img !== null && 'url' in img ? (img as { url: unknown }).url : undefined;
    if (part.type === 'image_url' && typeof url === 'string') {
      const data = DATA_URL.exec(url);
      if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
      return { type: 'image', source: { type: 'url', url } };
    }
    throw unsupported(
      provider,
      `messages[${i}].content[${j}]`,
      `content part type "${part.type}" is not supported`,
    );
  });
}

/** Translates a validated chat.completions request; throws a client-caused UpstreamError if it cannot. */
/** `defaultMaxTokens`: sent when the client set no cap (Anthropic requires one): the model's maxOutputTokens. */
export function toAnthropicRequest(
  provider: string,
  req: ChatRequest,
  stream: boolean,
  defaultMaxTokens = DEFAULT_MAX_OUTPUT_TOKENS,
): AnthropicRequest {
  for (const key of UNSUPPORTED) {
    if (req[key] !== undefined && req[key] !== null)
      throw unsupported(provider, key, `"${key}" is not supported`);
  }
  if ((req.n ?? 1) !== 1) throw unsupported(provider, 'n', 'n must be 1');

  const system: string[] = [];
  const messages: AnthropicRequest['messages'] = [];
  req.messages.forEach((m, i) => {
    if (m.role === 'system' || m.role === 'developer') {
      const text = messageText(m);
      if (text === null)
        throw unsupported(provider, `messages[${i}].content`, 'system messages must be text');
      system.push(text);
    } else if (m.role === 'user' || m.role === 'assistant') {
      const content = typeof m.content === 'string' ? m.content : m.content ? toBlocks(provider, m, i) : '';
      messages.push({ role: m.role, content });
    } else {
      throw unsupported(provider, `messages[${i}].role`, `role "${m.role}" is not supported`);
    }
  });
  if (messages.length === 0)
    throw unsupported(provider, 'messages', 'at least one user or assistant message is required');

  const out: AnthropicRequest = {
    model: req.model,
    max_tokens: requestedMaxTokens(req) ?? defaultMaxTokens,
    messages,
  };
  if (system.length) out.system = system.join('\n\n');
  // OpenAI's temperature runs 0..2, Anthropic's 0..1: values above 1 are capped.
  if (req.temperature !== undefined && req.temperature !== null)
    out.temperature = Math.min(1, req.temperature);
  if (req.top_p !== undefined && req.top_p !== null) out.top_p = req.top_p;
  if (req.stop !== undefined && req.stop !== null)
    out.stop_sequences = typeof req.stop === 'string' ? [req.stop] : req.stop;
  if (req.user) out.metadata = { user_id: req.user };
  if (stream) out.stream = true;
  return out;
}
