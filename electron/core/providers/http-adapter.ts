// What every HTTP provider adapter shares: its connection pool, its headers (JSON, plus its own
// auth), its deadline, and POSTs whose non-2xx answers become UpstreamErrors.
import type { ProviderConfig } from '../config/config';
import { UpstreamHttp, type UpstreamCall } from './http-client';
import { httpFailure } from './upstream-error';

export abstract class HttpAdapter {
  readonly name: string;
  protected readonly http: UpstreamHttp;
  private readonly headers: Record<string, string>;
  private readonly streamHeaders: Record<string, string>;
  private readonly timeoutMs: number;

  protected constructor(
    cfg: ProviderConfig,
    authHeaders: Record<string, string>,
    private readonly path: string,
  ) {
    this.name = cfg.name;
    this.timeoutMs = cfg.timeoutMs;
    this.http = new UpstreamHttp(cfg.name, cfg.baseUrl);
    this.headers = { 'content-type': 'application/json', ...authHeaders };
    this.streamHeaders = { ...this.headers, accept: 'text/event-stream' };
  }

  /** POSTs `body`; the body text of a 2xx answer, else the upstream's failure is thrown. */
  protected async postForText(body: string): Promise<string> {
    const up = this.http.post(this.path, this.headers, body, this.timeoutMs);
    const status = await up.response;
    const text = up.textIfComplete() ?? (await up.text());
    up.finish();
    if (status < 200 || status >= 300) throw httpFailure(this.name, status, text);
    return text;
  }

  /** POSTs `body` for an event stream; a non-2xx answer is read and thrown as the upstream's failure. */
  protected async postForStream(body: string): Promise<UpstreamCall> {
    const up = this.http.post(this.path, this.streamHeaders, body, this.timeoutMs);
    const status = await up.response;
    if (status < 200 || status >= 300) {
      const text = await up.text();
      up.finish();
      throw httpFailure(this.name, status, text);
    }
    return up;
  }

  close(): void {
    this.http.close();
  }
}
