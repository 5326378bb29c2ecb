// What a request costs: the worst case reserved before dispatch, and the real cost from usage.
import { messageChars, requestedMaxTokens, type ChatRequest } from './chat-request';
import type { ModelPrice } from './config';

/** Completion tokens assumed when the client sets no max_tokens (and sent to Anthropic, which requires one). */
export const DEFAULT_MAX_TOKENS = 4096;

/** Per-message framing tokens (role markers etc.) that chars/4 does not see. */
const TOKENS_PER_MESSAGE = 4;

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type Prices = Pick<ModelPrice, 'inputPerMTok' | 'outputPerMTok'>;

/** USD for the given token counts at the given prices. */
export function costUsd(usage: Usage, price: Prices): number {
  return (usage.promptTokens * price.inputPerMTok + usage.completionTokens * price.outputPerMTok) / 1_000_000;
}

/** Tokens in some text, estimated as characters / 4 rounded up. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Input tokens of a request: message text length / 4 rounded up, plus per-message framing. */
export function estimateInputTokens(req: ChatRequest): number {
  let chars = 0;
  for (const m of req.messages) chars += messageChars(m);
  return estimateTokens(chars) + TOKENS_PER_MESSAGE * req.messages.length;
}

/** The most a request can cost on any of the given prices: estimated input + the completion cap, × n. */
export function worstCaseUsd(req: ChatRequest, prices: readonly Prices[]): number {
  const usage: Usage = {
    promptTokens: estimateInputTokens(req),
    completionTokens: (requestedMaxTokens(req) ?? DEFAULT_MAX_TOKENS) * (req.n ?? 1),
  };
  let worst = 0;
  for (const p of prices) worst = Math.max(worst, costUsd(usage, p));
  return worst;
}
