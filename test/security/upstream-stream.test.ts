// Hostile upstream streams (issue 14.2). A provider, or whatever answers at its address, controls
// the bytes of a streaming answer; the gateway must read them at a bounded cost.
//
// Attacks reproduced, and the expected answer:
//   - One 64 MB `data:` line sent in chunks after a first valid event (it once stalled /healthz for
//     over 30 s: the old parser rescanned its whole buffer on every chunk and capped nothing).
//     Expected: /healthz answers while the hostile stream is under way; the gateway drops the stream
//     once a line passes 1 MiB (so the upstream never gets to send its 64 MB); the client gets the
//     usual SSE error event (the SDK raises an APIError); the ledger records the failure with its
//     reason; the provider's breaker counts a failure.
//   - The same line before any event: the attempt fails as a malformed answer (the breaker counts
//     it, the ledger lists the attempt as `malformed`) and the next candidate serves the request.
//   - At the reader itself: a line of exactly the cap passes and one byte more fails, in one chunk
//     or many; an event whose lines add up past the cap fails; a stream past its total cap fails.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_SSE_PENDING_BYTES,
  MAX_SSE_STREAM_BYTES,
  SseLimitError,
  SseReader,
} from '../../electron/core/providers/sse';
import { FakeUpstream } from '../gateway/fake-upstream';
import {
  hello,
  metric,
  MODEL,
  PRICE,
  providerFor,
  startCore,
  testConfig,
  type Running,
} from '../gateway/harness';

const HOSTILE_LINE_BYTES = 64 * 1024 * 1024;
const PIECE = 64 * 1024;
/** The hostile upstream pauses here (half the cap, so the gateway is still reading) until released. */
const PAUSE_AT = 512 * 1024;

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** An OpenAI-wire upstream whose streams send one endless-looking `data:` line. */
class HostileUpstream {
  /** Bytes of the hostile line written so far (to the socket, with backpressure). */
  sent = 0;
  /** True once the whole line was written; false while under way or if the gateway cut it. */
  finished = false;
  readonly cut: Promise<void>;
  readonly paused: Promise<void>;
  private onCut!: () => void;
  private onPaused!: () => void;
  private release!: () => void;
  private readonly released = new Promise<void>((r) => (this.release = r));

  private constructor(
    private readonly server: http.Server,
    /** Send a valid first event before the hostile line. */
    private readonly firstEvent: boolean,
  ) {
    this.cut = new Promise((r) => (this.onCut = r));
    this.paused = new Promise((r) => (this.onPaused = r));
  }

