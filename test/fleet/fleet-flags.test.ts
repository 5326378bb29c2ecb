// `penin serve --redis / --instance` (#16): bad values exit 2 with a message; a Redis that cannot be
// reached at start exits 1 naming the fleet; the flags override the config file's fleet: section.
import { describe, expect, it } from 'vitest';
import { parseServeArgs, runServe, withFleetFlags } from '../../electron/cli/serve-command';
import { defaultConfig } from '../../electron/core/config/default-config';
import { freePort } from '../helpers/redis-server';
import { tmpDir } from '../helpers/tmp';

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runServe(argv, {
    env: {},
    stdout: () => undefined,
    stderr: (t) => (err += t),
    signal: AbortSignal.abort(),
  });
  return { code, err };
}

describe('penin serve fleet flags', () => {
  it('refuses a URL that is not redis:// and an --instance without Redis', async () => {
    expect(await run(['--redis', 'http://127.0.0.1:6379'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--redis must be a redis:\/\/ or rediss:\/\/ URL/),
    });
    expect(await run(['--instance', 'a'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--instance needs --redis/),
    });
  });

  it('exits 1 when Redis cannot be reached at start', async () => {
    const port = await freePort();
    const r = await run(['--redis', `redis://127.0.0.1:${port}`, '--port', '0', '--data-dir', tmpDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot join the fleet/);
  });

  it('the flags set or override the fleet: section', () => {
    const opts = parseServeArgs(['--redis', 'redis://h:1', '--instance', ' a '], {});
    if (opts === 'help') throw new Error('unexpected help');
    const base = {
      ...defaultConfig(),
      fleet: { redis: 'redis://old:2', namespace: 'x', reservationTtlMs: 5000, commandTimeoutMs: 100 },
    };
    expect(withFleetFlags(base, opts).fleet).toEqual({
      redis: 'redis://h:1',
      instance: 'a',
      namespace: 'x',
      reservationTtlMs: 5000,
      commandTimeoutMs: 100,
    });
    expect(withFleetFlags(defaultConfig(), { redis: null, instance: null }).fleet).toBeUndefined();
  });
});
