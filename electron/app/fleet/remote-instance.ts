// A client of another `penin serve`'s console WebSocket (shared/ipc/transport.ts): Hello with the
// token, then calls. The remote is not trusted: every message is parsed with zod
// (remote-messages.ts) and dropped with the connection when it does not fit, a message over
// `maxMessageBytes` closes the socket (ws's maxPayload, compression off), the Hello and each call
// have a deadline, calls in flight are bounded, and a lost connection is retried with a growing
// delay. https/wss URLs are TLS with the certificate checked (Node's default CAs); a wrong token
// is said as such and retried only at the slowest pace.
import { WebSocket, type RawData } from 'ws';
import type { z } from 'zod';
import { WS_CLOSE_BAD_TOKEN, type ClientMessage } from '../../../shared/ipc/transport';
import type { WireError } from '../../../shared/ipc/contract-kit';
import { parseServerMessage } from './remote-messages';

export interface RemoteInstanceOptions {
  /** The instance's console URL (http/https/ws/wss; a page URL is turned into its /ws). */
  url: string;
  token: string;
  /** TCP + TLS + WebSocket handshake and the Hello's answer; default 5 s. */
  connectTimeoutMs?: number;
  /** Each call's deadline; default 5 s. */
  callTimeoutMs?: number;
  /** Largest message accepted from the remote; default 4 MiB. */
  maxMessageBytes?: number;
  /** Calls waiting for an answer at once; default 16. */
  maxInFlight?: number;
  /** Reconnection delays: first, then doubled up to max; default 500 ms and 30 s. */
  backoffMs?: { initial: number; max: number };
  /** Called whenever the connection opens or closes. */
  onState?: (state: RemoteState) => void;
}

export type RemoteState = 'connecting' | 'ready' | 'closed';

