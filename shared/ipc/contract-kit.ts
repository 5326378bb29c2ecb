// Building blocks for the one IPC contract (shared/contract.ts): a channel is a zod request
// schema plus a phantom response type; a push event is a phantom payload type.
import type { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: never read at run time, only carries the response type. */
  response?: Res;
}

/** `channel<Response>()(requestSchema)`: the response type is named, the request type is inferred. */
export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

export interface EventDef<Payload> {
  payload?: Payload;
}

export function event<Payload>(): EventDef<Payload> {
  return {};
}

// Constraints only: `response` and `payload` are plain (covariant) properties, so every channel and
// event fits under `unknown`.
export type AnyChannels = Record<string, ChannelDef<z.ZodType, unknown>>;
export type AnyEvents = Record<string, EventDef<unknown>>;

export type RequestOf<C extends AnyChannels, K extends keyof C> = z.input<C[K]['request']>;
export type ParsedRequestOf<C extends AnyChannels, K extends keyof C> = z.output<C[K]['request']>;
export type ResponseOf<C extends AnyChannels, K extends keyof C> = Exclude<C[K]['response'], undefined>;
export type PayloadOf<E extends AnyEvents, K extends keyof E> = Exclude<E[K]['payload'], undefined>;

/** The main-process side: one handler per channel, given the parsed request. */
export type Handlers<C extends AnyChannels> = {
  [K in keyof C]: (req: ParsedRequestOf<C, K>) => Promise<ResponseOf<C, K>> | ResponseOf<C, K>;
};

/** The renderer side: one named async function per channel, one subscribe for push events. */
export type ClientApi<C extends AnyChannels, E extends AnyEvents> = {
  invoke<K extends keyof C & string>(name: K, req: RequestOf<C, K>): Promise<ResponseOf<C, K>>;
  on<K extends keyof E & string>(name: K, listener: (payload: PayloadOf<E, K>) => void): () => void;
};

/** Errors cross the boundary as data, never as thrown objects with prototypes. */
export interface WireError {
  code: 'bad_request' | 'forbidden' | 'not_found' | 'internal' | 'unavailable';
  message: string;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };
