import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RemoteInstance, toSocketUrl } from '../../../electron/app/fleet/remote-instance';
import { remoteBreakers, remoteBudget } from '../../../electron/app/fleet/remote-messages';
import { tmpDir } from '../../helpers/tmp';
import { readyThen, startHostile, startRemoteConsole, type RemoteConsole } from './remote-server';

const TOKEN = 'remote-console-token-0123456789';
const FAST = { connectTimeoutMs: 500, callTimeoutMs: 500, backoffMs: { initial: 50, max: 200 } };

describe('toSocketUrl', () => {
  it('turns a console page URL into its WebSocket, dropping the #token fragment and the query', () => {
    expect(toSocketUrl('http://127.0.0.1:4000/?screen=spend#token=abc')).toBe('ws://127.0.0.1:4000/ws');
    expect(toSocketUrl('https://penin.example.com/console/')).toBe('wss://penin.example.com/console/ws');
    expect(toSocketUrl('wss://h:9/ws')).toBe('wss://h:9/ws');
  });
  it('refuses other schemes and credentials in the URL', () => {
    expect(() => toSocketUrl('ftp://h/')).toThrow(/unsupported scheme/);
    expect(() => toSocketUrl('file:///etc/passwd')).toThrow(/unsupported scheme/);
    expect(() => toSocketUrl('http://u:p@h/')).toThrow(/credentials/);
  });
});

describe('RemoteInstance against a real console WebSocket', () => {
  let remote: RemoteConsole;
  beforeAll(async () => {
    remote = await startRemoteConsole(TOKEN);
  });
  afterAll(() => remote.close());

  it('says Hello with the token and gets answers checked against the contract', async () => {
    remote.core.spendUsd = 1.25;
    const r = new RemoteInstance({ url: remote.url, token: TOKEN, ...FAST });
    try {
      const budget = await r.call('budget:get', {}, remoteBudget);
      expect(budget.spendUsd).toBe(1.25);
      expect(budget.dailyLimitUsd).toBe(10);
      expect(budget.fleet).toBeUndefined();
      const breakers = await r.call('breakers:list', {}, remoteBreakers);
      expect(breakers.map((b) => b.provider)).toEqual(['openai', 'anthropic']);
      expect(r.connectionState).toBe('ready');
    } finally {
      r.dispose();
    }
  });

  it('a wrong token is a clear error, not a hang', async () => {
    const r = new RemoteInstance({ url: remote.url, token: 'wrong', ...FAST });
    try {
      await expect(r.call('budget:get', {}, remoteBudget)).rejects.toThrow(/refused the token \(4401\)/);
      expect(r.error).toMatch(/refused the token/);
    } finally {
      r.dispose();
    }
  });

  it('a refusal by the remote handler comes back as its WireError', async () => {
    const r = new RemoteInstance({ url: remote.url, token: TOKEN, ...FAST });
    try {
      await expect(r.call('no:such', {}, remoteBudget)).rejects.toMatchObject({
        code: 'not_found',
        message: expect.stringContaining('unknown channel'),
      });
    } finally {
      r.dispose();
    }
  });

  it('reconnects with backoff after the remote restarts on the same port', async () => {
    const other = await startRemoteConsole(TOKEN);
    const port = other.server.port;
    const r = new RemoteInstance({ url: other.url, token: TOKEN, ...FAST });
    try {
      await r.call('budget:get', {}, remoteBudget);
      await other.close();
      await expect(r.call('budget:get', {}, remoteBudget)).rejects.toThrow();
      const again = await startRemoteConsole(TOKEN, port);
      try {
        await expect
          .poll(
            () =>
              r.call('budget:get', {}, remoteBudget).then(
                () => 'ok',
                (e: Error) => e.message,
              ),
            {
              timeout: 5000,
              interval: 100,
            },
          )
          .toBe('ok');
      } finally {
        await again.close();
      }
    } finally {
      r.dispose();
    }
  });
});

