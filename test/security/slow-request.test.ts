// Slow and unauthenticated clients holding gateway connections (issue 14.7). Any local process can
// open connections to the gateway; without bounds each could be held for Node's default 300 s.
//
// Attacks reproduced, and the expected answer:
//   - Headers sent, then the body dribbled a byte at a time and never finished: the connection is
//     closed once the request timeout passes (Node answers 408 first), here 500 ms.
//   - Headers themselves dribbled and never finished: closed the same way.
//   - A request with a wrong token on a keep-alive connection: the 401 says `connection: close` and
//     the server ends the socket, so a client without the token holds nothing open.
// And what the bound must not break: a keep-alive connection idle for longer than the request
// timeout is still served, and a request whose answer takes longer than it (a slow provider) gets
// that answer, not a cut connection.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../gateway/fake-upstream';
import { hello, MODEL, providerFor, startCore, testConfig, TOKEN, type Running } from '../gateway/harness';

const REQUEST_TIMEOUT_MS = 500;

let up: FakeUpstream;
let gw: Running;

beforeAll(async () => {
  up = await FakeUpstream.start('openai', 'up');
  gw = await startCore(testConfig([providerFor(up, { timeoutMs: 3 * REQUEST_TIMEOUT_MS })]), {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
});
afterAll(async () => {
  await gw.close();
  await up.close();
});

/** A raw connection to the gateway that collects what it reads and notes when the server ends it. */
async function connect(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(gw.core.port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', r));
  let text = '';
  socket.on('data', (b: Buffer) => (text += b.toString('latin1')));
  socket.on('error', () => {}); // a reset is a close too
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return { socket, received: () => text, closed };
}

const body = JSON.stringify({ model: MODEL, messages: hello });

function head(token: string, length: number): string {
  return (
    'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Authorization: Bearer ${token}\r\nContent-Length: ${length}\r\nConnection: keep-alive\r\n\r\n`
  );
}

/** Writes one byte of `text` per loop of the timer until the socket closes; returns how many it wrote. */
function dribble(socket: net.Socket, text: string): () => number {
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= text.length) return clearInterval(timer);
    socket.write(text[sent++]);
  }, 20);
  socket.once('close', () => clearInterval(timer));
  return () => sent;
}

describe('request timeouts', () => {
  it('closes a connection whose body is dribbled and never finished', async () => {
    const c = await connect();
    const padded = body.padEnd(100_000, ' ');
    c.socket.write(head(TOKEN, padded.length));
    const sent = dribble(c.socket, padded);
    await c.closed;
    expect(sent()).toBeLessThan(padded.length);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(up.count).toBe(0);
  });

  it('closes a connection whose headers are dribbled and never finished', async () => {
    const c = await connect();
    const headers = `${head(TOKEN, body.length).slice(0, -2)}${'X-Pad: y\r\n'.repeat(10_000)}\r\n`;
    const sent = dribble(c.socket, headers);
    await c.closed;
    expect(sent()).toBeLessThan(headers.length);
  });

  it('still serves a keep-alive connection that stayed idle longer than the request timeout', async () => {
    const c = await connect();
    c.socket.write(head(TOKEN, Buffer.byteLength(body)) + body);
    await new Promise<void>((r) => c.socket.once('data', () => r()));
    await new Promise((r) => setTimeout(r, 3 * REQUEST_TIMEOUT_MS));
    expect(c.socket.destroyed).toBe(false);
    const before = c.received().length;
    c.socket.write(head(TOKEN, Buffer.byteLength(body)) + body);
    await new Promise<void>((r) => c.socket.once('data', () => r()));
    expect(c.received().slice(before)).toMatch(/^HTTP\/1\.1 200 /);
    c.socket.destroy();
  });

  it('lets an answer take longer than the request timeout (a slow provider gets its own deadline)', async () => {
    up.script({ kind: 'hang' });
    const c = await connect();
    c.socket.write(head(TOKEN, Buffer.byteLength(body)) + body);
    await new Promise<void>((r) => c.socket.once('data', () => r()));
    expect(c.received()).toMatch(/^HTTP\/1\.1 502 /); // the provider's 1.5 s deadline, not a 408
    c.socket.destroy();
  });
});

describe('a 401', () => {
  it('says connection: close and ends the socket, even on a keep-alive request', async () => {
    const c = await connect();
    c.socket.write(head('wrong-token', Buffer.byteLength(body)) + body);
    await c.closed;
    const [status, ...headers] = c.received().split('\r\n\r\n')[0].split('\r\n');
    expect(status).toMatch(/^HTTP\/1\.1 401 /);
    expect(headers.map((h) => h.toLowerCase())).toContain('connection: close');
  });
});
