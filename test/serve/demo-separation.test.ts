// `penin serve --demo` keeps its simulated ledger and spend in DATA_DIR/demo/: a demo run followed
// by a real run on the same data folder leaves the real ledger empty and the real budget at $0.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, runServe } from '../../electron/cli/serve-command';
import type { Core } from '../../electron/core/core';
import { tmpDir } from '../helpers/tmp';

interface Run {
  code: number;
  out: string;
}

/** Runs serve in-process until `untilReady` (given the running core) resolves. */
async function serve(argv: string[], untilReady: (core: Core) => Promise<void>): Promise<Run> {
  const stop = new AbortController();
  let out = '';
  const code = await runServe(argv, {
    env: {},
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    signal: stop.signal,
    onReady: (core) => void untilReady(core).finally(() => stop.abort()),
  });
  return { code, out };
}

function ledgerLines(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

describe('demo mode has its own data folder', () => {
  it('a demo run, then a real run on the same --data-dir: the real ledger and budget are untouched', async () => {
    const dataDir = tmpDir('penin-demo-sep-');
    const demo = await serve(['--demo', '--port', '0', '--data-dir', dataDir], async (core) => {
      // Wait until the simulated traffic has actually spent something and been recorded.
      await expect.poll(() => core.budgetView.snapshot().spendUsd, { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => ledgerLines(join(dataDir, 'demo', 'ledger.jsonl')).length).toBeGreaterThan(0);
    });
    expect(demo.code).toBe(0);
    expect(demo.out).toContain(`ledger: ${join(dataDir, 'demo', 'ledger.jsonl')} (`);
    expect(demo.out).toContain(`demo data folder: ${join(dataDir, 'demo')}`);
    const demoEntries = ledgerLines(join(dataDir, 'demo', 'ledger.jsonl'));
    expect(demoEntries.length).toBeGreaterThan(0);
    expect(ledgerLines(join(dataDir, 'ledger.jsonl'))).toEqual([]);

    let realSpend = -1;
    const real = await serve(['--port', '0', '--data-dir', dataDir], async (core) => {
      realSpend = core.budgetView.snapshot().spendUsd;
    });
    expect(real.code).toBe(0);
    expect(realSpend).toBe(0);
    expect(real.out).toContain(`ledger: ${join(dataDir, 'ledger.jsonl')} (0 entries)`);
    expect(real.out).toMatch(/spent today \$0\.0000/);
    expect(real.out).not.toMatch(/DEMO/);
    // No simulated entry reached the real ledger; the demo's own ledger is as the demo left it.
    expect(ledgerLines(join(dataDir, 'ledger.jsonl'))).toEqual([]);
    expect(ledgerLines(join(dataDir, 'demo', 'ledger.jsonl'))).toEqual(demoEntries);
  });

  it('--demo puts every path under DATA_DIR/demo', () => {
    const opts = parseServeArgs(['--demo', '--data-dir', '/srv/penin'], {});
    expect(opts).toMatchObject({
      demo: true,
      dataDir: '/srv/penin/demo',
      ledgerPath: '/srv/penin/demo/ledger.jsonl',
    });
    expect(parseServeArgs(['--data-dir', '/srv/penin'], {})).toMatchObject({
      demo: false,
      dataDir: '/srv/penin',
      ledgerPath: '/srv/penin/ledger.jsonl',
    });
  });

  it('--demo with --ledger is refused (exit 2): a named ledger may be the real one', async () => {
    let err = '';
    const real = join(tmpDir('penin-demo-ledger-'), 'ledger.jsonl');
    const code = await runServe(['--demo', '--ledger', real], {
      env: {},
      stdout: () => undefined,
      stderr: (t) => (err += t),
      signal: AbortSignal.abort(),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/--ledger cannot be used with --demo: the demo keeps its own ledger/);
    expect(existsSync(real)).toBe(false);
  });
});
