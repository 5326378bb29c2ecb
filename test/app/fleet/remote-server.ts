// In-process servers for the fleet tests: a real console WebSocket (startUiServer with the
// console service over a FakeCore), and hostile ones that misbehave on purpose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createConsoleService, type ConsoleService } from '../../../electron/app/console-service';
import { startUiServer, type UiServer } from '../../../electron/serve/ui-server';
import { FakeCore } from '../../helpers/fakes/fake-core';
import { FakeSession } from '../../helpers/fakes/fake-session';
import { tmpDir } from '../../helpers/tmp';

export interface RemoteConsole {
  core: FakeCore;
  service: ConsoleService;
  server: UiServer;
  /** http://127.0.0.1:PORT/ (no token). */
  url: string;
  token: string;
  close(): Promise<void>;
}

/** A `penin serve`-like console on 127.0.0.1: the real UI server and handlers, a fake core. */
export async function startRemoteConsole(token: string, port = 0): Promise<RemoteConsole> {
  const staticDir = join(tmpDir('penin-fleet-'), 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>PENIN</title>');
  const service = createConsoleService({
    mode: 'browser',
    version: '0.0.0',
    demo: false,
    openSession: (path) => new FakeSession(path),
    liveLedgerPath: null,
  });
  const core = new FakeCore();
  service.setCore(core);
  const server = await startUiServer({
    token,
    dispatcher: service.dispatcher,
    events: service.hub.subscribe,
    staticDir,
    port,
  });
  return {
    core,
    service,
    server,
    url: `http://127.0.0.1:${server.port}/`,
    token,
    async close() {
      await server.close();
      service.close();
    },
  };
}

export interface Hostile {
  url: string;
  close(): Promise<void>;
}

/** A WebSocket server on 127.0.0.1 whose every connection is handed to `behave`. */
export async function startHostile(behave: (socket: WebSocket) => void): Promise<Hostile> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, maxPayload: 1 << 20 });
  wss.on('connection', behave);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

/** Answers the Hello with ready, then each call with `answer(call)` (nothing when it returns undefined). */
export function readyThen(answer: (call: { id: number; channel: string }) => string | undefined) {
  return (socket: WebSocket): void => {
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; id: number; channel: string };
      if (m.type === 'hello') socket.send(JSON.stringify({ type: 'ready' }));
      else {
        const text = answer(m);
        if (text !== undefined) socket.send(text);
      }
    });
  };
}
