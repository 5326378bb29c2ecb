// The undici-based upstream client on its own: whole bodies of any size, streamed chunks with
// backpressure, its deadline, and network errors — each as the UpstreamError the router expects.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpstreamHttp } from '../../../electron/core/providers/http-client';
import { UpstreamError } from '../../../electron/core/providers/provider-adapter';

const BIG = 'é'.repeat(1_500_000); // 3 MB of UTF-8, split across many chunks (and inside characters)
let server: http.Server;
let base: string;
let client: UpstreamHttp;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(BIG);
      } else if (req.url === '/v1/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        let i = 0;
        const tick = (): void => {
          if (i === 50) return void res.end('data: [DONE]\n\n');
          res.write(`data: ${i++}\n\n`);
          setTimeout(tick, 1);
        };
        tick();
      } else if (req.url === '/v1/hang') {
        // never answers
      } else {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"down"}}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  client = new UpstreamHttp('p', base);
});

afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const HEADERS = { 'content-type': 'application/json' };

describe('UpstreamHttp (undici Pool)', () => {
  it('reads a multi-megabyte body whole, decoding UTF-8 across chunks', async () => {
    const call = client.post('/big', HEADERS, '{}', 5000);
    expect(await call.response).toBe(200);
    const text = await call.text();
    call.finish();
    expect(text.length).toBe(BIG.length);
    expect(text === BIG).toBe(true);
    expect(call.complete).toBe(true);
  });

  it('streams chunks as they arrive', async () => {
    const call = client.post('/stream', HEADERS, '{}', 5000);
    expect(await call.response).toBe(200);
    let all = '';
    for await (const chunk of call.chunks()) all += chunk.toString('latin1'); // ASCII body
    call.finish();
    expect(all.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(all.split('\n\n').length).toBe(52);
  });

  it('gives the status and body of an error answer', async () => {
    const call = client.post('/other', HEADERS, '{}', 5000);
    expect(await call.response).toBe(503);
    expect(await call.text()).toContain('down');
    call.finish();
  });

  it('fails with a timeout UpstreamError at its deadline', async () => {
    const call = client.post('/hang', HEADERS, '{}', 100);
    const e = await call.response.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).kind).toBe('timeout');
    expect((e as UpstreamError).message).toBe('no answer within 100 ms');
  });

  it('fails with a network UpstreamError when nothing listens', async () => {
    const dead = new UpstreamHttp('dead', 'http://127.0.0.1:9/v1');
    const e = await dead.post('/x', HEADERS, '{}', 2000).response.catch((x: unknown) => x);
    dead.close();
    expect(e).toBeInstanceOf(UpstreamError);
    expect((e as UpstreamError).kind).toBe('network');
    expect((e as UpstreamError).message).toMatch(/^network error: /);
  });
});

describe('sending', () => {
  it('never sends a call aborted right after it was made; the next one goes through', async () => {
    let seen = 0;
    const counting = http.createServer((req, res) => {
      seen += 1;
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((r) => counting.listen(0, '127.0.0.1', r));
    const c = new UpstreamHttp('q', `http://127.0.0.1:${(counting.address() as AddressInfo).port}/v1`);
    try {
      const dropped = c.post('/x', HEADERS, '{}', 5000);
      dropped.abort();
      await expect(dropped.response).rejects.toThrow(/aborted/);
      const sent = c.post('/x', HEADERS, '{}', 5000);
      expect(await sent.response).toBe(200);
      expect(await sent.text()).toBe('{}');
      expect(seen).toBe(1);
    } finally {
      c.close();
      counting.closeAllConnections();
      await new Promise<void>((r) => counting.close(() => r()));
    }
  });

  it('sends the calls made in one turn together: one that cannot be dispatched fails alone', async () => {
    const spy = vi.spyOn(Pool.prototype, 'dispatch').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    try {
      const failing = client.post('/down', HEADERS, '{}', 5000);
      const next = client.post('/down', HEADERS, '{}', 5000);
      await expect(failing.response).rejects.toThrow(/network error: boom/);
      expect(await next.response).toBe(503); // the test server's answer for /down
      next.drain();
    } finally {
      spy.mockRestore();
    }
  });
});
