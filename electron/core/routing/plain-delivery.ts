// Delivering a plain (non-streaming) answer: the provider's whole completion, settled and recorded
// before the client gets it, then kept in the cache when the request was cacheable.
import type { GatewayError } from '../model/errors';
import type { PlainCompletion, PreparedCall, ProviderAdapter } from '../providers/provider-adapter';
import type { Books, Committed, Delivery } from './attempt';
import type { RouteState } from './route-state';

export type PlainAnswer =
  { ok: true; body: string; cache: 'hit' | 'miss' | 'bypass' } | { ok: false; error: GatewayError };

/** Keeps a recorded answer in the response cache. */
export type StoreAnswer = (provider: string, body: string) => void;

export class PlainDelivery implements Delivery<PlainCompletion, PlainAnswer> {
  readonly stream = false;

  /** `store`: null when the request is not cacheable. */
  constructor(private readonly store: StoreAnswer | null) {}

  call(adapter: ProviderAdapter, call: PreparedCall): Promise<PlainCompletion> {
    return adapter.complete(call);
  }

  async deliver(state: RouteState, k: Committed<PlainCompletion>, books: Books): Promise<PlainAnswer> {
    const c = k.candidate;
    const answer = k.answer;
    k.permit.success();
    state.attempted(c.provider, 'ok', k.since, 200);
    const spend = books.settle(state, k.admitted, c, answer.usage, answer.completionChars);
    const ok = await books.record(state.outcome('ROUTE', `served by "${c.provider}"`, c.provider, spend));
    if (!ok) return { ok: false, error: books.ledgerError() };
    this.store?.(c.provider, answer.body);
    return { ok: true, body: answer.body, cache: state.cache };
  }

  refused(error: GatewayError): PlainAnswer {
    return { ok: false, error };
  }
}
