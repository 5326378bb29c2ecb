// A scriptable loopback LLM provider speaking the OpenAI chat.completions or the Anthropic Messages
// wire format, plain and streaming, for testing the gateway's adapters without any network.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Wire = 'openai' | 'anthropic';

export type Behaviour =
  /** A normal answer (usage omitted when `usage` is null), sent once `after()` (if any) settles. */
  | {
      kind: 'ok';
      text?: string;
      usage?: { prompt: number; completion: number } | null;
      after?: () => Promise<unknown>;
    }
  /** An HTTP error with the wire's error JSON (or a raw body). */
  | { kind: 'status'; status: number; message?: string; raw?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** 200 with a body that is not a completion. */
  | { kind: 'malformed' }
  /** Streams: sends the first events, then drops the connection. */
  | { kind: 'break' };

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export class FakeUpstream {
  readonly received: Received[] = [];
  private queue: Behaviour[] = [];
  private fallback: Behaviour = { kind: 'ok' };
  private readonly hung = new Set<ServerResponse>();

  private constructor(
    readonly wire: Wire,
    readonly name: string,
    private readonly server: http.Server,
  ) {}

  static async start(wire: Wire, name = `fake-${wire}`): Promise<FakeUpstream> {
    const server = http.createServer();
    const fake = new FakeUpstream(wire, name, server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What to put in a provider's baseUrl. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** The next requests get these behaviours, in order; then the default. */
  script(...b: Behaviour[]): this {
    this.queue.push(...b);
    return this;
  }

  /** Behaviour once the script has run out. */
  always(b: Behaviour): this {
    this.fallback = b;
    return this;
  }

  get count(): number {
    return this.received.length;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const body = JSON.parse(text) as Record<string, unknown>;
    this.received.push({ path: req.url ?? '', headers: req.headers, body });
    const expected = this.wire === 'openai' ? '/v1/chat/completions' : '/v1/messages';
    if (req.url !== expected) return this.error(res, 404, `no route ${req.url}`);
    const b = this.queue.shift() ?? this.fallback;
    const stream = body.stream === true;
    switch (b.kind) {
      case 'hang':
        this.hung.add(res);
        return;
      case 'status':
        if (b.raw !== undefined) {
          res.writeHead(b.status, { 'content-type': 'text/plain' });
          res.end(b.raw);
        } else this.error(res, b.status, b.message ?? `simulated ${b.status}`);
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
        res.end(stream ? 'data: {not json\n\n' : '{"choices": "nope"');
        return;
      case 'ok':
      case 'break': {
        if (b.kind === 'ok' && b.after) await b.after();
        const content = b.kind === 'ok' ? (b.text ?? `Hello from ${this.name}`) : 'This stream will break';
        const usage = b.kind === 'ok' && b.usage !== undefined ? b.usage : { prompt: 10, completion: 5 };
        if (!stream) return this.plain(res, String(body.model), content, usage);
        return this.stream(res, String(body.model), content, usage, body, b.kind === 'break');
      }
    }
  }

  private error(res: ServerResponse, status: number, message: string): void {
    const body =
      this.wire === 'openai'
        ? {
            error: {
              message,
              type: status < 500 ? 'invalid_request_error' : 'server_error',
              code: `e${status}`,
              param: status === 400 ? 'messages' : null,
            },
          }
        : { type: 'error', error: { type: status < 500 ? 'invalid_request_error' : 'api_error', message } };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private plain(
    res: ServerResponse,
    model: string,
    text: string,
    usage: { prompt: number; completion: number } | null,
  ): void {
    const body =
      this.wire === 'openai'
        ? {
            id: 'chatcmpl-fake',
            object: 'chat.completion',
            created: 1,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
            ...(usage
              ? {
                  usage: {
                    prompt_tokens: usage.prompt,
                    completion_tokens: usage.completion,
                    total_tokens: usage.prompt + usage.completion,
                  },
                }
              : {}),
          }
        : {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text }],
            stop_reason: 'end_turn',
            usage: { input_tokens: usage?.prompt ?? 0, output_tokens: usage?.completion ?? 0 },
          };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private stream(
    res: ServerResponse,
    model: string,
    text: string,
    usage: { prompt: number; completion: number } | null,
    req: Record<string, unknown>,
    breakIt: boolean,
  ): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pieces = text.split(/(?<= )/);
    const events: string[] = [];
    if (this.wire === 'openai') {
      const chunk = (delta: object, finish: string | null): string =>
        `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      events.push(chunk({ role: 'assistant', content: '' }, null));
      for (const p of pieces) events.push(chunk({ content: p }, null));
      events.push(chunk({}, 'stop'));
      const opts = req.stream_options as { include_usage?: boolean } | undefined;
      if (usage && opts?.include_usage) {
        events.push(
          `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } })}\n\n`,
        );
      }
      events.push('data: [DONE]\n\n');
    } else {
      const ev = (type: string, data: object): string =>
        `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
      events.push(
        ev('message_start', {
          message: {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            usage: { input_tokens: usage?.prompt ?? 0, output_tokens: 1 },
          },
        }),
      );
      events.push(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
      events.push(ev('ping', {}));
      for (const p of pieces)
        events.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: p } }));
      events.push(ev('content_block_stop', { index: 0 }));
      events.push(
        ev('message_delta', {
          delta: { stop_reason: 'end_turn' },
          usage: { output_tokens: usage?.completion ?? 0 },
        }),
      );
      events.push(ev('message_stop', {}));
    }
    if (breakIt) {
      res.write(events.slice(0, 3).join(''));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    // Two writes, so the gateway sees the stream arrive in pieces.
    const half = Math.ceil(events.length / 2);
    res.write(events.slice(0, half).join(''));
    setImmediate(() => res.end(events.slice(half).join('')));
  }
}
