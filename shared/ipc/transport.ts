// The two transports that carry the contract, described once.
//
// Electron: the preload exposes `window.penin` (PeninBridge below): one named function per
// channel and one `on` for push events. Main answers every call with a WireResult.
//
// Browser (`penin serve`): a WebSocket at ws://127.0.0.1:PORT/ws. The page's URL carries the
// token in its fragment (#token=...), which never reaches a server log. The client's first
// message is a Hello; the server closes the socket with code 4401 when the token is wrong and
// 4400 when a message does not parse.
import type { AnyChannels, AnyEvents, WireResult } from './contract-kit';
import type { Channels, Events } from './contract';

export interface Hello {
  type: 'hello';
  token: string;
}

export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  request: unknown;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  result: WireResult<unknown>;
}

export interface EventMessage {
  type: 'event';
  event: string;
  payload: unknown;
}

export interface ReadyMessage {
  type: 'ready';
}

export type ClientMessage = Hello | CallMessage;
export type ServerMessage = ResultMessage | EventMessage | ReadyMessage;

export const WS_CLOSE_BAD_TOKEN = 4401;
export const WS_CLOSE_BAD_MESSAGE = 4400;

/** What the Electron preload exposes on `window.penin`. */
export type Bridge<C extends AnyChannels, E extends AnyEvents> = {
  call: { [K in keyof C & string]: (request: unknown) => Promise<WireResult<unknown>> };
  on(event: keyof E & string, listener: (payload: unknown) => void): () => void;
};

export type PeninBridge = Bridge<Channels, Events>;
