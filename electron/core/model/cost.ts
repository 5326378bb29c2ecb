// What a request costs from its usage, and a best estimate of that usage when a provider reports
// none. The amount reserved before dispatch is an upper bound instead: budget/reservation-bound.ts.
import { messageChars, type ChatRequest } from './chat-request';
import type { ModelPrice } from '../config/config';

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
