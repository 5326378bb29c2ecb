// `penin serve`'s browser UI: the built renderer over HTTP (CSP header, no directory traversal,
// loopback Host only) and the contract over a WebSocket at /ws (same-origin loopback pages only,
// token Hello first, calls through the shared dispatcher, push events coalesced and fanned out to
// every authenticated client). Plain Node: no electron.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { readAppVersion, safeUserName } from '../app/app-identity';
import { toConsoleCore, type LedgerHeadSource } from '../app/core-adapter';
import { createConsoleService, type ConsoleService } from '../app/console-service';
import type { OpenLedgerSession } from '../app/ledger-sessions';
import { createCoalescer, keyBySession } from '../events/coalesce';
import { discreteEvents } from '../../shared/ipc/contract';
import type { Subscribe } from '../events/event-hub';
import type { Core } from '../core/core';
import type { Dispatcher } from '../ipc/dispatch';
import { LedgerSession } from '../ledger/session';
import { isLoopbackHost, isSameLoopbackOrigin } from './loopback';
import { pathOf, serveStatic } from './static-handler';
import { newUiToken } from './token';
import { WsClient } from './ws-client';

export interface AttachUiOptions {
  token: string;
  dispatcher: Dispatcher;
  /** Subscribes to push events (EventHub.subscribe); called once, unsubscribed on close. */
  events: Subscribe;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Minimum interval between two pushes of the same event; default 100 ms (10 per second). */
  eventIntervalMs?: number;
  helloTimeoutMs?: number;
}

export interface UiAttachment {
  /** Authenticated clients right now. */
  clientCount(): number;
  /** Stops the event feed and disconnects every client (does not close the HTTP server). */
  detach(): void;
}

/** Serves the UI from `server`, which must be dedicated to it (no other 'request' listener). */
export function attachUi(server: Server, opts: AttachUiOptions): UiAttachment {
  const port = (): number => (server.address() as AddressInfo | null)?.port ?? 0;
  const clients = new Set<WsClient>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    verifyClient: (info: { origin: string | undefined; req: IncomingMessage }) =>
      isLoopbackHost(info.req.headers.host, port()) &&
      (info.origin === undefined || isSameLoopbackOrigin(info.origin, port())),
  });

  const coalescer = createCoalescer({
    intervalMs: opts.eventIntervalMs ?? 100,
    keyOf: keyBySession,
    discrete: discreteEvents,
    emit: (event, payload) => {
      for (const client of clients)
        if (client.isAuthenticated) client.send({ type: 'event', event, payload });
    },
  });
  const unsubscribe = opts.events((event, payload) => coalescer.push(event, payload));

  wss.on('connection', (socket: WebSocket) => {
    const client = new WsClient(socket, {
      token: opts.token,
      dispatcher: opts.dispatcher,
      helloTimeoutMs: opts.helloTimeoutMs,
    });
    clients.add(client);
    socket.on('close', () => clients.delete(client));
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(req.url) !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serveStatic(req, res, opts.staticDir, port());
  };
  server.on('upgrade', onUpgrade);
  server.on('request', onRequest);

  return {
    clientCount: () => [...clients].filter((c) => c.isAuthenticated).length,
    detach() {
      unsubscribe();
      coalescer.dispose();
      server.off('upgrade', onUpgrade);
      server.off('request', onRequest);
      for (const client of clients) client.close(1001, 'server shutting down');
      wss.close();
    },
  };
}

export interface UiServer extends UiAttachment {
  readonly port: number;
  /** http://127.0.0.1:PORT/#token=TOKEN : the token stays in the fragment, out of server logs. */
  readonly url: string;
  close(): Promise<void>;
}

/** A dedicated HTTP server on 127.0.0.1 (port 0 = any free port) serving the UI. */
export async function startUiServer(opts: AttachUiOptions & { port?: number }): Promise<UiServer> {
  // A request must arrive whole within 30 s (headers within 10 s), not Node's default 300 s; an
  // upgraded WebSocket is no longer a request and is not cut by these.
  const server = createServer({
    requestTimeout: 30_000,
    headersTimeout: 10_000,
    connectionsCheckingInterval: 1000,
  });
  const attachment = attachUi(server, opts);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    ...attachment,
    port,
    url: `http://127.0.0.1:${port}/#token=${encodeURIComponent(opts.token)}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        attachment.detach();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** Options of serveConsoleUi, the one call `penin serve` makes. */
export interface ServeConsoleUiOptions {
  /** The running core (createCore), or null when only the ledger browser is wanted. */
  core: Core | null;
  /** The live ledger's writer (LedgerWriter.open): ledger:openLive and ledger:appended. */
  ledger: (LedgerHeadSource & { readonly path: string }) | null;
  /** A ledger to show for audit at start (AppInfo.auditLedgerPath). */
  auditLedgerPath?: string | null;
  /** The live ledger's checkpoint public key (PEM), for the ledger browser's signature check. */
  livePublicKeyPath?: string | null;
  demo?: boolean;
  /** Demo mode's own data folder, shown in the console's demo banner. */
  demoDataDir?: string | null;
  /** Default: package.json's version. */
  version?: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** The built renderer; default dist/renderer beside the CLI bundle. */
  staticDir?: string;
  /** Default: a fresh random token. */
  token?: string;
  /** Default: LedgerSession.open (electron/ledger/session.ts). */
  openSession?: OpenLedgerSession;
  /** Where the Fleet screen keeps the instances attached (tokens as 0600 files); absent: memory. */
  fleetDir?: string | null;
}

export interface ConsoleUi {
  /** http://127.0.0.1:PORT/#token=TOKEN : print this. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly service: ConsoleService;
  /** Stops the UI (clients, live feed, ledger sessions). Leaves the core and the ledger open. */
  close(): Promise<void>;
}

/** Serves the console to a browser on 127.0.0.1: the shared handlers behind the UI server. */
export async function serveConsoleUi(options: ServeConsoleUiOptions): Promise<ConsoleUi> {
  const service = createConsoleService({
    mode: 'browser',
    version: options.version ?? readAppVersion(join(__dirname, '..', '..')),
    demo: options.demo ?? false,
    demoDataDir: options.demoDataDir ?? null,
    openSession: options.openSession ?? ((path, opts) => LedgerSession.open(path, opts)),
    liveLedgerPath: options.ledger?.path ?? null,
    auditLedgerPath: options.auditLedgerPath ?? null,
    livePublicKeyPath: options.livePublicKeyPath ?? null,
    ...(options.fleetDir ? { fleet: { dir: options.fleetDir, cipher: null } } : {}),
  });
  const who = `browser:${safeUserName()}`;
  if (options.core === null) service.setCore(null, 'this server runs without a router core');
  else service.setCore(toConsoleCore(options.core, options.ledger, who));
  const token = options.token ?? newUiToken();
  try {
    const server = await startUiServer({
      token,
      dispatcher: service.dispatcher,
      events: service.hub.subscribe,
      staticDir: options.staticDir ?? defaultStaticDir(),
      port: options.port ?? 0,
    });
    return {
      url: server.url,
      port: server.port,
      token,
      service,
      async close() {
        await server.close();
        service.close();
      },
    };
  } catch (error: unknown) {
    service.close();
    throw error;
  }
}

/** dist/renderer: beside the bundle (dist/cli/penin.cjs → dist/renderer) or from the sources. */
export function defaultStaticDir(): string {
  const candidates = [join(__dirname, '..', 'renderer'), join(__dirname, '..', '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}
