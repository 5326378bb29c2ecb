// The parts of OpenAI's chat.completion and chat.completion.chunk JSON the gateway reads, checked by
// hand (this runs on every answer; a zod schema of the same rules cost more than the rest of the
// adapter). Rules, as the zod schemas they replace:
//   usage:      null/absent, or { prompt_tokens, completion_tokens: integers >= 0 }
//   completion: { choices: [≥1 × { message?: null | { content?: null | string } }], usage? }
//   chunk:      { choices: [  × { delta?:   null | { content?: null | string } }], usage? }
// Unknown fields are ignored (and the text is forwarded as the provider sent it).
import type { Usage } from '../model/cost';

type Json = { [key: string]: unknown };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Usage, null when absent, undefined when malformed. */
function readUsage(v: unknown): Usage | null | undefined {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || !isCount(v.prompt_tokens) || !isCount(v.completion_tokens)) return undefined;
  return { promptTokens: v.prompt_tokens, completionTokens: v.completion_tokens };
}

/** Characters of the `key` (message / delta) content of every choice; -1 when a choice is malformed. */
function contentChars(choices: unknown[], key: 'message' | 'delta'): number {
  let chars = 0;
  for (const c of choices) {
    if (!isObject(c)) return -1;
    const m = c[key];
    if (m === undefined || m === null) continue;
    if (!isObject(m)) return -1;
    const content = m.content;
    if (typeof content === 'string') chars += content.length;
    else if (content !== undefined && content !== null) return -1;
  }
  return chars;
}

export interface ReadAnswer {
  usage: Usage | null;
  /** Characters of generated text. */
  chars: number;
  /** Number of choices (chunks with none carry only usage). */
  choices: number;
}

function read(json: unknown, key: 'message' | 'delta', minChoices: number): ReadAnswer | null {
  if (!isObject(json)) return null;
  const choices = json.choices;
  if (!Array.isArray(choices) || choices.length < minChoices) return null;
  const usage = readUsage(json.usage);
  if (usage === undefined) return null;
  const chars = contentChars(choices, key);
  return chars < 0 ? null : { usage, chars, choices: choices.length };
}

/** A chat.completion's usage and text length; null if it is not one. */
export function readCompletion(json: unknown): ReadAnswer | null {
  return read(json, 'message', 1);
}

/** A chat.completion.chunk's usage and text length; null if it is not one. */
export function readChunk(json: unknown): ReadAnswer | null {
  return read(json, 'delta', 0);
}

/** Whether a stream event is an error event ({"error": ...}). */
export function isErrorEvent(json: unknown): boolean {
  return isObject(json) && 'error' in json;
}
