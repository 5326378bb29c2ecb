// Transport over the loopback WebSocket of `penin serve` (see shared/ipc/transport.ts): sends a Hello
// with the token, waits for Ready, then carries calls and push events. Calls made while connecting
// wait for Ready; calls in flight when the socket drops resolve as `unavailable`; it reconnects
// with capped, jittered backoff unless the server refused the token (close code 4401).
import type { WireResult } from '../../../shared/ipc/contract-kit';
import { WS_CLOSE_BAD_TOKEN, type ClientMessage, type ServerMessage } from '../../../shared/ipc/transport';
import { unavailable, type ConnectionStatus, type Transport } from './api-transport';

/** The part of the WebSocket API used here (met by the browser's WebSocket and by `ws`). */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsTransportOptions {
  url: string;
  token: string | null;
  WebSocketImpl?: WebSocketCtor;
  /** Backoff bounds in ms; tests shorten them. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  resolve: (result: WireResult<unknown>) => void;
  message: ClientMessage;
  sent: boolean;
}

export function createWsTransport(opts: WsTransportOptions): Transport {
  const Impl = opts.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketCtor);
  const minDelay = opts.minDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    for (const l of statusListeners) l(next);
  }

  function send(ws: WebSocketLike, msg: ClientMessage): void {
    try {
      ws.send(JSON.stringify(msg));
    } catch {
      // the socket is closing: its close event fails the pending call
    }
  }

  function failAll(message: string): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.resolve(unavailable(message));
  }

  function onMessage(ws: WebSocketLike, data: unknown): void {
    const msg = parseServerMessage(data);
    if (!msg) return;
    if (msg.type === 'ready') {
      attempt = 0;
      setStatus('open');
      for (const p of pending.values()) {
        if (!p.sent) {
          p.sent = true;
          send(ws, p.message);
        }
      }
    } else if (msg.type === 'result') {
      const p = pending.get(msg.id);
      if (p) {
        pending.delete(msg.id);
        p.resolve(msg.result);
      }
    } else {
      for (const l of eventListeners.get(msg.event) ?? []) l(msg.payload);
    }
  }

  function connect(): void {
    timer = null;
    if (stopped) return;
    setStatus('connecting');
    let ws: WebSocketLike;
    try {
      ws = new Impl(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => send(ws, { type: 'hello', token: opts.token ?? '' });
    ws.onmessage = (ev) => onMessage(ws, ev.data);
    ws.onerror = () => undefined; // a close event always follows
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      if (ev.code === WS_CLOSE_BAD_TOKEN) {
        failAll('PENIN refused the access token');
        setStatus('unauthorized');
        return;
      }
      failAll('the connection to PENIN was lost');
      if (stopped) return;
      setStatus('closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (stopped || timer) return;
    setStatus('closed');
    const base = Math.min(maxDelay, minDelay * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(connect, base * (0.75 + Math.random() * 0.5));
  }

  connect();

  return {
    call(channel, request) {
      if (status === 'unauthorized') return Promise.resolve(unavailable('PENIN refused the access token'));
      if (status === 'closed') return Promise.resolve(unavailable('not connected to PENIN'));
      return new Promise((resolve) => {
        const id = nextId++;
        const message: ClientMessage = { type: 'call', id, channel, request };
        const ready = status === 'open' && socket !== null;
        pending.set(id, { resolve, message, sent: ready });
        if (ready && socket) send(socket, message);
      });
    },
    on(event, listener) {
      let set = eventListeners.get(event);
      if (!set) {
        set = new Set();
        eventListeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    filePath: () => null,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      failAll('the connection to PENIN was closed');
      ws?.close(1000, 'client closed');
      setStatus('closed');
    },
  };
}

function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null || !('type' in msg)) return null;
  if (msg.type === 'ready') return { type: 'ready' };
  if (
    msg.type === 'result' &&
    'id' in msg &&
    typeof msg.id === 'number' &&
    'result' in msg &&
    isWireResult(msg.result)
  ) {
    return { type: 'result', id: msg.id, result: msg.result };
  }
  if (msg.type === 'event' && 'event' in msg && typeof msg.event === 'string') {
    return { type: 'event', event: msg.event, payload: 'payload' in msg ? msg.payload : undefined };
  }
  return null;
}

function isWireResult(v: unknown): v is WireResult<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  if (v.ok === true) return 'value' in v;
  return (
    v.ok === false &&
    'error' in v &&
    typeof v.error === 'object' &&
    v.error !== null &&
    'code' in v.error &&
    typeof v.error.code === 'string' &&
    'message' in v.error &&
    typeof v.error.message === 'string'
  );
}
