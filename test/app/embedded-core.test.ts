import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dataLayout } from '../../electron/app/data-layout';
import { loadOrCreateConfig, startEmbeddedCore } from '../../electron/app/embedded-core';
import type { SecretCipher } from '../../electron/app/secret-store';
import { decision } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
};

describe('startEmbeddedCore', () => {
  it('starts the gateway with data under userData, the key encrypted at rest, and reuses it next time', async () => {
    const layout = dataLayout(tmpDir());
    const first = await startEmbeddedCore({ layout, cipher, port: 0, env: {} });
    try {
      expect(first.core.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.keyStorage).toBe('encrypted');
      expect(existsSync(`${layout.cacheKey}.enc`)).toBe(true);
      expect(existsSync(layout.cacheKey)).toBe(false);
      expect(existsSync(layout.ledger)).toBe(true);
      expect(JSON.parse(readFileSync(layout.config, 'utf8'))).toMatchObject({
        dailyLimitUsd: expect.any(Number),
      });
      const res = await fetch(`${first.core.url}/v1/models`, {
        headers: { Authorization: `Bearer ${first.core.token}` },
      });
      expect(res.status).toBeLessThan(500);
    } finally {
      await first.close();
    }
    const again = await startEmbeddedCore({ layout, cipher: null, port: 0, env: {} }).catch(
      (e: unknown) => e,
    );
    expect(String(again)).toMatch(/keychain is not available/);
    const second = await startEmbeddedCore({ layout, cipher, port: 0, env: {} });
    expect(second.core.token).toBe(first.core.token);
    await second.close();
  });

  it("never syncs the ledger on the main process's event loop, however fast the disk", async () => {
    const started = await startEmbeddedCore({ layout: dataLayout(tmpDir()), cipher, port: 0, env: {} });
    try {
      for (let i = 0; i < 40; i++) await started.writer.append(decision(i));
      expect(started.writer.syncs.inline).toBe(0);
      expect(started.writer.syncs.pooled).toBeGreaterThanOrEqual(40);
    } finally {
      await started.close();
    }
  });

  it('falls back to a 0600 key file without a keychain', async () => {
    const layout = dataLayout(tmpDir());
    const started = await startEmbeddedCore({ layout, cipher: null, port: 0, env: {} });
    expect(started.keyStorage).toBe('file');
    await started.close();
  });

  it('reports an invalid config file by the bad field', () => {
    const layout = dataLayout(tmpDir());
    loadOrCreateConfig(layout.config);
    writeFileSync(layout.config, JSON.stringify({ dailyLimitUsd: -1, providers: [] }));
    expect(() => loadOrCreateConfig(layout.config)).toThrow(/dailyLimitUsd/);
  });
});
