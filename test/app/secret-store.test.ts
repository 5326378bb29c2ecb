import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateSealedSecret, type SecretCipher } from '../../electron/app/secret-store';
import { tmpDir } from '../helpers/tmp';

/** Reversible stand-in for safeStorage: marks and reverses the text. */
function fakeCipher(available = true): SecretCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`ENC:${[...s].reverse().join('')}`),
    decryptString: (b) => {
      const text = b.toString();
      if (!text.startsWith('ENC:')) throw new Error('not ours');
      return [...text.slice(4)].reverse().join('');
    },
  };
}

describe('loadOrCreateSealedSecret', () => {
  it('creates an encrypted secret when encryption is available and reads it back', () => {
    const base = join(tmpDir(), 'ledger-hmac.key');
    const first = loadOrCreateSealedSecret(base, fakeCipher());
    expect(first).toMatchObject({ storage: 'encrypted', created: true });
    expect(first.value).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(base)).toBe(false);
    expect(readFileSync(`${base}.enc`, 'utf8')).not.toContain(first.value);
    expect(loadOrCreateSealedSecret(base, fakeCipher())).toEqual({
      value: first.value,
      storage: 'encrypted',
      created: false,
    });
  });

  it('falls back to a 0600 file without a cipher', () => {
    const base = join(tmpDir(), 'token');
    const s = loadOrCreateSealedSecret(base, null);
    expect(s).toMatchObject({ storage: 'file', created: true });
    if (process.platform !== 'win32') expect(statSync(base).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSealedSecret(base, fakeCipher(false)).value).toBe(s.value);
  });

  it('upgrades a plain file to the encrypted form once encryption is available', () => {
    const base = join(tmpDir(), 'key');
    const plain = loadOrCreateSealedSecret(base, null);
    const upgraded = loadOrCreateSealedSecret(base, fakeCipher());
    expect(upgraded).toEqual({ value: plain.value, storage: 'encrypted', created: false });
    expect(existsSync(base)).toBe(false);
    expect(existsSync(`${base}.enc`)).toBe(true);
  });

  it('refuses to replace an encrypted secret it cannot decrypt', () => {
    const base = join(tmpDir(), 'key');
    loadOrCreateSealedSecret(base, fakeCipher());
    expect(() => loadOrCreateSealedSecret(base, fakeCipher(false))).toThrow(/keychain is not available/);
  });

  it('refuses an empty file', () => {
    const base = join(tmpDir(), 'key');
    writeFileSync(base, '\n', { mode: 0o600 });
    expect(() => loadOrCreateSealedSecret(base, null)).toThrow(/empty/);
  });
});
