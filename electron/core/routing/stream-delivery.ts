// Delivering a streaming answer. The attempt loop (router.ts) falls back as for plain requests
// until a provider has sent its first event; from then on the gateway is committed to that provider
// and relays its chunks. The ledger entry is appended before the final `data: [DONE]`; if the append
// fails the stream ends with an error event instead, so a client never sees a clean end for an
// unrecorded answer.
import type { Usage } from '../model/cost';
import { errors, type GatewayError } from '../model/errors';
import type { CompletionStream, PreparedCall, ProviderAdapter } from '../providers/provider-adapter';
import type { Books, Committed, Delivery } from './attempt';
import { asUpstream, type RouteState } from './route-state';

/** Where the router writes a stream (the gateway implements it over an HTTP response). */
export interface StreamSink {
  /** Sends status 200 and the SSE headers. */
  open(): void;
  /** Writes one `data:` event. */
  send(data: string): void;
  /** Writes `data: [DONE]` and ends the response. */
  done(): void;
  /** Ends an open stream with an error event (OpenAI SDKs raise it as an APIError). */
  fail(error: GatewayError): void;
  /** Registers a listener called if the client goes away before the end. */
  onClose(listener: () => void): void;
}

/** Streams the answer to a StreamSink; the route's result is null once it has been streamed. */
export class StreamDelivery implements Delivery<CompletionStream, GatewayError | null> {
  readonly stream = true;

  constructor(private readonly sink: StreamSink) {}

  call(adapter: ProviderAdapter, call: PreparedCall): Promise<CompletionStream> {
    return adapter.stream(call);
  }

  async deliver(state: RouteState, k: Committed<CompletionStream>, books: Books): Promise<null> {
    await relay(books, state, k, this.sink);
    return null;
  }

  refused(error: GatewayError): GatewayError {
    return error;
  }
}

/** Relays one provider's stream to the client, then settles, records and ends it. */
async function relay(
  books: Books,
  state: RouteState,
  k: Committed<CompletionStream>,
  sink: StreamSink,
): Promise<void> {
  const provider = k.candidate.provider;
  const includeUsage = state.req.stream_options?.include_usage === true;
  let disconnected = false;
  sink.open();
  sink.onClose(() => {
    disconnected = true;
    k.answer.abort();
  });

  let chars = 0;
  let reported: Usage | null = null;
  let broke: string | null = null;
  try {
    for await (const ev of k.answer) {
      if (ev.type === 'delta') {
        chars += ev.chars;
        if (ev.usage) reported = ev.usage;
        sink.send(ev.data);
      } else {
        reported = ev.usage;
        if (includeUsage) sink.send(ev.data);
      }
    }
  } catch (e) {
    if (!disconnected) broke = asUpstream(e, provider).message;
  }

  // Whatever happened, the tokens were spent: settle them (estimated if the provider never said).
  const spend = books.settle(state, k.admitted, k.candidate, reported, chars);

  if (broke !== null) {
    k.permit.failure(broke);
    state.attempted(provider, 'stream_broken', k.since);
    state.violate('upstream_failure');
    const ok = await books.record(
      state.outcome('BLOCK', `failed: stream from "${provider}" broke: ${broke}`, provider, spend),
    );
    sink.fail(ok ? errors.upstreamFailed([provider], `stream broke: ${broke}`) : books.ledgerError());
    return;
  }
  k.permit.success();
  state.attempted(provider, 'ok', k.since, 200);
  if (disconnected) {
    state.violate('client_disconnected');
    await books.record(
      state.outcome(
        'ROUTE',
        `served by "${provider}"; the client disconnected before the end`,
        provider,
        spend,
      ),
    );
    return;
  }
  const ok = await books.record(state.outcome('ROUTE', `served by "${provider}"`, provider, spend));
  if (ok) sink.done();
  else sink.fail(books.ledgerError());
}
