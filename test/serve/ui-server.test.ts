import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { channel, type EventDef } from '../../shared/ipc/contract-kit';
import { WS_CLOSE_BAD_MESSAGE, WS_CLOSE_BAD_TOKEN, type ServerMessage } from '../../shared/ipc/transport';
import { createEventHub } from '../../electron/events/event-hub';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { startUiServer, type UiServer } from '../../electron/serve/ui-server';
import { tmpDir } from '../helpers/tmp';

const TOKEN = 'correct-horse-battery-staple';
const channels = {
  'echo:say': channel<string>()(z.object({ text: z.string().max(10) }).strict()),
};
type TestEvents = { 'count:changed': EventDef<number> };

let server: UiServer;
let root: string;
const hub = createEventHub<TestEvents>();

beforeAll(async () => {
  const base = tmpDir();
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>PENIN</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  try {
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  } catch {
    // no symlinks here (Windows without privileges): that case is then moot
  }
  const dispatcher = createDispatcher(channels, { 'echo:say': ({ text }) => `you said ${text}` });
  server = await startUiServer({ token: TOKEN, dispatcher, events: hub.subscribe, staticDir: root });
});

afterAll(async () => {
  await server.close();
});

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, opts: { method?: string; host?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.host ? { Host: opts.host } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;

function connect(headers: { origin?: string } = { origin: origin() }, path = '/ws'): WebSocket {
  return new WebSocket(
    `ws://127.0.0.1:${server.port}${path}`,
    headers.origin ? { origin: headers.origin } : {},
  );
}

/** Collects messages until the socket closes or `until` matches. */
function collect(
  ws: WebSocket,
  until?: (m: ServerMessage[]) => boolean,
): Promise<{ messages: ServerMessage[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const messages: ServerMessage[] = [];
    const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(messages)}`)), 5000);
    ws.on('message', (data) => {
      messages.push(JSON.parse(String(data)) as ServerMessage);
      if (until?.(messages)) {
        clearTimeout(timer);
        resolve({ messages, code: null });
      }
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ messages, code });
    });
    ws.on('error', () => undefined);
  });
}

async function authenticated(): Promise<WebSocket> {
  const ws = connect();
  await new Promise((r) => ws.once('open', r));
  const ready = collect(ws, (m) => m.some((x) => x.type === 'ready'));
  ws.send(JSON.stringify({ type: 'hello', token: TOKEN }));
  await ready;
  ws.removeAllListeners('message');
  ws.removeAllListeners('close');
  return ws;
}

describe('UI server: static files', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('serves index.html at / with a CSP and security headers', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<title>PENIN</title>');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content types', async () => {
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/style.css?v=1')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 to every traversal attempt and never leaks the file', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt',
      '/%00index.html',
      '/%E0%A4%A',
      '/assets',
      '/nope.html',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('TOP SECRET');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and non-GET methods', async () => {
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { host: `localhost:${server.port}` })).status).toBe(200);
    const post = await get('/', { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('UI server: WebSocket', () => {
  it('accepts the right token, answers Ready, then answers calls', async () => {
    const ws = await authenticated();
    const done = collect(ws, (m) => m.some((x) => x.type === 'result'));
    ws.send(JSON.stringify({ type: 'call', id: 7, channel: 'echo:say', request: { text: 'hi' } }));
    const { messages } = await done;
    expect(messages).toContainEqual({ type: 'result', id: 7, result: { ok: true, value: 'you said hi' } });
    ws.close();
  });

  it('closes with 4401 on a wrong token', async () => {
    const ws = connect();
    await new Promise((r) => ws.once('open', r));
    const closed = collect(ws);
    ws.send(JSON.stringify({ type: 'hello', token: 'wrong' }));
    const { messages, code } = await closed;
    expect(code).toBe(WS_CLOSE_BAD_TOKEN);
    expect(messages).toEqual([]);
  });

  it('closes with 4401 on a call before the hello, without answering it', async () => {
    const ws = connect();
    await new Promise((r) => ws.once('open', r));
    const closed = collect(ws);
    ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'echo:say', request: { text: 'x' } }));
    const { messages, code } = await closed;
    expect(code).toBe(WS_CLOSE_BAD_TOKEN);
    expect(messages).toEqual([]);
  });

  it('closes with 4400 on malformed JSON or an unknown message type', async () => {
    for (const text of [
      '{not json',
      JSON.stringify({ type: 'subscribe' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ type: 'call', id: 'x', channel: 'echo:say' }),
    ]) {
      const ws = await authenticated();
      const closed = collect(ws);
      ws.send(text);
      expect((await closed).code, text).toBe(WS_CLOSE_BAD_MESSAGE);
    }
    const fresh = connect();
    await new Promise((r) => fresh.once('open', r));
    const closed = collect(fresh);
    fresh.send('garbage');
    expect((await closed).code).toBe(WS_CLOSE_BAD_MESSAGE);
  });

  it('answers a request that fails the schema with a bad_request result naming the field', async () => {
    const ws = await authenticated();
    const done = collect(ws, (m) => m.length >= 2);
    ws.send(JSON.stringify({ type: 'call', id: 1, channel: 'echo:say', request: { text: 'far too long' } }));
    ws.send(JSON.stringify({ type: 'call', id: 2, channel: 'nope:nope', request: {} }));
    const { messages } = await done;
    const byId = new Map(messages.map((m) => [m.type === 'result' ? m.id : -1, m]));
    expect(byId.get(1)).toMatchObject({
      result: { ok: false, error: { code: 'bad_request', message: expect.stringContaining('text:') } },
    });
    expect(byId.get(2)).toMatchObject({ result: { ok: false, error: { code: 'not_found' } } });
    ws.close();
  });

  it('delivers push events to every authenticated client, coalesced, final state included', async () => {
    const a = await authenticated();
    const b = await authenticated();
    const pending = connect();
    await new Promise((r) => pending.once('open', r));
    const gotNothing: ServerMessage[] = [];
    pending.on('message', (d) => gotNothing.push(JSON.parse(String(d)) as ServerMessage));

    const isFinal = (m: ServerMessage[]) => m.some((x) => x.type === 'event' && x.payload === 500);
    const ra = collect(a, isFinal);
    const rb = collect(b, isFinal);
    for (let i = 1; i <= 500; i++) hub.publish('count:changed', i);
    const [ea, eb] = await Promise.all([ra, rb]);
    for (const { messages } of [ea, eb]) {
      expect(messages.every((m) => m.type === 'event' && m.event === 'count:changed')).toBe(true);
      expect(messages.length).toBeLessThanOrEqual(3);
      expect(messages.at(-1)).toEqual({ type: 'event', event: 'count:changed', payload: 500 });
    }
    expect(gotNothing).toEqual([]);
    a.close();
    b.close();
    pending.close();
  });

  it('refuses upgrades from another origin, and on other paths', async () => {
    for (const o of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
    ]) {
      const ws = connect({ origin: o });
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => resolve(-1));
      });
      expect(status, o).not.toBe(101);
      ws.terminate();
    }
    const wrongPath = connect({ origin: origin() }, '/other');
    const result = await new Promise<string>((resolve) => {
      wrongPath.on('open', () => resolve('open'));
      wrongPath.on('error', () => resolve('error'));
      wrongPath.on('unexpected-response', () => resolve('refused'));
    });
    expect(result).not.toBe('open');
    wrongPath.terminate();
  });

  it('accepts a localhost page origin on our port', async () => {
    const ws = connect({ origin: `http://localhost:${server.port}` });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  });
});