  static async start(firstEvent: boolean): Promise<HostileUpstream> {
    const server = http.createServer();
    const h = new HostileUpstream(server, firstEvent);
    server.on('request', (req, res) => {
      req.resume();
      req.on('end', () => void h.stream(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return h;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  resume(): void {
    this.release();
  }

  private async stream(res: ServerResponse): Promise<void> {
    res.on('close', () => {
      if (!this.finished) this.onCut();
    });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (this.firstEvent) {
      const chunk = {
        id: 'chatcmpl-hostile',
        object: 'chat.completion.chunk',
        created: 1,
        model: MODEL,
        choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.write('data: ');
    const piece = Buffer.alloc(PIECE, 'x');
    while (this.sent < HOSTILE_LINE_BYTES) {
      if (res.destroyed) return;
      if (this.sent === PAUSE_AT) {
        this.onPaused();
        await this.released;
      }
      const more = res.write(piece);
      this.sent += PIECE;
      if (!more) await drainOrClose(res);
      else await new Promise<void>((r) => setImmediate(r)); // slowly: one piece per loop turn
    }
    res.end('\n\n');
    this.finished = true;
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function hostileProvider(h: HostileUpstream, name: string, priority: number) {
  return {
    name,
    kind: 'openai' as const,
    baseUrl: h.baseUrl,
    priority,
    timeoutMs: 30_000,
    models: [{ id: MODEL, ...PRICE }],
  };
}

describe('a 64 MB data line from an upstream, after its first event', () => {
  let hostile: HostileUpstream;
  let gw: Running;

  beforeAll(async () => {
    hostile = await HostileUpstream.start(true);
    gw = await startCore(testConfig([hostileProvider(hostile, 'hostile', 1)]));
  });
  afterAll(async () => {
    await gw.close();
    await hostile.close();
  });

  it('keeps /healthz answering, cuts the stream at the line cap, and fails it as usual', async () => {
    const stream = await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true });
    const read = (async () => {
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
      return text;
    })();
    const outcome = read.then(
      (text) => ({ ok: true as const, text }),
      (e: unknown) => ({ ok: false as const, error: e }),
    );

    await hostile.paused;
    const health = await fetch(`${gw.core.url}/healthz`);
    expect(health.status).toBe(200);
    expect(hostile.finished).toBe(false); // answered while the hostile line is still being sent
    hostile.resume();

    const r = await outcome;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(OpenAI.APIError);
    expect((r.error as Error).message).toContain(`longer than ${MAX_SSE_PENDING_BYTES} bytes`);

    await hostile.cut; // the gateway dropped the connection...
    expect(hostile.finished).toBe(false);
    expect(hostile.sent).toBeLessThan(HOSTILE_LINE_BYTES); // ...long before the 64 MB were out

    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.reason).toContain('stream from "hostile" broke');
    expect(d.reason).toContain(`longer than ${MAX_SSE_PENDING_BYTES} bytes`);
    expect(gw.core.breakers.snapshot('hostile').consecutiveFailures).toBe(1);

    expect((await fetch(`${gw.core.url}/healthz`)).status).toBe(200);
  });
});

describe('a 64 MB data line from an upstream, before any event', () => {
  let hostile: HostileUpstream;
  let good: FakeUpstream;
  let gw: Running;

  beforeAll(async () => {
    hostile = await HostileUpstream.start(false);
    hostile.resume(); // no pause: straight through to the cap
    good = await FakeUpstream.start('openai', 'good');
    gw = await startCore(
      testConfig([hostileProvider(hostile, 'hostile', 1), providerFor(good, { priority: 2 })]),
    );
  });
  afterAll(async () => {
    await gw.close();
    await hostile.close();
    await good.close();
  });

  it('fails that attempt as malformed (breaker counts it) and the next candidate serves', async () => {
    const stream = await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hello from good');
    await hostile.cut;
    expect(hostile.sent).toBeLessThan(HOSTILE_LINE_BYTES);
    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(metric(d, 'attempts')).toEqual([
      expect.objectContaining({ provider: 'hostile', outcome: 'malformed' }),
      expect.objectContaining({ provider: 'good', outcome: 'ok' }),
    ]);
    expect(gw.core.breakers.snapshot('hostile').consecutiveFailures).toBe(1);
  });
});

describe('the SSE reader bounds', () => {
  const CAP = MAX_SSE_PENDING_BYTES;
  /** A `data:` line of exactly `bytes` bytes, without its line end. */
  const dataLine = (bytes: number): string => `data: ${'x'.repeat(bytes - 6)}`;

  function limitOf(f: () => unknown): SseLimitError {
    try {
      f();
    } catch (e) {
      if (e instanceof SseLimitError) return e;
      throw e;
    }
    throw new Error('no SseLimitError');
  }

  it('passes a line of exactly the cap, in one chunk and in many', () => {
    const line = `${dataLine(CAP)}\n\n`;
    const one = new SseReader();
    const events = [...one.push(line), ...one.end()];
    expect(events).toHaveLength(1);
    expect(events[0].data.length).toBe(CAP - 6);
    const many = new SseReader();
    const out = [];
    for (let i = 0; i < line.length; i += 4096) out.push(...many.push(line.slice(i, i + 4096)));
    expect(out).toEqual(events);
  });

  it('fails a line of the cap plus one byte, whether its end has arrived or not', () => {
    expect(limitOf(() => new SseReader().push(`${dataLine(CAP + 1)}\n\n`)).bound).toBe('line');
    const r = new SseReader();
    const line = dataLine(CAP + 1);
    const err = limitOf(() => {
      for (let i = 0; i < line.length; i += 4096) r.push(line.slice(i, i + 4096));
    });
    expect(err.bound).toBe('line');
    expect(() => r.push('\n\n')).toThrow(SseLimitError); // a failed reader stays failed
  });

  it('counts a CRLF line end as no part of the line', () => {
    const r = new SseReader();
    expect([...r.push(`${dataLine(CAP)}\r`), ...r.push('\n\r\n')]).toHaveLength(1);
  });

  it('fails an event whose lines add up past the cap, and passes the same lines as separate events', () => {
    const half = dataLine(CAP / 2 + 1);
    expect(limitOf(() => new SseReader().push(`${half}\n${half}\n\n`)).bound).toBe('event');
    const r = new SseReader();
    expect([...r.push(`${half}\n\n${half}\n\n`), ...r.end()]).toHaveLength(2);
  });

  it('fails a stream past its total cap, made of events each within bounds', () => {
    const event = Buffer.from(`${dataLine(CAP / 2)}\n\n`);
    const r = new SseReader();
    let read = 0;
    let events = 0;
    const err = limitOf(() => {
      for (;;) {
        events += r.push(event).length;
        read += event.length;
      }
    });
    expect(err.bound).toBe('stream');
    expect(read).toBeLessThanOrEqual(MAX_SSE_STREAM_BYTES);
    expect(read + event.length).toBeGreaterThan(MAX_SSE_STREAM_BYTES);
    expect(events).toBe(read / event.length);
  });
});
