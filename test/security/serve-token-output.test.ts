// Secrets on `penin serve`'s stdout, which ends up in logs (systemd journal, CI output, terminals
// shared on screen).
// Attack reproduced: an operator's log is read by someone else, who takes the gateway's bearer
// token from the "token:" line (before the fix it was printed in full) or the console's access
// token from the console URL.
// Expected answer: the gateway token appears only masked (4 characters and "…") with the path of
// the file that holds it; no secret appears in full anywhere except the one console URL line,
// which says it holds a secret.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../electron/cli/serve-command';
import { maskSecret } from '../../electron/cli/mask-secret';
import { tmpDir } from '../helpers/tmp';

async function serveOnce(argv: string[]): Promise<{ out: string; gatewayToken: string }> {
  const stop = new AbortController();
  let out = '';
  let gatewayToken = '';
  const code = await runServe(argv, {
    env: {},
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    signal: stop.signal,
    onReady: (core) => {
      gatewayToken = core.token;
      // The console line is printed after onReady's core is up: stop once it is out.
      const wait = setInterval(() => {
        if (/^console: /m.test(out)) {
          clearInterval(wait);
          stop.abort();
        }
      }, 5);
    },
  });
  expect(code).toBe(0);
  return { out, gatewayToken };
}

/** The lines of `out` that contain `secret`. */
function linesWith(out: string, secret: string): string[] {
  return out.split('\n').filter((line) => line.includes(secret));
}

describe('penin serve prints no secret in full, except the one console URL labelled as secret', () => {
  it('a generated token: masked, with the path of its file', async () => {
    const dataDir = tmpDir('penin-token-out-');
    const { out, gatewayToken } = await serveOnce(['--port', '0', '--data-dir', dataDir]);
    const tokenFile = join(dataDir, 'gateway-token');
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(gatewayToken);
    expect(linesWith(out, gatewayToken)).toEqual([]);
    // Nor a long piece of it (more than the 4 characters shown).
    expect(linesWith(out, gatewayToken.slice(0, 8))).toEqual([]);
    expect(out).toContain(`token: ${maskSecret(gatewayToken)} (in full in ${tokenFile})\n`);

    const consoleLines = out.split('\n').filter((l) => l.startsWith('console: '));
    expect(consoleLines).toHaveLength(1);
    const uiToken = decodeURIComponent(/#token=(\S+)/.exec(consoleLines[0]!)?.[1] ?? '');
    expect(uiToken.length).toBeGreaterThanOrEqual(32);
    expect(linesWith(out, uiToken)).toEqual(consoleLines);
    expect(consoleLines[0]).toMatch(/SECRET: this URL holds the console's access token/);
  });

  it('a token given with --token: masked too, and said where it came from', async () => {
    const given = 'given-token-0123456789-abcdef';
    const { out } = await serveOnce([
      '--port',
      '0',
      '--data-dir',
      tmpDir('penin-token-out-'),
      '--token',
      given,
    ]);
    expect(linesWith(out, given)).toEqual([]);
    expect(out).toContain('token: give… (the one given by --token / PENIN_TOKEN)\n');
  });

  it('maskSecret shows 4 characters of a long secret and nothing of a short one', () => {
    expect(maskSecret('penin-abcdefghijklmnop')).toBe('peni…');
    expect(maskSecret('0123456789abcde')).toBe('…');
    expect(maskSecret('')).toBe('…');
  });
});
