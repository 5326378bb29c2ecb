// Secrets at rest (electron/core/secret-file.ts, and app/secret-store.ts over it).
// Attack reproduced: a local user who can write to the data folder plants a symlink at the name of
// the temp file a secret is written through (before the fix app/secret-store.ts used a fixed name,
// `${path}.${pid}.tmp`, opened without O_EXCL), pointing at a file of the victim's: the write
// followed the link, overwrote that file with the secret, and then moved the link into place.
// Expected answer: the planted link and the file it points to are left as they are; the secret is
// written to a fresh regular file of mode 0600 whatever the umask; a write to a name that is taken
// (by a file or a symlink, even a dangling one) is refused with EEXIST, never opened.
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSealedSecret, type SecretCipher } from '../../electron/app/secret-store';
import {
  loadOrCreateSecret,
  readSecretFile,
  writeNewPrivateFile,
} from '../../electron/core/secrets/secret-file';
import { tmpDir } from '../helpers/tmp';

const posix = process.platform !== 'win32';
const VICTIM_TEXT = 'the victim file: must not change\n';

const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`ENC:${s}`),
  decryptString: (b) => b.toString().slice(4),
};

let savedUmask: number | null = null;
afterEach(() => {
  if (savedUmask !== null) process.umask(savedUmask);
  savedUmask = null;
});

/** A file outside the data folder, and a symlink to it planted at `at`. */
function plantLink(at: string): string {
  const victim = join(tmpDir('penin-victim-'), 'victim.txt');
  writeFileSync(victim, VICTIM_TEXT);
  symlinkSync(victim, at);
  return victim;
}

function expectPrivateRegularFile(path: string): void {
  const st = lstatSync(path);
  expect(st.isFile()).toBe(true);
  expect(st.isSymbolicLink()).toBe(false);
  if (posix) expect(st.mode & 0o777).toBe(0o600);
}

describe.skipIf(!posix)('a symlink planted at a temp name is never written through', () => {
  it('sealed secret: a link at the old fixed temp name of the .enc file', () => {
    const base = join(tmpDir('penin-secret-'), 'cache-hmac.key');
    const victim = plantLink(`${base}.enc.${process.pid}.tmp`);
    const s = loadOrCreateSealedSecret(base, cipher);
    expect(s).toMatchObject({ storage: 'encrypted', created: true });
    expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);
    expectPrivateRegularFile(`${base}.enc`);
    expect(readFileSync(`${base}.enc`, 'utf8')).toBe(`ENC:${s.value}`);
  });

  it('plain secret (no keychain): a link at the old fixed temp name of the file', () => {
    const base = join(tmpDir('penin-secret-'), 'cache-hmac.key');
    const victim = plantLink(`${base}.${process.pid}.tmp`);
    const s = loadOrCreateSealedSecret(base, null);
    expect(s).toMatchObject({ storage: 'file', created: true });
    expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);
    expectPrivateRegularFile(base);
    expect(readFileSync(base, 'utf8')).toBe(`${s.value}\n`);
  });

  it('upgrading a plain file to the sealed form: a link at the old temp name', () => {
    const base = join(tmpDir('penin-secret-'), 'cache-hmac.key');
    const plain = loadOrCreateSealedSecret(base, null);
    const victim = plantLink(`${base}.enc.${process.pid}.tmp`);
    expect(loadOrCreateSealedSecret(base, cipher)).toEqual({
      value: plain.value,
      storage: 'encrypted',
      created: false,
    });
    expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);
    expectPrivateRegularFile(`${base}.enc`);
    expect(existsSync(base)).toBe(false);
  });

  it('the exclusive create refuses a planted symlink (live or dangling) and a planted file: EEXIST', () => {
    const dir = tmpDir('penin-secret-');
    const live = join(dir, 'live.tmp');
    const victim = plantLink(live);
    expect(() => writeNewPrivateFile(live, Buffer.from('secret'))).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);

    const dangling = join(dir, 'dangling.tmp');
    const target = join(dir, 'would-be-created');
    symlinkSync(target, dangling);
    expect(() => writeNewPrivateFile(dangling, Buffer.from('secret'))).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(existsSync(target)).toBe(false);

    const planted = join(dir, 'planted.tmp');
    writeFileSync(planted, 'planted', { mode: 0o666 });
    expect(() => writeNewPrivateFile(planted, Buffer.from('secret'))).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(readFileSync(planted, 'utf8')).toBe('planted');
  });
});

describe.skipIf(!posix)('secret files are 0600 whatever the umask', () => {
  it('with umask 000, the core key, the sealed and the plain secrets are all 0600', () => {
    savedUmask = process.umask(0o000);
    const dir = tmpDir('penin-secret-');
    loadOrCreateSecret(join(dir, 'core', 'cache.key'));
    loadOrCreateSealedSecret(join(dir, 'sealed.key'), cipher);
    loadOrCreateSealedSecret(join(dir, 'plain.key'), null);
    for (const f of ['core/cache.key', 'sealed.key.enc', 'plain.key']) expectPrivateRegularFile(join(dir, f));
    expect(statSync(join(dir, 'core')).mode & 0o777).toBe(0o700);
  });

  it('an existing secret readable by others is refused with the chmod to run, not silently used', () => {
    const base = join(tmpDir('penin-secret-'), 'cache-hmac.key');
    writeFileSync(base, 'a'.repeat(64), { mode: 0o644 });
    expect(() => loadOrCreateSealedSecret(base, null)).toThrow(/mode 0644.*chmod 600/);
    expect(() => readSecretFile(base)).toThrow(/accessible by group\/others/);
  });
});
