// `penin serve`: flags (bad ones exit 2 with a message), a demo run in-process, and the built CLI
// stopping cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe } from '../../electron/cli/serve-command';
import type { Core } from '../../electron/core/core';
import { readEntries } from '../../electron/ledger/read';
import { CLI } from '../helpers/cli';
import { clientFor } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'penin-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runServe(argv, {
    env,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    signal: AbortSignal.abort(),
  });
  return { code, out, err };
}

describe('bad flags exit 2 with a clear message', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'http'], /--port must be an integer from 0 to 65535, got "http"/],
    [['--port', '70000'], /--port must be an integer/],
    [['--port'], /--port/],
    [['--token', 'short'], /--token: the token must be at least 16 characters/],
    [['extra-positional'], /Unexpected argument 'extra-positional'/],
    [['--checkpoint-every', '0'], /--checkpoint-every must be a whole number >= 1, got "0"/],
    [['--checkpoint-seconds', 'soon'], /--checkpoint-seconds must be a whole number >= 1/],
    [['--config', join(dir, 'absent.yaml')], /cannot read config file/],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('a bad PENIN_TOKEN too', async () => {
    const r = await run([], { PENIN_TOKEN: 'x y' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PENIN_TOKEN/);
  });

  it('an invalid config file, naming the field', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'dailyLimitUsd: -3\nproviders: []\n');
    const r = await run(['--config', path]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/dailyLimitUsd:/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: penin serve/);
  });
});

describe('penin serve --demo', () => {
  it('starts simulated providers, serves OpenAI clients, records to the ledger, and stops cleanly', async () => {
    const dataDir = join(dir, 'demo-data');
    const stop = new AbortController();
    let out = '';
    let core: Core | null = null;
    let answer = '';
    const code = await runServe(['--demo', '--port', '0', '--data-dir', dataDir], {
      env: {},
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      signal: stop.signal,
      onReady: (c) => {
        core = c;
        const client = clientFor(c.url, c.token);
        // sim-shared is served by both simulated providers: a random 3% upstream 503 falls back.
        client.chat.completions
          .create({ model: 'sim-shared', messages: [{ role: 'user', content: 'hello' }], max_tokens: 20 })
          .then((r) => (answer = r.choices[0].message.content ?? ''))
          // An operator action raises an alert, which a headless operator reads in the output.
          .then(() => c.forceOpenBreaker('sim-openai', 'test', 'maintenance window'))
          .then(() =>
            expect.poll(() => out, { timeout: 5000 }).toMatch(/alert \[bad\] .*Breaker sim-openai opened/),
          )
          .finally(() => stop.abort());
      },
    });
    expect(code).toBe(0);
    expect(answer.length).toBeGreaterThan(0);
    expect(core).not.toBeNull();
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(out).toMatch(/token: peni… \(in full in .*demo-data\/demo\/gateway-token\)/);
    expect(out).toMatch(/DEMO MODE: .*SIMULATED/);
    expect(out).toMatch(/sim-openai \(openai\) active/);
    expect(out).toMatch(/openai \(openai\) inactive: set OPENAI_API_KEY/);
    expect(out).toMatch(
      /alert \[bad\] \d\d:\d\d:\d\dZ Breaker sim-openai opened: forced open by test: maintenance window\. .*held open until an operator resets it/,
    );
    let entries = 0;
    for await (const e of readEntries(join(dataDir, 'demo', 'ledger.jsonl'))) {
      expect(e.entry).not.toBeNull();
      entries += 1;
    }
    expect(entries).toBeGreaterThanOrEqual(1);
  });

  it('the built CLI prints its address and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--port',
        '0',
        '--data-dir',
        join(dir, 'cli-data'),
        '--token',
        'cli-test-token-0123456789',
      ],
      {
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    await expect.poll(() => out, { timeout: 15_000 }).toMatch(/listening on (http:\/\/127\.0\.0\.1:\d+)\/v1/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(out)?.[1] ?? '';
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopping \(SIGTERM\)/);
  });
});
