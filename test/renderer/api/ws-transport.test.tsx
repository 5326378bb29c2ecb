// @vitest-environment jsdom
// The browser-mode WebSocket client against a tiny real `ws` server.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../../shared/ipc/transport';
import { WS_CLOSE_BAD_TOKEN } from '../../../shared/ipc/transport';
import { createApi } from '../../../renderer/src/api/create-api';
import type { ConnectionStatus, Transport } from '../../../renderer/src/api/api-transport';
import { createWsTransport, type WebSocketCtor } from '../../../renderer/src/api/ws-transport';
import { budget } from '../helpers/fixtures';

const TOKEN = 'good-token';

interface Server {
  url: string;
  received: ClientMessage[];
  sockets: ServerSocket[];
  /** What to do with each call; default answers budget:get. */
  onCall: (ws: ServerSocket, msg: Extract<ClientMessage, { type: 'call' }>) => void;
  close: () => Promise<void>;
}

const open: { server?: Server; transport?: Transport }[] = [];

async function startServer(): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const addr = wss.address();
  if (addr === null || typeof addr === 'string') throw new Error('unexpected address');
  const server: Server = {
    url: `ws://127.0.0.1:${addr.port}/ws`,
    received: [],
    sockets: [],
    onCall: (ws, msg) => send(ws, { type: 'result', id: msg.id, result: { ok: true, value: budget } }),
    close: () =>
      new Promise((r) => {
        for (const s of server.sockets) s.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (ws) => {
    server.sockets.push(ws);
    let greeted = false;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as ClientMessage;
      server.received.push(msg);
      if (!greeted) {
        if (msg.type !== 'hello' || msg.token !== TOKEN) return ws.close(WS_CLOSE_BAD_TOKEN, 'bad token');
        greeted = true;
        return send(ws, { type: 'ready' });
      }
      if (msg.type === 'call') server.onCall(ws, msg);
    });
  });
  open.push({ server });
  return server;
}

function send(ws: ServerSocket, msg: ServerMessage) {
  ws.send(JSON.stringify(msg));
}

function client(url: string, token: string | null) {
  const transport = createWsTransport({
    url,
    token,
    WebSocketImpl: NodeWebSocket as unknown as WebSocketCtor,
    minDelayMs: 20,
    maxDelayMs: 50,
  });
  open.push({ transport });
  const statuses: ConnectionStatus[] = [];
  transport.onStatus((s) => statuses.push(s));
  return { transport, api: createApi(transport), statuses };
}

function waitFor(pred: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - start > ms) return reject(new Error('timed out waiting'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.transport?.close();
    await o.server?.close();
  }
});

describe('WebSocket transport', () => {
  it('says hello with the token first, then carries a call and its result', async () => {
    const server = await startServer();
    const { api, transport } = client(server.url, TOKEN);
    // Called before the socket is ready: waits for Ready instead of failing.
    const value = await api.invoke('budget:get', {});
    expect(value).toEqual(budget);
    expect(server.received[0]).toEqual({ type: 'hello', token: TOKEN });
    expect(server.received[1]).toMatchObject({ type: 'call', channel: 'budget:get', request: {} });
    expect(transport.status()).toBe('open');
  });

  it('delivers push events to listeners', async () => {
    const server = await startServer();
    const { api, transport } = client(server.url, TOKEN);
    const got: number[] = [];
    api.on('ledger:appended', (p) => got.push(p.entries));
    await waitFor(() => transport.status() === 'open');
    send(server.sockets[0], { type: 'event', event: 'ledger:appended', payload: { entries: 7, head: 'h' } });
    await waitFor(() => got.length === 1);
    expect(got).toEqual([7]);
  });

  it('rejects a WireError result as an Error with its code', async () => {
    const server = await startServer();
    server.onCall = (ws, msg) =>
      send(ws, {
        type: 'result',
        id: msg.id,
        result: { ok: false, error: { code: 'not_found', message: 'no session' } },
      });
    const { api } = client(server.url, TOKEN);
    await expect(api.invoke('ledger:close', { sessionId: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'no session',
    });
  });

  it('is refused with close code 4401 on a bad token, fails pending calls, and does not retry', async () => {
    const server = await startServer();
    const { api, transport, statuses } = client(server.url, 'wrong');
    await expect(api.invoke('budget:get', {})).rejects.toMatchObject({ code: 'unavailable' });
    expect(transport.status()).toBe('unauthorized');
    await new Promise((r) => setTimeout(r, 150));
    expect(server.sockets).toHaveLength(1);
    expect(statuses).toContain('unauthorized');
    await expect(api.invoke('budget:get', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('rejects calls in flight when the connection drops, then reconnects', async () => {
    const server = await startServer();
    server.onCall = (ws) => ws.terminate(); // never answers
    const { api, transport, statuses } = client(server.url, TOKEN);
    await expect(api.invoke('budget:get', {})).rejects.toMatchObject({ code: 'unavailable' });
    await waitFor(() => server.sockets.length === 2 && transport.status() === 'open');
    expect(statuses).toEqual(expect.arrayContaining(['open', 'closed', 'connecting']));
    server.onCall = (ws, msg) =>
      send(ws, { type: 'result', id: msg.id, result: { ok: true, value: budget } });
    await expect(api.invoke('budget:get', {})).resolves.toEqual(budget);
  });

  it('reports closed and keeps retrying while no server listens', async () => {
    const { transport, api } = client('ws://127.0.0.1:9/ws', TOKEN);
    await waitFor(() => transport.status() === 'closed');
    await expect(api.invoke('budget:get', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
