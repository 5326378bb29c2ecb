// Hostile ledgers: a file anyone may have written, opened by `penin verify` or by the ledger
// browser in the process that hosts the live gateway.
//
// - A line over the 4 MiB entry bound (a 5 MiB string, a 64 MiB object of 2M keys): every reader
//   (verifier, WebAssembly batch path, parallel workers, ledger session rows / detail / search, the
//   writer's tail recovery) reports it as one `parse` break naming its size and skips its bytes
//   unread; the entries after it are still verified and linked to the last readable one.
// - `penin verify` on a 64 MiB line of 2M keys stays under its memory bound (it parsed the line:
//   1.07 GB).
// - `penin serve` auditing a ~200 MB hostile ledger keeps answering /healthz and chat completions
//   while the audit is still running (the audit runs in a worker thread), and stays under a memory
//   bound (it reached 1.12 GB, /healthz stalled 7 s).
// - A live ledger whose last line is giant: the writer refuses to chain to it with a clear error
//   without loading it; a giant torn tail is quarantined by streaming; an entry that would be over
//   the bound is refused before it is written.
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { verifyFile } from '../../electron/ledger/verify-file';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { InvalidDecisionError } from '../../electron/ledger/decision';
import { decision, lines, writeLedger, writeLines } from '../helpers/ledger';
import { CLI } from '../helpers/cli';
import { startServe, type Served } from '../e2e/serve-harness';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/ipc/transport';
import type { WireResult } from '../../shared/ipc/contract-kit';
import type { LedgerSessionInfo, VerifyProgress } from '../../shared/ipc/contract';
import { DEMO_MODELS } from '../../electron/core/demo/demo-config';
import { tmpDir } from '../helpers/tmp';

// Built by test/global-setup.ts with the CLI.
const WORKER = join(__dirname, '..', '..', 'dist', 'cli', 'verify-worker.cjs');
const AUDIT_WORKER = join(__dirname, '..', '..', 'dist', 'cli', 'audit-worker.cjs');
const MiB = 1024 * 1024;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tmpDir('penin-hostile-');
  dirs.push(d);
  return d;
}

/** A JSON object line of `keys` keys, `{"k0": 0, "k1": 0, ...}`, as bytes (no newline). */
function manyKeys(keys: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < keys; i++) parts.push(`"k${i.toString().padStart(24, '0')}": 0`);
  return Buffer.from(`{${parts.join(', ')}}`);
}

/** A 7-entry ledger with a 5 MiB line in place of line 3 (entries 3.. chain to entry 2). */
async function ledgerWithGiantLine(): Promise<{ path: string; giant: number }> {
  const path = await writeLedger(6, join(dir(), 'ledger.jsonl'));
  const ls = lines(path);
  const giant = `{"decision_id": "${'x'.repeat(5 * MiB)}"}`;
  writeLines(path, [...ls.slice(0, 3), giant, ...ls.slice(3)]);
  return { path, giant: Buffer.byteLength(giant) };
}

const detail = (n: number): string =>
  `entry longer than 4 MiB (${n.toLocaleString('en-US')} bytes): skipped unread`;

describe('an entry over the 4 MiB bound', () => {
  it('is one parse break naming its size; the entries after it are verified and linked (one thread, workers)', async () => {
    const { path, giant } = await ledgerWithGiantLine();
    const want = [{ index: 3, kind: 'parse', detail: detail(giant) }];
    for (const parallel of [false, { workerPath: WORKER, workers: 2, rangeBytes: 1 << 20 }] as const) {
      const r = await verifyFile(path, { parallel });
      expect(r.breaks).toEqual(want);
      expect(r.entries).toBe(7);
    }
    // Link checks go on past it: deleting the entry after it is still found, against entry 2.
    const ls = lines(path);
    writeLines(path, [...ls.slice(0, 4), ...ls.slice(5)]);
    const r = await verifyFile(path, { parallel: false });
    expect(r.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['3:parse', '4:link']);
    expect(r.breaks[1].detail).toMatch(
      /does not match entry 2's current_hash .* \(1 unreadable line in between\)/,
    );
  });

  it('as a last line without a newline: one parse break, not loaded', async () => {
    const path = await writeLedger(2, join(dir(), 'ledger.jsonl'));
    appendFileSync(path, Buffer.alloc(6 * MiB, 0x61));
    const r = await verifyFile(path, { parallel: false });
    expect(r.breaks).toEqual([{ index: 2, kind: 'parse', detail: detail(6 * MiB) }]);
  });

  for (const [mode, workerPath] of [
    ['on this thread', null],
    ['in the audit worker', AUDIT_WORKER],
  ] as const) {
    it(`in the ledger browser (${mode}): a row marked unreadable, a detail naming the bound, search past it`, async () => {
      const { path, giant } = await ledgerWithGiantLine();
      const s = LedgerSession.open(path, { readOnly: true, workerPath });
      try {
        await s.settled();
        expect(s.progress()).toMatchObject({ entries: 7, breaks: 1, done: true });
        const { rows } = await s.rows(0, 7);
        expect(rows.map((r) => r.decision)).toEqual([
          'BLOCK',
          'ROUTE',
          'ROUTE',
          '(unreadable)',
          'BLOCK',
          'ROUTE',
          'ROUTE',
        ]);
        expect(rows[3].breaks).toEqual(['parse']);
        const e = await s.entry(3);
        // The detail pane never loads it either: no bytes, the reason, no entry.
        expect(e).toMatchObject({ raw: [], rawOmitted: detail(giant), stored: null, storedHash: null });
        expect(e.rawBytes).toBeGreaterThan(4 * 1024 * 1024);
        // The entry after it is shown, its chain link unknown here (the prior line was not read).
        expect(await s.entry(4)).toMatchObject({ rawOmitted: null, priorCurrentHash: null });
        expect((await s.rows(0, 10, { text: 'd-5' })).rows.map((r) => r.index)).toEqual([6]);
        expect((await s.findTime(0))?.index).toBe(0);
        expect(s.report().breaks).toEqual([{ index: 3, kind: 'parse', detail: detail(giant) }]);
      } finally {
        s.close();
      }
    });
  }
});

