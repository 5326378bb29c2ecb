// End to end: the real core and ledger behind serveConsoleUi, spoken to with a real ws client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { WireResult } from '../../shared/ipc/contract-kit';
import type { ServerMessage } from '../../shared/ipc/transport';
import { dataLayout } from '../../electron/app/data-layout';
import { startEmbeddedCore, type EmbeddedCore } from '../../electron/app/embedded-core';
import { serveConsoleUi, type ConsoleUi } from '../../electron/serve/ui-server';
import { decision } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

let embedded: EmbeddedCore;
let ui: ConsoleUi;
let ws: WebSocket;
let nextId = 1;
const pending = new Map<number, (r: WireResult<unknown>) => void>();
const events: { event: string; payload: unknown }[] = [];

function call<T>(channel: string, request: unknown): Promise<WireResult<T>> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve as (r: WireResult<unknown>) => void);
    ws.send(JSON.stringify({ type: 'call', id, channel, request }));
  });
}

async function value<T>(channel: string, request: unknown): Promise<T> {
  const r = await call<T>(channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  const layout = dataLayout(tmpDir());
  embedded = await startEmbeddedCore({ layout, cipher: null, port: 0, env: {} });
  for (let i = 0; i < 5; i++) await embedded.writer.append(decision(i));
  const staticDir = join(tmpDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  ui = await serveConsoleUi({
    core: embedded.core,
    ledger: embedded.writer,
    staticDir,
    demo: true,
    version: '9.9.9',
  });
  const port = ui.port;
  ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}` });
  await new Promise((r) => ws.once('open', r));
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type === 'ready') resolve();
      else if (m.type === 'result') pending.get(m.id)?.(m.result);
      else if (m.type === 'event') events.push({ event: m.event, payload: m.payload });
    });
  });
  ws.send(JSON.stringify({ type: 'hello', token: new URL(ui.url).hash.replace('#token=', '') }));
  await ready;
});

afterAll(async () => {
  ws?.close();
  await ui?.close();
  await embedded?.close();
});

describe('serveConsoleUi', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(ui.url).toBe(`http://127.0.0.1:${ui.port}/#token=${ui.token}`);
  });

  it('answers app:info, budget, breakers and cache from the core', async () => {
    expect(await value('app:info', {})).toMatchObject({
      mode: 'browser',
      version: '9.9.9',
      demo: true,
      gateway: { url: embedded.core.url, token: embedded.core.token },
    });
    expect(await value('budget:get', {})).toMatchObject({
      dailyLimitUsd: expect.any(Number),
      spendUsd: expect.any(Number),
    });
    expect(Array.isArray(await value('breakers:list', {}))).toBe(true);
    expect(await value('cache:stats', {})).toMatchObject({ entries: 0 });
    expect(await call('breakers:reset', { provider: 'nobody', reason: 'testing it' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('browses the live ledger and hears about appends', async () => {
    const info = await value<{ sessionId: string; readOnly: boolean }>('ledger:openLive', {});
    expect(info.readOnly).toBe(false);
    let progress = await value<{ done: boolean; entries: number }>('ledger:progress', {
      sessionId: info.sessionId,
    });
    for (let i = 0; i < 100 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 20));
      progress = await value('ledger:progress', { sessionId: info.sessionId });
    }
    expect(progress).toMatchObject({ done: true, entries: 5 });
    const page = await value<{ rows: { index: number }[]; total: number }>('ledger:rows', {
      sessionId: info.sessionId,
      from: 0,
      count: 10,
    });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);

    await embedded.writer.append(decision(5));
    for (let i = 0; i < 100 && !events.some((e) => e.event === 'ledger:appended'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.event === 'ledger:appended').at(-1)?.payload).toEqual({
      entries: 6,
      head: embedded.writer.head,
    });
    expect(await value('ledger:close', { sessionId: info.sessionId })).toEqual({ closed: true });
  });

  it('answers a missing audit file with not_found', async () => {
    expect(await call('ledger:openAudit', { path: join(tmpDir(), 'missing.jsonl') })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