/** A call the remote refused (its WireError), or a failure on the way (code `unavailable`). */
export class RemoteError extends Error {
  constructor(
    readonly code: WireError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

const MAX_ERROR_TEXT = 300;

/** ws:// or wss:// for a console URL: http→ws, https→wss, the path ending in /ws, no fragment
 * (a console URL's #token=…), no query. Throws on another scheme. */
export function toSocketUrl(text: string): string {
  const url = new URL(text);
  const scheme = { 'http:': 'ws:', 'ws:': 'ws:', 'https:': 'wss:', 'wss:': 'wss:' }[url.protocol];
  if (scheme === undefined)
    throw new Error(`unsupported scheme ${url.protocol} (use http, https, ws or wss)`);
  if (url.username !== '' || url.password !== '') throw new Error('credentials do not belong in the URL');
  const path = url.pathname.endsWith('/ws') ? url.pathname : `${url.pathname.replace(/\/+$/, '')}/ws`;
  return `${scheme}//${url.host}${path}`;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class RemoteInstance {
  readonly url: string;
  private socket: WebSocket | null = null;
  private state: RemoteState = 'closed';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastError: string | null = null;
  private delay: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connecting: Promise<void> | null = null;
  private disposed = false;
  private readonly opts: Required<Omit<RemoteInstanceOptions, 'onState'>> &
    Pick<RemoteInstanceOptions, 'onState'>;

  constructor(options: RemoteInstanceOptions) {
    if (options.token.length === 0) throw new Error('a token is required');
    this.url = toSocketUrl(options.url);
    this.opts = {
      connectTimeoutMs: 5000,
      callTimeoutMs: 5000,
      maxMessageBytes: 4 * 1024 * 1024,
      maxInFlight: 16,
      backoffMs: { initial: 500, max: 30_000 },
      ...options,
    };
    this.delay = this.opts.backoffMs.initial;
  }

  get connectionState(): RemoteState {
    return this.state;
  }

  /** Why the last connection attempt or connection failed; null while all is well. */
  get error(): string | null {
    return this.lastError;
  }

  /** Connects (Hello, then 'ready'); resolves once ready, rejects with the reason it is not. */
  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new RemoteError('unavailable', 'detached'));
    if (this.state === 'ready') return Promise.resolve();
    if (this.connecting) return this.connecting;
    // Waiting out the backoff: callers hear the last error until the next attempt.
    if (this.retryTimer)
      return Promise.reject(new RemoteError('unavailable', this.lastError ?? 'reconnecting'));
    this.connecting = this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** One call: the answer is checked with `schema` (a value that does not fit is an error). */
  async call<T>(channel: string, request: unknown, schema: z.ZodType<T>): Promise<T> {
    await this.connect();
    const socket = this.socket;
    if (socket === null || this.state !== 'ready') throw new RemoteError('unavailable', 'not connected');
    if (this.pending.size >= this.opts.maxInFlight)
      throw new RemoteError('unavailable', 'too many calls waiting for this instance');
    const id = this.nextId++;
    const value = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RemoteError('unavailable', `${channel}: no answer within ${this.opts.callTimeoutMs} ms`));
      }, this.opts.callTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send(socket, { type: 'call', id, channel, request });
    });
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new RemoteError('internal', `${channel}: the instance answered in an unexpected shape`);
    return parsed.data;
  }

  /** Closes the connection for good (no reconnection); calls waiting are rejected. */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.on('error', () => undefined);
    socket?.terminate();
    this.failPending('detached');
    this.setState('closed');
  }

  private open(): Promise<void> {
    this.setState('connecting');
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const socket = new WebSocket(this.url, {
        handshakeTimeout: this.opts.connectTimeoutMs,
        maxPayload: this.opts.maxMessageBytes,
        perMessageDeflate: false,
        followRedirects: false,
        // TLS: the certificate and host name are checked against Node's CAs (the default, said here).
        rejectUnauthorized: true,
      });
      this.socket = socket;
      const helloTimer = setTimeout(
        () => fail(`no answer to the Hello within ${this.opts.connectTimeoutMs} ms`),
        this.opts.connectTimeoutMs,
      );
      const fail = (why: string): void => {
        clearTimeout(helloTimer);
        this.lastError = why;
        if (this.socket === socket) this.socket = null;
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        this.failPending(why);
        this.setState('closed');
        this.scheduleRetry(/refused the token/.test(why));
        if (!settled) {
          settled = true;
          reject(new RemoteError('unavailable', why));
        }
      };
      socket.on('open', () => this.send(socket, { type: 'hello', token: this.opts.token }));
      socket.on('message', (data: RawData, isBinary: boolean) => {
        const message = isBinary ? null : parseServerMessage(rawText(data));
        if (message === null) {
          fail('the instance sent a malformed message');
          return;
        }
        if (message.type === 'ready') {
          if (settled) {
            fail('the instance sent a second ready');
            return;
          }
          clearTimeout(helloTimer);
          settled = true;
          this.lastError = null;
          this.delay = this.opts.backoffMs.initial;
          this.setState('ready');
          resolve();
          return;
        }
        if (!settled) {
          fail('the instance answered before accepting the Hello');
          return;
        }
        if (message.type === 'result') {
          const p = this.pending.get(message.id);
          if (p === undefined) return; // late (timed out) or unknown: ignored
          this.pending.delete(message.id);
          clearTimeout(p.timer);
          if (message.result.ok) p.resolve(message.result.value);
          else p.reject(new RemoteError(message.result.error.code, clip(message.result.error.message)));
        }
        // Push events are not used: the registry polls.
      });
      socket.on('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0;
        fail(
          status === 401 || status === 403
            ? `the server refused the WebSocket (HTTP ${status}): penin serve accepts only a loopback Host ` +
                'with its own port (through a tunnel, forward the same port; behind a proxy, send Host 127.0.0.1:PORT)'
            : `the server answered HTTP ${status} instead of a WebSocket (is it a penin console URL?)`,
        );
      });
      socket.on('error', (error: Error) => fail(describeSocketError(error)));
      socket.on('close', (code: number, reason: Buffer) => {
        if (code === WS_CLOSE_BAD_TOKEN) fail('the instance refused the token (4401)');
        else if (code === 1009) fail(`the instance sent a message over ${this.opts.maxMessageBytes} bytes`);
        else
          fail(`connection closed (${code}${reason.length > 0 ? `: ${clip(reason.toString('utf8'))}` : ''})`);
      });
    });
  }

  private send(socket: WebSocket, message: ClientMessage): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  private failPending(why: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RemoteError('unavailable', why));
      this.pending.delete(id);
    }
  }

  private scheduleRetry(slowest: boolean): void {
    if (this.disposed || this.retryTimer) return;
    const wait = slowest ? this.opts.backoffMs.max : this.delay;
    this.delay = Math.min(this.opts.backoffMs.max, this.delay * 2);
    // A little jitter so that many consoles do not retry in step.
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.connect().catch(() => undefined);
      },
      wait * (0.8 + Math.random() * 0.4),
    );
    this.retryTimer.unref?.();
  }

  private setState(state: RemoteState): void {
    if (this.state === state) return;
    this.state = state;
    this.opts.onState?.(state);
  }
}

function clip(text: string): string {
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function describeSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused (is penin serve running there?)';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || /Max payload size exceeded/.test(error.message))
    return 'the instance sent a message over the size limit';
  if (/certificate|self[- ]signed|CERT_|SSL|TLS/i.test(`${code ?? ''} ${error.message}`))
    return `TLS: ${clip(error.message)}`;
  if (/timed out|timeout/i.test(error.message)) return 'connection timed out';
  return clip(error.message);
}
