// Turns an upstream SSE response into a CompletionStream of OpenAI chunks, using a wire-specific
// translator. It waits for the first translated event before handing the stream over, so a provider
// that fails or stalls before saying anything can still be replaced by the next candidate.
// A stream that breaks the reader's bounds (see sse.ts) fails as a malformed answer.
import type { UpstreamCall } from './http-client';
import { SseLimitError, SseReader, type SseEvent } from './sse';
import { UpstreamError, type CompletionStream, type StreamEvent } from './provider-adapter';

export interface StreamTranslator {
  /** Translates one SSE event; throws UpstreamError for an in-stream error event. */
  onEvent(e: SseEvent): StreamEvent[];
  /** True once the wire's end marker ([DONE] / message_stop) has been seen. */
  readonly done: boolean;
}

async function* translated(
  provider: string,
  call: UpstreamCall,
  t: StreamTranslator,
): AsyncGenerator<StreamEvent> {
  const parser = new SseReader();
  try {
    try {
      for await (const chunk of call.chunks()) {
        for (const e of parser.push(chunk)) {
          yield* t.onEvent(e);
          if (t.done) return;
        }
      }
    } catch (e) {
      if (e instanceof UpstreamError) throw e;
      if (e instanceof SseLimitError) throw new UpstreamError(provider, 'malformed', e.message);
      throw call.failed ?? new UpstreamError(provider, 'network', `stream broke: ${(e as Error).message}`);
    }
    if (call.failed) throw call.failed;
    for (const e of parser.end()) yield* t.onEvent(e);
    if (!t.done) throw new UpstreamError(provider, 'network', 'stream ended before its end marker');
  } finally {
    call.finish();
    if (!call.complete) {
      if (t.done) call.drain();
      else call.abort();
    }
  }
}

/** Starts reading; resolves once the first event is in (or rejects with the UpstreamError that came first). */
export async function openCompletionStream(
  provider: string,
  call: UpstreamCall,
  t: StreamTranslator,
): Promise<CompletionStream> {
  const it = translated(provider, call, t);
  const first = await it.next();
  if (first.done) throw new UpstreamError(provider, 'malformed', 'stream ended without any event');
  let handedOut = false;
  return {
    abort: () => {
      call.abort();
      void it.return(undefined);
    },
    [Symbol.asyncIterator]: () => {
      if (handedOut) throw new Error('a completion stream can be iterated only once');
      handedOut = true;
      let sentFirst = false;
      return {
        next: () => {
          if (!sentFirst) {
            sentFirst = true;
            return Promise.resolve(first);
          }
          return it.next();
        },
        return: (v?: unknown) => it.return(v as undefined),
      };
    },
  };
}
