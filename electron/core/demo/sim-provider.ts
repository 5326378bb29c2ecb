// A SIMULATED LLM provider on loopback, for `penin serve --demo`, tests and benchmarks. It speaks the
// OpenAI chat.completions or the Anthropic Messages wire format (plain and SSE), with realistic
// latency, token usage and occasional 5xx. Nothing it says comes from a model.
//
// Fault injection: `failNext(n)` in code, or `POST /__sim/fail {"count": n, "status": 503}` over HTTP
// (count 0 cancels the failures still pending).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export type SimWire = 'openai' | 'anthropic';

export interface SimOptions {
  /** Label it as simulated, e.g. "sim-openai". */
  name: string;
  wire: SimWire;
  /** Time to first byte, uniformly in [min, max] ms; default 80..400. {0, 0} answers at once. */
  latencyMs?: { min: number; max: number };
  /** Fraction of requests answered 503 at random; default 0.03. */
  errorRate?: number;
  /** Pause between streamed chunks; default 20 ms. */
  chunkDelayMs?: number;
  /** Random source in [0, 1), for reproducible runs. */
  random?: () => number;
}

const WORDS = (
  'the router weighs each provider by price and health then sends the request to the best one while the ledger ' +
  'records every decision with a hash chain so an auditor can verify nothing was rewritten budget limits hold ' +
  'spend below the daily cap and breakers skip providers that keep failing until they recover'
).split(' ');

const requestShape = z.looseObject({
  model: z.string(),
  stream: z.boolean().nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  messages: z.array(z.unknown()).optional(),
  system: z.unknown().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
});
type SimRequest = z.output<typeof requestShape>;

const faultShape = z.strictObject({
  count: z.number().int().min(0).max(1_000_000),
  status: z.number().int().min(400).max(599).default(503),
});

export class SimProvider {
  private pendingFailures: number[] = [];
  private requests = 0;
  private failures = 0;
  private readonly random: () => number;

  private constructor(
    private readonly opts: SimOptions,
    private readonly server: http.Server,
  ) {
    this.random = opts.random ?? Math.random;
  }

  static async start(opts: SimOptions): Promise<SimProvider> {
    const server = http.createServer({ keepAliveTimeout: 65_000 });
    const sim = new SimProvider(opts, server);
    server.on('request', (req, res) => {
      sim.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sim;
  }

  get name(): string {
    return this.opts.name;
  }

  get wire(): SimWire {
    return this.opts.wire;
  }

  /** For a provider's baseUrl. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The next `count` chat requests get HTTP `status` (a 5xx makes the gateway fall back); 0 cancels what is pending. */
  failNext(count: number, status = 503): void {
    if (count === 0) this.pendingFailures = [];
    for (let i = 0; i < count; i++) this.pendingFailures.push(status);
  }

  stats(): { requests: number; failures: number } {
    return { requests: this.requests, failures: this.failures };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && req.url === '/__sim/fail') return this.control(text, res);
    const path = this.opts.wire === 'openai' ? '/v1/chat/completions' : '/v1/messages';
    if (req.method !== 'POST' || req.url !== path)
      return this.error(res, 404, `simulated provider: no route ${req.method} ${req.url}`);
    let body: SimRequest;
    try {
      body = requestShape.parse(JSON.parse(text));
    } catch {
      return this.error(res, 400, 'simulated provider: body is not a chat request');
    }
    this.requests += 1;
    const status = this.pendingFailures.shift() ?? (this.random() < (this.opts.errorRate ?? 0.03) ? 503 : 0);
    const latency = this.opts.latencyMs ?? { min: 80, max: 400 };
    const wait = latency.min + (latency.max - latency.min) * this.random();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (status) {
      this.failures += 1;
      return this.error(res, status, `simulated failure (${status})`);
    }
    const reply = this.reply(body);
    const promptTokens = Math.ceil(text.length / 4);
    if (body.stream) return this.stream(res, body, reply, promptTokens);
    return this.plain(res, body.model, reply, promptTokens);
  }

  private control(text: string, res: ServerResponse): void {
    const r = faultShape.safeParse(
      (() => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return null;
        }
      })(),
    );
    if (!r.success) return this.error(res, 400, 'expected {"count": n, "status": 5xx}');
    this.failNext(r.data.count, r.data.status);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ provider: this.opts.name, pendingFailures: this.pendingFailures.length }));
  }

  /** Some words, as many as the cap allows (about 1.3 tokens a word). */
  private reply(body: SimRequest): string[] {
    const cap = body.max_completion_tokens ?? body.max_tokens ?? 200;
    const n = Math.max(1, Math.min(Math.floor(cap / 1.3), 8 + Math.floor(this.random() * 60)));
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(this.random() * WORDS.length)]);
    return words;
  }

  private error(res: ServerResponse, status: number, message: string): void {
    const body =
      this.opts.wire === 'openai'
        ? {
            error: {
              message,
              type: status < 500 ? 'invalid_request_error' : 'server_error',
              code: null,
              param: null,
            },
          }
        : { type: 'error', error: { type: status < 500 ? 'invalid_request_error' : 'api_error', message } };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private plain(res: ServerResponse, model: string, words: string[], promptTokens: number): void {
    const text = words.join(' ');
    const completion = Math.ceil(words.length * 1.3);
    const body =
      this.opts.wire === 'openai'
        ? {
            id: `chatcmpl-sim-${this.requests}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: completion,
              total_tokens: promptTokens + completion,
            },
          }
        : {
            id: `msg_sim_${this.requests}`,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text }],
            stop_reason: 'end_turn',
            usage: { input_tokens: promptTokens, output_tokens: completion },
          };
    const out = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  }

  private async stream(
    res: ServerResponse,
    body: SimRequest,
    words: string[],
    promptTokens: number,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const completion = Math.ceil(words.length * 1.3);
    const delay = this.opts.chunkDelayMs ?? 20;
    const events =
      this.opts.wire === 'openai'
        ? this.openaiEvents(body, words, promptTokens, completion)
        : this.anthropicEvents(body.model, words, promptTokens, completion);
    for (const e of events) {
      if (res.destroyed) return;
      res.write(e);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
    res.end();
  }

  private openaiEvents(body: SimRequest, words: string[], prompt: number, completion: number): string[] {
    const base = {
      id: `chatcmpl-sim-${this.requests}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
    };
    const ev = (o: object): string => `data: ${JSON.stringify({ ...base, ...o })}\n\n`;
    const out = [
      ev({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    ];
    words.forEach((w, i) =>
      out.push(ev({ choices: [{ index: 0, delta: { content: i ? ` ${w}` : w }, finish_reason: null }] })),
    );
    out.push(ev({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    if (body.stream_options?.include_usage) {
      out.push(
        ev({
          choices: [],
          usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
        }),
      );
    }
    out.push('data: [DONE]\n\n');
    return out;
  }

  private anthropicEvents(model: string, words: string[], prompt: number, completion: number): string[] {
    const ev = (type: string, o: object): string =>
      `event: ${type}\ndata: ${JSON.stringify({ type, ...o })}\n\n`;
    const out = [
      ev('message_start', {
        message: {
          id: `msg_sim_${this.requests}`,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          usage: { input_tokens: prompt, output_tokens: 1 },
        },
      }),
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ];
    words.forEach((w, i) =>
      out.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: i ? ` ${w}` : w } })),
    );
    out.push(ev('content_block_stop', { index: 0 }));
    out.push(
      ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: completion } }),
    );
    out.push(ev('message_stop', {}));
    return out;
  }
}
