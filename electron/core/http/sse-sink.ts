// The router's StreamSink over an HTTP response: OpenAI's SSE framing (`data: ...` events, `[DONE]`).
import type { ServerResponse } from 'node:http';
import type { StreamSink } from '../routing/stream-delivery';
import type { GatewayError } from '../model/errors';
import { DECISION_ID_HEADER } from './respond';

export class SseSink implements StreamSink {
  constructor(
    private readonly res: ServerResponse,
    private readonly decisionId: string,
  ) {}

  open(): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      'x-penin-cache': 'bypass',
      [DECISION_ID_HEADER]: this.decisionId,
    });
  }

  send(data: string): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(`data: ${data}\n\n`);
  }

  done(): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end('data: [DONE]\n\n');
  }

  /** OpenAI SDKs raise an event whose data has an `error` member as an APIError. */
  fail(error: GatewayError): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end(`data: ${error.json()}\n\n`);
  }

  onClose(listener: () => void): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) listener();
    });
  }
}
