// One browser client on the WebSocket: Hello with the token first (else 4401), then calls answered
// through the shared dispatcher; malformed or unknown messages close the socket with 4400.
import type { WebSocket, RawData } from 'ws';
import { WS_CLOSE_BAD_MESSAGE, WS_CLOSE_BAD_TOKEN, type ServerMessage } from '../../shared/ipc/transport';
import type { Dispatcher } from '../ipc/dispatch';
import { parseClientMessage } from './ws-messages';
import { tokensEqual } from './token';

export interface WsClientOptions {
  token: string;
  dispatcher: Dispatcher;
  /** Time allowed for the Hello; default 10 s. */
  helloTimeoutMs?: number;
  /** Calls answered concurrently per client before further ones are refused; default 64. */
  maxInFlight?: number;
  /** A client whose unsent backlog exceeds this is disconnected; default 16 MiB. */
  maxBufferedBytes?: number;
}

export class WsClient {
  private authenticated = false;
  private inFlight = 0;
  private readonly helloTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: WsClientOptions,
  ) {
    this.helloTimer = setTimeout(
      () => this.close(WS_CLOSE_BAD_TOKEN, 'hello expected'),
      options.helloTimeoutMs ?? 10_000,
    );
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => clearTimeout(this.helloTimer));
    socket.on('error', () => clearTimeout(this.helloTimer));
  }

  get isAuthenticated(): boolean {
    return this.authenticated;
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > (this.options.maxBufferedBytes ?? 16 * 1024 * 1024)) {
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    clearTimeout(this.helloTimer);
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const message = isBinary ? null : parseClientMessage(rawToString(data));
    if (message === null) {
      this.close(WS_CLOSE_BAD_MESSAGE, 'malformed message');
      return;
    }
    if (!this.authenticated) {
      if (message.type !== 'hello' || !tokensEqual(message.token, this.options.token)) {
        this.close(WS_CLOSE_BAD_TOKEN, message.type === 'hello' ? 'bad token' : 'hello expected');
        return;
      }
      clearTimeout(this.helloTimer);
      this.authenticated = true;
      this.send({ type: 'ready' });
      return;
    }
    if (message.type === 'hello') {
      this.close(WS_CLOSE_BAD_MESSAGE, 'already authenticated');
      return;
    }
    const { id, channel, request } = message;
    if (this.inFlight >= (this.options.maxInFlight ?? 64)) {
      this.send({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'unavailable', message: 'too many calls in flight' } },
      });
      return;
    }
    this.inFlight += 1;
    void this.options.dispatcher.dispatch(channel, request).then((result) => {
      this.inFlight -= 1;
      this.send({ type: 'result', id, result });
    });
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