describe('the writer on a ledger with a giant line at its end', () => {
  it('refuses to chain to a last whole entry over the bound, with a clear error, file untouched', async () => {
    const path = await writeLedger(2, join(dir(), 'ledger.jsonl'));
    appendFileSync(path, Buffer.concat([Buffer.alloc(20 * MiB, 0x61), Buffer.from('\n')]));
    const before = statSync(path).size;
    await expect(LedgerWriter.open(path)).rejects.toThrow(
      /last whole entry of .* is longer than 4 MiB .* cannot be chained to it; run `penin verify/,
    );
    expect(statSync(path).size).toBe(before);
  });

  it('quarantines a giant torn tail (streamed) and goes on from the last whole entry', async () => {
    const d = dir();
    const path = await writeLedger(2, join(d, 'ledger.jsonl'));
    const whole = readFileSync(path);
    appendFileSync(path, Buffer.alloc(40 * MiB, 0x62));
    const w = await LedgerWriter.open(path);
    await w.append(decision(9));
    await w.close();
    const q = readdirSync(d).filter((f) => f.includes('.quarantine-'));
    expect(q).toHaveLength(1);
    expect(statSync(join(d, q[0])).size).toBe(40 * MiB);
    expect(readFileSync(path).subarray(0, whole.length).equals(whole)).toBe(true);
    expect((await verifyFile(path, { parallel: false })).valid).toBe(true);
  });

  it('refuses an entry that would be over the bound, before anything is written', async () => {
    const path = await writeLedger(1, join(dir(), 'ledger.jsonl'));
    const w = await LedgerWriter.open(path);
    try {
      expect(() => w.append({ ...decision(1), reason: 'r'.repeat(5 * MiB) })).toThrow(InvalidDecisionError);
      await w.append(decision(2));
    } finally {
      await w.close();
    }
    expect((await verifyFile(path, { parallel: false })).entries).toBe(2);
  });
});

/**
 * Runs the built CLI under a heap limit and reports the process's peak RSS (VmHWM: all its threads;
 * not getrusage's maxRSS, which a forked child inherits from this test process).
 */
function verifyMeasured(path: string): Promise<{ code: number | null; stdout: string; peakMb: number }> {
  const probe = join(dir(), 'rss-probe.cjs');
  writeFileSync(
    probe,
    `const fs = require('fs');\n` +
      `process.on('exit', () => fs.writeSync(2, '\\n' + /VmHWM:.*/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[0] + '\\n'));\n`,
  );
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=96', '-r', probe, CLI, 'verify', path, '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const kb = Number(/VmHWM:\s*(\d+) kB/.exec(stderr)?.[1] ?? NaN);
      resolve({ code, stdout, peakMb: kb / 1024 });
    }),
  );
}

describe('penin verify on a 64 MB line of 2M keys', () => {
  it('reports it as a parse break and stays under 150 MB (it parsed the line: 1.07 GB)', async () => {
    const d = dir();
    const path = join(d, 'keys.jsonl');
    const good = readFileSync(await writeLedger(3, join(d, 'good.jsonl')));
    const keys = manyKeys(2_000_000); // 64,000,000 bytes: under the old 64 MiB line limit
    const filler = Buffer.alloc(5 * MiB, 0x61); // the file over 64 MiB: verified by worker threads
    writeFileSync(path, Buffer.concat([good, keys, Buffer.from('\n'), filler, Buffer.from('\n')]));
    const r = await verifyMeasured(path);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { entries: number; breaks: unknown[] };
    expect(report.entries).toBe(5);
    // toMatchObject: each break also carries its explanation (electron/ledger/forensics/).
    expect(report.breaks).toMatchObject([
      { index: 3, line: 4, kind: 'parse', detail: detail(keys.length) },
      { index: 4, line: 5, kind: 'parse', detail: detail(filler.length) },
    ]);
    expect(r.peakMb).toBeLessThan(150);
    rmSync(d, { recursive: true, force: true });
  }, 180_000);
});

/** A console client over penin serve's WebSocket (the contract the UI uses). */
async function consoleClient(consoleUrl: string): Promise<{
  value: <T>(channel: string, request: unknown) => Promise<T>;
  progress: VerifyProgress[];
  close: () => void;
}> {
  const url = new URL(consoleUrl);
  const ws = new WebSocket(`ws://${url.host}/ws`, { origin: url.origin });
  await new Promise((r) => ws.once('open', r));
  let nextId = 1;
  const pending = new Map<number, (r: WireResult<unknown>) => void>();
  const progress: VerifyProgress[] = [];
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type === 'ready') resolve();
      else if (m.type === 'result') pending.get(m.id)?.(m.result);
      else if (m.type === 'event' && m.event === 'ledger:progress')
        progress.push(m.payload as VerifyProgress);
    });
  });
  ws.send(JSON.stringify({ type: 'hello', token: url.hash.replace('#token=', '') }));
  await ready;
  const value = async <T>(channel: string, request: unknown): Promise<T> => {
    const id = nextId++;
    const r = await new Promise<WireResult<unknown>>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'call', id, channel, request }));
    });
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  return { value, progress, close: () => ws.close() };
}

