import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tmpDir } from '../helpers/tmp';

const ROOT = join(__dirname, '..', '..');

// The scripts are plain .mjs (no declaration files): imported by URL, typed here.
type BinaryResult = { ok: true; path: string } | { ok: false; reason: string };
interface ElectronBinaryModule {
  NO_BINARY_MESSAGE: string;
  findElectronBinary(deps?: {
    requireFn?: (id: string) => unknown;
    exists?: (path: string) => boolean;
  }): BinaryResult;
}
interface StartModule {
  BROWSER_COMMAND: string;
  isStale(root?: string): boolean;
}
const script = (name: string): string => pathToFileURL(join(ROOT, 'scripts', name)).href;
const { findElectronBinary, NO_BINARY_MESSAGE } = (await import(
  script('electron-binary.mjs')
)) as ElectronBinaryModule;
const { BROWSER_COMMAND, isStale } = (await import(script('start.mjs'))) as StartModule;

describe('findElectronBinary', () => {
  it('reports a missing binary when require("electron") throws', () => {
    const r = findElectronBinary({
      requireFn: () => {
        throw new Error(
          'Electron failed to install correctly, please delete node_modules/electron and try installing again\nstack',
        );
      },
    });
    expect(r).toEqual({
      ok: false,
      reason:
        'Electron failed to install correctly, please delete node_modules/electron and try installing again',
    });
  });

  it('reports a path that does not exist', () => {
    const r = findElectronBinary({ requireFn: () => '/nowhere/electron', exists: () => false });
    expect(r).toEqual({ ok: false, reason: 'no Electron binary at /nowhere/electron' });
  });

  it('returns the binary path when it is there', () => {
    expect(findElectronBinary({ requireFn: () => '/opt/electron/electron', exists: () => true })).toEqual({
      ok: true,
      path: '/opt/electron/electron',
    });
  });

  it('agrees with the real electron package on this machine', () => {
    const r = findElectronBinary();
    if (r.ok) expect(existsSync(r.path)).toBe(true);
    else expect(r.reason.length).toBeGreaterThan(0);
  });
});

describe('npm start', () => {
  it('knows dist is stale when an output is missing', () => {
    expect(isStale(tmpDir())).toBe(true);
  });

  it('without the Electron binary and without a TTY, explains, prints the command and starts the browser mode', async () => {
    // ELECTRON_OVERRIDE_DIST_PATH points the electron package at an empty directory: no binary,
    // whatever this machine has installed.
    const home = tmpDir();
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tmpDir(), HOME: home, USERPROFILE: home },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (t: string) => (out += t));
    child.stderr.on('data', (t: string) => (out += t));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!out.includes('Starting the browser mode') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Wait until the browser mode is up (an event, not a delay: a loaded machine starts slowly),
    // then stop it (start.mjs forwards the signal).
    await expect
      .poll(() => out, { timeout: 60_000, interval: 50 })
      .toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    child.kill('SIGTERM');
    await exited;
    expect(out).toContain(NO_BINARY_MESSAGE);
    expect(out).toContain(BROWSER_COMMAND);
    expect(BROWSER_COMMAND).toBe('node dist/cli/penin.cjs serve --demo --port 0');
    expect(out).toContain(`Starting the browser mode: ${BROWSER_COMMAND}`);
    expect(out).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    expect(out).not.toContain('Start the browser mode instead?');
  }, 120_000);
});
