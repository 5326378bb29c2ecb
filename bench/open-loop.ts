// An open-loop load generator at a fixed rate: a request is sent every 1/rate s whatever the ones
// in flight are doing, so a slow answer cannot hold back the requests behind it (no coordinated
// omission). It is a minimal HTTP/1.1 keep-alive client on raw sockets — the request's bytes built
// once, answers framed by Content-Length — because a load generator sharing two cores with what it
// measures should spend as little CPU as it can: a full client (undici) cost ~150 µs per request
// here, which the gateway then waited for.
import { connect, type Socket } from 'node:net';

/** One run of load on one target. */
export interface Sample {
  /** Latency of each 200 answer, ms. */
  times: Float64Array;
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  /** Open loop only: how late each send left vs its schedule, ms. */
  lags: Float64Array;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Status and Content-Length of a response head (latin1 text up to the blank line). */
function parseHead(head: string): { status: number; length: number } {
  const status = Number(head.slice(9, 12));
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!m || !(status >= 100)) throw new Error(`unframed answer: ${head.slice(0, 80)}`);
  return { status, length: Number(m[1]) };
}

/** A keep-alive connection with at most one request in flight. */
class Conn {
  private buf: Buffer = Buffer.alloc(0);
  private onDone: ((status: number) => void) | null = null;
  private onFail: ((e: Error) => void) | null = null;

  /**
   * `socket` may still be connecting: what is sent meanwhile waits in its buffer. `onClosed` runs
   * once when the connection ends, busy or idle (after failing its request, if it had one).
   */
  constructor(
    private readonly socket: Socket,
    onClosed: (c: Conn) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.read(d));
    socket.on('error', (e) => this.fail(e));
    socket.once('close', () => {
      this.fail(new Error('connection closed'));
      onClosed(this);
    });
  }

  get idle(): boolean {
    return this.onDone === null && !this.socket.destroyed;
  }

  send(request: Buffer, done: (status: number) => void, fail: (e: Error) => void): void {
    this.onDone = done;
    this.onFail = fail;
    this.socket.write(request);
  }

  private read(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    const end = this.buf.indexOf(HEADER_END);
    if (end < 0) return;
    let head: { status: number; length: number };
    try {
      head = parseHead(this.buf.toString('latin1', 0, end));
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    const total = end + 4 + head.length;
    if (this.buf.length < total) return;
    this.buf = this.buf.subarray(total);
    const done = this.onDone;
    this.onDone = null;
    this.onFail = null;
    done?.(head.status);
  }

  /** Fails the request in flight, if any, and drops the connection. */
  private fail(e: Error): void {
    const fail = this.onFail;
    this.onDone = null;
    this.onFail = null;
    this.socket.destroy();
    fail?.(e);
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Sends `rate` POSTs per second to `url` for `leadInSeconds` then `seconds`, over at most
 * `maxConnections` connections; only the requests sent after the lead-in are measured (the lead-in
 * brings a target that sat idle up to the steady state being measured, on the same connections).
 */
export async function openLoop(
  url: string,
  headers: Record<string, string>,
  body: string,
  rate: number,
  seconds: number,
  maxConnections: number,
  leadInSeconds = 0,
  /** Called as the first measured request is sent. */
  measuring: () => void = () => {},
): Promise<Sample> {
  const u = new URL(url);
  const head =
    `POST ${u.pathname} HTTP/1.1\r\nhost: ${u.host}\r\ncontent-type: application/json\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const request = Buffer.from(head + body);
  const conns: Conn[] = [];
  const lead = Math.round(rate * leadInSeconds);
  const measured = Math.round(rate * seconds);
  const total = lead + measured;
  const interval = 1000 / rate;
  const times = new Float64Array(measured);
  const lags = new Float64Array(measured);
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let finished = 0;
  let sent = 0;
  /** When each request not yet on a connection was fired (performance.now()), and whether it counts. */
  const waiting: { firedAt: number; counted: boolean }[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const settle = (): void => {
      if (++finished === total) resolve();
    };
    /** Puts waiting requests on idle connections, opening new ones up to maxConnections. */
    const next = (): void => {
      while (waiting.length > 0) {
        let c = conns.find((x) => x.idle);
        if (!c) {
          if (conns.length >= maxConnections) return; // sent when a connection frees up
          c = new Conn(connect(Number(u.port), u.hostname), (closed) => {
            const i = conns.indexOf(closed);
            if (i >= 0) conns.splice(i, 1);
            next();
          });
          conns.push(c);
        }
        const { firedAt, counted } = waiting.shift() as { firedAt: number; counted: boolean };
        c.send(
          request,
          (status) => {
            // From when it was fired: time spent waiting for a free connection counts.
            if (status !== 200) non2xx += 1;
            else if (counted) times[ok++] = performance.now() - firedAt;
            settle();
            next();
          },
          () => {
            errors += 1; // the connection is dropped: `next` runs again once it has closed
            settle();
          },
        );
      }
    };
    const tick = (): void => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      while (sent < due) {
        if (sent === lead) measuring();
        if (sent >= lead) lags[sent - lead] = now - (start + sent * interval);
        waiting.push({ firedAt: performance.now(), counted: sent >= lead });
        next();
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000 - lead / rate;
  for (const c of [...conns]) c.close();
  return { times: times.subarray(0, ok), requests: ok, seconds: elapsed, non2xx, errors, lags };
}
