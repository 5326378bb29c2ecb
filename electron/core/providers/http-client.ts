// A lean upstream HTTP client over node:http(s) with pooled keep-alive connections and one deadline
// per call. Failures come out as UpstreamError (timeout / network / malformed), never as raw errors.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { UpstreamError } from './types';

/** Upstream bodies larger than this are treated as malformed. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class UpstreamHttp {
  private readonly agent: http.Agent;
  private readonly isHttps: boolean;
  private readonly hostname: string;
  private readonly port: number;
  private readonly basePath: string;

  constructor(
    readonly provider: string,
    baseUrl: string,
  ) {
    const url = new URL(baseUrl);
    this.isHttps = url.protocol === 'https:';
    this.hostname = url.hostname.replace(/^\[|\]$/g, '');
    this.port = url.port ? Number(url.port) : this.isHttps ? 443 : 80;
    this.basePath = url.pathname.replace(/\/+$/, '');
    const opts = { keepAlive: true, maxSockets: 512, maxFreeSockets: 256, scheduling: 'lifo' as const };
    this.agent = this.isHttps ? new https.Agent(opts) : new http.Agent(opts);
  }

  /**
   * Starts a POST of `body` to base + path; `headers` must already hold content-type. The deadline
   * runs from now; streams re-arm it per event.
   */
  post(
    path: string,
    headers: Readonly<Record<string, string>>,
    body: string,
    timeoutMs: number,
  ): UpstreamCall {
    return new UpstreamCall(this.provider, timeoutMs, (onResponse) => {
      const opts: http.RequestOptions = {
        method: 'POST',
        agent: this.agent,
        hostname: this.hostname,
        port: this.port,
        path: this.basePath + path,
        headers,
      };
      const req = this.isHttps ? https.request(opts, onResponse) : http.request(opts, onResponse);
      req.setHeader('content-length', Buffer.byteLength(body));
      req.end(body);
      return req;
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One in-flight upstream request. Exactly one of its deadline, its error or its completion settles it. */
export class UpstreamCall {
  readonly response: Promise<IncomingMessage>;
  private readonly req: http.ClientRequest;
  private timer: NodeJS.Timeout | null = null;
  private failure: UpstreamError | null = null;

  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
    start: (onResponse: (res: IncomingMessage) => void) => http.ClientRequest,
  ) {
    let resolve!: (res: IncomingMessage) => void;
    let reject!: (e: UpstreamError) => void;
    this.response = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.req = start(resolve);
    this.req.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        this.failure ??
          this.fail(new UpstreamError(provider, 'network', `network error: ${e.code ?? e.message}`)),
      );
    });
    this.touch();
  }

  /** Restarts the deadline. */
  touch(): void {
    if (this.timer) this.timer.refresh();
    else
      this.timer = setTimeout(
        () =>
          this.abort(new UpstreamError(this.provider, 'timeout', `no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
  }

  /** Stops the deadline (the call is over). */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Drops the connection; pending reads fail with `why` (or a generic abort). */
  abort(why?: UpstreamError): void {
    this.finish();
    this.fail(why ?? new UpstreamError(this.provider, 'network', 'aborted'));
    this.req.destroy(this.failure ?? undefined);
  }

  /** The first failure of this call, if any (a deadline, a network error or an abort). */
  get failed(): UpstreamError | null {
    return this.failure;
  }

  /** Reads the whole response body as text, within the deadline. */
  text(res: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      res.setEncoding('utf8');
      let out = '';
      const settle = (): void => {
        if (this.failure) reject(this.failure);
        else if (!res.complete)
          reject(this.fail(new UpstreamError(this.provider, 'network', 'response ended early')));
        else resolve(out);
      };
      res.on('data', (chunk: string) => {
        out += chunk;
        if (out.length > MAX_RESPONSE_BYTES) {
          this.abort(
            new UpstreamError(this.provider, 'malformed', `response larger than ${MAX_RESPONSE_BYTES} bytes`),
          );
        }
      });
      res.once('end', settle);
      res.once('close', settle);
      res.once('error', (e) => {
        this.fail(new UpstreamError(this.provider, 'network', `connection lost while reading: ${e.message}`));
        settle();
      });
    });
  }

  private fail(e: UpstreamError): UpstreamError {
    if (!this.failure) this.failure = e;
    return this.failure;
  }
}