function peakRssMb(pid: number): number {
  const kb = Number(/VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

describe('penin serve auditing a ~200 MB hostile ledger', () => {
  let served: Served | null = null;
  afterAll(async () => {
    await served?.stop();
  }, 120_000);

  it('keeps answering /healthz and chat completions while the audit runs, and stays under 350 MB', async () => {
    const d = dir();
    const path = join(d, 'hostile.jsonl');
    const good = readFileSync(await writeLedger(3, join(d, 'good.jsonl')));
    const keys = Buffer.concat([manyKeys(2_000_000), Buffer.from('\n')]); // 64 MB, 2M keys
    // Under the entry bound but costly: lines of 110,000 keys each, parsed by the verifier.
    const costly = Buffer.concat([manyKeys(110_000), Buffer.from('\n')]);
    writeFileSync(path, good);
    appendFileSync(path, keys);
    appendFileSync(path, keys);
    for (let i = 0; i < 20; i++) appendFileSync(path, costly);
    appendFileSync(path, good); // entries after it: link breaks (a second chain), still verified
    expect(statSync(path).size).toBeGreaterThan(185 * MiB);

    served = await startServe();
    const pid = served.child.pid as number;
    const client = await consoleClient(served.consoleUrl);
    const gateway = new URL(served.gatewayUrl);
    const healthz = (): Promise<number> => fetch(`${gateway.origin}/healthz`).then((r) => r.status);
    const chat = (): Promise<number> =>
      fetch(`${served?.gatewayUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${served?.gatewayToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: DEMO_MODELS[0], messages: [{ role: 'user', content: 'hi' }] }),
      }).then(async (r) => (await r.text(), r.status));
    try {
      const info = await client.value<LedgerSessionInfo>('ledger:openAudit', { path });
      // The gateway answers while the audit is still running (an audit never holds its event loop).
      expect(await Promise.all([healthz(), chat(), healthz()])).toEqual([200, 200, 200]);
      const during = await client.value<VerifyProgress>('ledger:progress', { sessionId: info.sessionId });
      expect(during.done).toBe(false);
      expect(client.progress.some((p) => p.done)).toBe(false);

      // The audit then completes, with the giant lines as parse breaks.
      for (;;) {
        const p = await client.value<VerifyProgress>('ledger:progress', { sessionId: info.sessionId });
        if (p.done) {
          expect(p.entries).toBe(3 + 2 + 20 + 3);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const sessionId = info.sessionId;
      const first = await client.value('ledger:findBreak', { sessionId, from: -1, direction: 'next' });
      const second = await client.value('ledger:findBreak', { sessionId, from: 3, direction: 'next' });
      expect([first, second]).toEqual([
        { index: 3, kind: 'parse', detail: detail(keys.length - 1) },
        { index: 4, kind: 'parse', detail: detail(keys.length - 1) },
      ]);
      expect(await healthz()).toBe(200);
      expect(peakRssMb(pid)).toBeLessThan(350);
    } finally {
      client.close();
    }
  }, 300_000);
});
