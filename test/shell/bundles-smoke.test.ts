// Smoke-runs the built Electron bundles under plain Node with a fake `electron` module
// (test/helpers/fakes/fake-electron.cjs): the thin glue in main.ts and preload.ts is exercised even where the
// Electron binary is absent. electron-launch.test.ts runs the real thing where it is present.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelNames } from '../../shared/ipc/contract';
import { tmpDir } from '../helpers/tmp';

const ROOT = join(__dirname, '..', '..');
const FAKE = join(__dirname, '..', 'helpers', 'fakes', 'fake-electron.cjs');

function runBundle(bundle: string, drive: 'main' | 'preload', args: string[] = []): Record<string, unknown> {
  const userData = tmpDir();
  // One keyless provider (never called), so the core has a breaker an operator can force open.
  writeFileSync(
    join(userData, 'config.json'),
    JSON.stringify({
      dailyLimitUsd: 10,
      providers: [
        {
          name: 'local',
          kind: 'openai',
          baseUrl: 'http://127.0.0.1:9/v1',
          models: [{ id: 'm', inputPerMTok: 0, outputPerMTok: 0 }],
        },
      ],
    }),
  );
  const r = spawnSync(process.execPath, ['-r', FAKE, join(ROOT, 'dist', 'electron', bundle), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      FAKE_ELECTRON_DRIVE: drive,
      FAKE_ELECTRON_USER_DATA: userData,
      ELECTRON_RUN_AS_NODE: '',
    },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON_REPORT '));
  if (line === undefined) throw new Error(`no report from ${bundle}:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('FAKE_ELECTRON_REPORT '.length)) as Record<string, unknown>;
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only', 'electron'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the Electron bundles failed');
}, 120_000);

describe('dist/electron/main.cjs (under a fake electron)', () => {
  it('opens one locked-down window, serves the contract over IPC to it alone, and starts the core', () => {
    const ledger = join(tmpDir(), 'audit me.jsonl');
    writeFileSync(ledger, '');
    const report = runBundle('main.cjs', 'main', [ledger]);
    expect(report.sandboxEnabled).toBe(true);
    expect(report.lockData).toEqual({ ledgerPath: ledger });
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(ROOT, 'dist', 'electron', 'preload.cjs'),
    });
    // Served by the app:// protocol with a CSP header, not from file:// (where only the meta applies).
    expect(report.loadedUrl).toBe('app://penin/index.html');
    expect(report.ipcChannels).toEqual(channelNames);
    expect(report.info).toMatchObject({
      ok: true,
      value: {
        mode: 'electron',
        auditLedgerPath: ledger,
        liveLedgerPath: expect.stringMatching(/ledger\.jsonl$/),
        gateway: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      },
    });
    expect(report.budget).toMatchObject({ ok: true, value: { dailyLimitUsd: expect.any(Number) } });
    expect(report.badRequest).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('from:') },
    });
    expect(report.untrusted).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(String(report.csp)).toContain("script-src 'self'");
    expect(report.oldCspRemoved).toBe(true);
    expect(report.permissionGranted).toBe(false);
    expect(report.navPrevented).toBe(true);
    expect(report.openResult).toEqual({ action: 'deny' });
    expect(report.openedWithoutGesture).toBeNull();
    expect(report.openedHttp).toBeNull();
    expect(report.openedAfterClick).toBe('https://docs.example.org/');
    expect(report.openedTwice).toBeNull(); // one click, one link
    expect(report.appProtocol).toMatchObject({
      privileged: {
        beforeReady: true,
        schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }],
      },
      index: { status: 200, start: '<!doctype html>' },
      traversal: [404, 404, 404, 404],
      post: 405,
    });
    const served = report.appProtocol as { index: { csp: string } };
    expect(served.index.csp).toContain("script-src 'self'");
    expect(served.index.csp).not.toMatch(/ws:/);
    expect(report.menu).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(report.notifications).toEqual([
      {
        title: 'Breaker local opened',
        body: expect.stringMatching(/smoke test.*held open until an operator resets it/),
      },
    ]);
    expect(report.eventsSent).toEqual(
      expect.arrayContaining(['budget:changed', 'breakers:changed', 'cache:changed', 'alert:raised']),
    );
  }, 60_000);
});

describe('dist/electron/preload.cjs (under a fake electron)', () => {
  it('exposes only window.penin: one function per channel, on, pathForFile', () => {
    const report = runBundle('preload.cjs', 'preload');
    expect(report.exposedKeys).toEqual(['penin']);
    expect(report.bridgeKeys).toEqual(['call', 'on', 'pathForFile']);
    expect(report.channels).toEqual(channelNames);
    expect(report.frozen).toBe(true);
    expect(report.call).toEqual({ ok: true, value: { name: 'ledger:progress', req: { sessionId: 's' } } });
    expect(report.unknownEvent).toMatch(/unknown event/);
    expect(report.pathForFile).toBe('/dropped.jsonl');
  });
});
