// The gateway's HTTP server (node:http, loopback only) and its routes:
//   GET  /healthz               no auth; liveness
//   POST /v1/chat/completions   bearer auth; plain or SSE (see chat-handler.ts)
//   GET  /v1/models             bearer auth
//   GET  /v1/models/{id}        bearer auth
// Anything else: 404 (unknown path) or 405 (known path, wrong method), OpenAI-shaped.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CandidateTable } from '../routing/candidates';
import type { Router } from '../routing/router';
import type { BearerAuth } from './auth';
import { handleChatCompletions } from './chat-handler';
import { errors } from '../model/errors';
import { handleGetModel, handleListModels } from './models-handler';
import { sendError, sendJson } from './respond';

export interface GatewayDeps {
  router: Router;
  auth: BearerAuth;
  candidates: CandidateTable;
}

const MODELS_PREFIX = '/v1/models/';

/**
 * A request must have arrived whole (headers and body) within this time, or its connection is closed
 * (Node answers 408 when it can): a client that dribbles its body holds a connection for no longer.
 * It does not bound the answer: a long stream runs as long as the provider sends.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** The headers of a request must have arrived within this time (at most the request timeout). */
export const HEADERS_TIMEOUT_MS = 10_000;

export interface GatewayServerOptions {
  /** Default REQUEST_TIMEOUT_MS (tests pass less). */
  requestTimeoutMs?: number;
}

async function handle(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = performance.now();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const method = req.method ?? 'GET';

  if (path === '/healthz')
    return method === 'GET'
      ? sendJson(res, 200, { ok: true })
      : sendError(res, errors.methodNotAllowed(method, path, 'GET'));

  let allowed: 'GET' | 'POST';
  if (path === '/v1/chat/completions') allowed = 'POST';
  else if (path === '/v1/models' || (path.startsWith(MODELS_PREFIX) && path.length > MODELS_PREFIX.length))
    allowed = 'GET';
  else
    return sendError(
      res,
      errors.notFound(
        `Unknown route: ${method} ${path}. This gateway serves POST /v1/chat/completions and GET /v1/models.`,
      ),
    );
  if (method !== allowed) return sendError(res, errors.methodNotAllowed(method, path, allowed));

  const denied = deps.auth.checkOn(req.socket, req.headers.authorization);
  if (denied !== null) {
    res.setHeader('connection', 'close'); // a client without the token keeps no connection open
    return sendError(res, errors.unauthorized(denied));
  }

  if (allowed === 'POST') return handleChatCompletions(deps.router, req, res, startedAt);
  if (path === '/v1/models') return handleListModels(deps.candidates, res);
  let id: string;
  try {
    id = decodeURIComponent(path.slice(MODELS_PREFIX.length));
  } catch {
    return sendError(res, errors.invalidRequest('Malformed model id in the URL.'));
  }
  return handleGetModel(deps.candidates, id, res);
}

/** The HTTP server plus the bookkeeping a clean shutdown needs (which connections are mid-request). */
export class GatewayServer {
  private readonly server: http.Server;
  /** Open connections → requests in progress on each. */
  private readonly connections = new Map<Socket, number>();
  private closing = false;

  constructor(deps: GatewayDeps, opts: GatewayServerOptions = {}) {
    const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const serverOptions: http.ServerOptions = {
      keepAliveTimeout: 65_000,
      requestTimeout,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      // how often Node looks for timed-out requests (its default, 30 s, would double the timeout)
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(requestTimeout / 4))),
    };
    this.server = http.createServer(serverOptions, (req, res) => {
      const socket = req.socket;
      this.connections.set(socket, (this.connections.get(socket) ?? 0) + 1);
      res.once('close', () => {
        const n = this.connections.get(socket);
        if (n === undefined) return;
        this.connections.set(socket, n - 1);
        if (this.closing && n === 1) socket.end(); // last request done: no keep-alive while shutting down
      });
      handle(deps, req, res).catch((e: unknown) => {
        if (!res.headersSent) sendError(res, errors.internal(e instanceof Error ? e.message : String(e)));
        else res.destroy();
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections.set(socket, 0);
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  /** Listens on 127.0.0.1:port (0 = any free port); resolves with the real port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /**
   * Stops accepting, drops connections with no request in progress (idle keep-alive, or opened and
   * never used), lets in-flight requests finish for up to `graceMs`, then drops the rest.
   */
  close(graceMs = 5000): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      const force = setTimeout(() => this.server.closeAllConnections(), graceMs);
      force.unref();
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      for (const [socket, busy] of this.connections) if (busy === 0) socket.destroy();
    });
  }
}