describe('RemoteInstance against a hostile server: bounded errors, never a crash or a stall', () => {
  it('garbage instead of ready', async () => {
    const h = await startHostile((s) => s.on('message', () => s.send('{{{ not json')));
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/malformed message/);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('a result before the Hello is accepted', async () => {
    const h = await startHostile((s) =>
      s.on('message', () =>
        s.send(JSON.stringify({ type: 'result', id: 1, result: { ok: true, value: 1 } })),
      ),
    );
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/before accepting the Hello/);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('a huge message closes the connection with a size error', async () => {
    const huge = JSON.stringify({ type: 'result', id: 1, result: { ok: true, value: 'x'.repeat(300_000) } });
    const h = await startHostile(readyThen(() => huge));
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST, maxMessageBytes: 64 * 1024 });
    try {
      const started = Date.now();
      await expect(r.call('budget:get', {}, remoteBudget)).rejects.toThrow(/size limit|over 65536 bytes/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('never says ready: the Hello times out', async () => {
    const h = await startHostile(() => undefined);
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/no answer to the Hello within 500 ms/);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('never answers a call: the call times out, and a late answer is ignored', async () => {
    const h = await startHostile(readyThen(() => undefined));
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      await expect(r.call('budget:get', {}, remoteBudget)).rejects.toThrow(/no answer within 500 ms/);
      expect(r.connectionState).toBe('ready');
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('an answer of the wrong shape is refused, not passed on', async () => {
    const h = await startHostile(
      readyThen((m) =>
        JSON.stringify({ type: 'result', id: m.id, result: { ok: true, value: { spendUsd: 'lots' } } }),
      ),
    );
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      await expect(r.call('budget:get', {}, remoteBudget)).rejects.toThrow(/unexpected shape/);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('a huge error message is clipped', async () => {
    const h = await startHostile(
      readyThen((m) =>
        JSON.stringify({
          type: 'result',
          id: m.id,
          result: { ok: false, error: { code: 'internal', message: 'E'.repeat(50_000) } },
        }),
      ),
    );
    const r = new RemoteInstance({ url: h.url, token: TOKEN, ...FAST });
    try {
      const error = await r.call('budget:get', {}, remoteBudget).catch((e: Error) => e);
      expect((error as Error).message.length).toBeLessThan(400);
    } finally {
      r.dispose();
      await h.close();
    }
  });

  it('nothing listening: connection refused, said plainly', async () => {
    const h = await startHostile(() => undefined);
    const url = h.url;
    await h.close();
    const r = new RemoteInstance({ url, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/connection refused/);
    } finally {
      r.dispose();
    }
  });

  it('wss with a certificate no CA signed is refused (TLS is verified)', async () => {
    const dir = tmpDir('penin-tls-');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const https = createServer({
      key: readFileSync(join(dir, 'key.pem')),
      cert: readFileSync(join(dir, 'cert.pem')),
    });
    const wss = new WebSocketServer({ server: https });
    wss.on(
      'connection',
      readyThen(() => undefined),
    );
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', () => r()));
    const port = (https.address() as AddressInfo).port;
    const r = new RemoteInstance({ url: `https://127.0.0.1:${port}/`, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/TLS|certificate/);
    } finally {
      r.dispose();
      wss.close();
      https.closeAllConnections();
      await new Promise((res) => https.close(res));
    }
  });
});

describe('RemoteInstance through a tunnel on another port', () => {
  it('says why penin serve refuses the upgrade (its Host check), not just "HTTP 401"', async () => {
    const remote = await startRemoteConsole(TOKEN);
    const { createServer: createTcpServer, connect } = await import('node:net');
    // A plain TCP forwarder on another local port: the Host header then names the wrong port.
    const tunnel = createTcpServer((c) => {
      const up = connect(remote.server.port, '127.0.0.1');
      c.pipe(up).pipe(c);
      c.on('error', () => up.destroy());
      up.on('error', () => c.destroy());
    });
    await new Promise<void>((r) => tunnel.listen(0, '127.0.0.1', () => r()));
    const port = (tunnel.address() as AddressInfo).port;
    const r = new RemoteInstance({ url: `http://127.0.0.1:${port}/`, token: TOKEN, ...FAST });
    try {
      await expect(r.connect()).rejects.toThrow(/refused the WebSocket \(HTTP 401\).*loopback Host/);
    } finally {
      r.dispose();
      await new Promise((res) => tunnel.close(res));
      await remote.close();
    }
  });
});
