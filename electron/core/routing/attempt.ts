// What the router's one attempt loop (router.ts) shares with the two ways of answering a request.
// The loop tries the candidates in order, skips open breakers, falls back past failed providers
// and answers client-caused errors as-is; once a provider has produced an answer, a Delivery hands
// it to the client: plain-delivery.ts (one JSON body) or stream-delivery.ts (server-sent events).
// That is the only difference between a plain and a streaming request.
import type { BudgetHold } from '../budget/budget-port';
import type { ReservationBound } from '../budget/reservation-bound';
import type { Usage } from '../model/cost';
import type { GatewayError } from '../model/errors';
import type { PreparedCall, ProviderAdapter } from '../providers/provider-adapter';
import type { RouteOutcome } from '../recording/ledger-record';
import type { Candidate } from './candidates';
import type { RouteState } from './route-state';

/** What admission hands to the attempt loop. */
export interface Admitted {
  candidates: readonly Candidate[];
  reservation: BudgetHold;
  /** What the reservation holds, per candidate: reported usage is checked against it. */
  bound: ReservationBound;
}

/** What a served answer cost, as settled and recorded. */
export interface Spend {
  usage: Usage;
  source: 'provider' | 'estimate';
  costUsd: number;
}

/** A permit the breaker granted for one call (breakers/breaker.ts): reported once, success or failure. */
export interface GrantedPermit {
  success(): void;
  failure(cause: string): void;
}

/** The provider that answered; the route is committed to it. */
export interface Committed<A> {
  candidate: Candidate;
  /** What `Delivery.call` returned: a whole completion, or a stream whose first event has arrived. */
  answer: A;
  permit: GrantedPermit;
  admitted: Admitted;
  /** performance.now() when the call was made. */
  since: number;
}

/** The router's books, as a delivery uses them once it has an answer. */
export interface Books {
  /** Settles the hold at what the answer cost (settle.ts). */
  settle(state: RouteState, admitted: Admitted, c: Candidate, reported: Usage | null, chars: number): Spend;
  /** Appends the outcome to the ledger; false if the ledger refused it. */
  record(outcome: RouteOutcome): Promise<boolean>;
  /** What the client is answered when the ledger refused the record (fail closed). */
  ledgerError(): GatewayError;
}

/** How one kind of request reads an answer from a provider and delivers it (A: the answer, R: the route's result). */
export interface Delivery<A, R> {
  /** Whether the provider is asked to stream. */
  readonly stream: boolean;
  /** Asks the provider. Throws (an UpstreamError) before anything is delivered, so the loop can fall back. */
  call(adapter: ProviderAdapter, call: PreparedCall): Promise<A>;
  /** Hands the answer to the client, reports the permit, settles and records. */
  deliver(state: RouteState, k: Committed<A>, books: Books): Promise<R>;
  /** The route's result when it is refused (nothing delivered yet). */
  refused(error: GatewayError): R;
}
