// The streaming half of the router. Candidates are tried as for plain requests until one has sent
// its first event; from then on the gateway is committed to that provider and relays its chunks.
// The ledger entry is appended before the final `data: [DONE]`; if the append fails the stream ends
// with an error event instead, so a client never sees a clean end for an unrecorded answer.
import type { Candidate } from './candidates';
import type { Usage } from '../model/cost';
import { errors, type GatewayError } from '../model/errors';
import type { CompletionStream, PreparedCall } from '../providers/provider-adapter';
import { asUpstream, attemptOutcomeOf, type RouteState } from './route-state';
import type { Admitted, Router } from './router';

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

type Permit = { success(): void; failure(cause: string): void };

/** Tries candidates until one streams; returns the error to answer if none did (nothing written then). The caller releases the reservation. */
export async function streamAttempts(
  router: Router,
  state: RouteState,
  admitted: Admitted,
  sink: StreamSink,
): Promise<GatewayError | null> {
  for (const c of admitted.candidates) {
    let call: PreparedCall;
    try {
      call = c.adapter.prepare(state.req, true);
    } catch (e) {
      return router.passThrough(state, asUpstream(e, c.provider));
    }
    const permit = router.breakers.get(c.provider).acquire();
    if (!permit.ok) {
      state.skipped(c.provider, permit.retryAfterMs);
      continue;
    }
    const since = performance.now();
    let upstream: CompletionStream;
    try {
      upstream = await c.adapter.stream(call);
    } catch (e) {
      const u = asUpstream(e, c.provider);
      state.attempted(c.provider, attemptOutcomeOf(u), since, u.status);
      if (u.clientError) {
        permit.success();
        return router.passThrough(state, u);
      }
      permit.failure(u.message);
      state.failed.push(u);
      continue;
    }
    await relay(router, state, { candidate: c, upstream, permit, admitted, since }, sink);
    return null;
  }
  return router.exhausted(state);
}

interface Committed {
  candidate: Candidate;
  upstream: CompletionStream;
  permit: Permit;
  admitted: Admitted;
  since: number;
}

/** Relays one provider's stream to the client, then settles, records and ends it. */
async function relay(router: Router, state: RouteState, k: Committed, sink: StreamSink): Promise<void> {
  const provider = k.candidate.provider;
  const includeUsage = state.req.stream_options?.include_usage === true;
  let disconnected = false;
  sink.open();
  sink.onClose(() => {
    disconnected = true;
    k.upstream.abort();
  });

  let chars = 0;
  let reported: Usage | null = null;
  let broke: string | null = null;
  try {
    for await (const ev of k.upstream) {
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
  const spend = router.settle(state, k.admitted, k.candidate, reported, chars);

  if (broke !== null) {
    k.permit.failure(broke);
    state.attempted(provider, 'stream_broken', k.since);
    state.violate('upstream_failure');
    const ok = await router.record(
      state.outcome('BLOCK', `failed: stream from "${provider}" broke: ${broke}`, provider, spend),
    );
    sink.fail(ok ? errors.upstreamFailed([provider], `stream broke: ${broke}`) : router.ledgerError());
    return;
  }
  k.permit.success();
  state.attempted(provider, 'ok', k.since, 200);
  if (disconnected) {
    state.violate('client_disconnected');
    await router.record(
      state.outcome(
        'ROUTE',
        `served by "${provider}"; the client disconnected before the end`,
        provider,
        spend,
      ),
    );
    return;
  }
  const ok = await router.record(state.outcome('ROUTE', `served by "${provider}"`, provider, spend));
  if (ok) sink.done();
  else sink.fail(router.ledgerError());
}
