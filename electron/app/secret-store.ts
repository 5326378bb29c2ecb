// Secrets at rest under userData (the gateway token and the ledger's HMAC key). Encrypted with
// the OS keychain through Electron's safeStorage when it is available, else a 0600 file. Plain:
// the cipher is a parameter (main passes safeStorage; `penin serve` and tests pass none or a fake).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The part of Electron's safeStorage used here. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface StoredSecret {
  value: string;
  /** How it is kept at rest. */
  storage: 'encrypted' | 'file';
  created: boolean;
}

/**
 * Loads the secret at `basePath` (`basePath.enc` when encrypted, `basePath` as a 0600 file
 * otherwise), creating it with `generate` when neither exists. A plain file is upgraded to the
 * encrypted form as soon as encryption is available.
 */
export function loadOrCreateSecret(
  basePath: string,
  cipher: SecretCipher | null,
  generate: () => string = () => randomBytes(32).toString('hex'),
): StoredSecret {
  const encPath = `${basePath}.enc`;
  const canEncrypt = cipher !== null && safeAvailable(cipher);
  if (canEncrypt && existsSync(encPath)) {
    return { value: cipher.decryptString(readFileSync(encPath)), storage: 'encrypted', created: false };
  }
  if (existsSync(basePath)) {
    const value = readFileSync(basePath, 'utf8').trim();
    if (value.length === 0) throw new Error(`${basePath} is empty; delete it to create a new secret`);
    if (canEncrypt) {
      writeAtomic(encPath, cipher.encryptString(value));
      rmSync(basePath, { force: true });
      return { value, storage: 'encrypted', created: false };
    }
    tighten(basePath);
    return { value, storage: 'file', created: false };
  }
  if (!canEncrypt && existsSync(encPath)) {
    throw new Error(`${encPath} is encrypted but the OS keychain is not available to decrypt it`);
  }
  const value = generate();
  if (canEncrypt) {
    writeAtomic(encPath, cipher.encryptString(value));
    return { value, storage: 'encrypted', created: true };
  }
  writeAtomic(basePath, `${value}\n`);
  return { value, storage: 'file', created: true };
}

function safeAvailable(cipher: SecretCipher): boolean {
  try {
    return cipher.isEncryptionAvailable();
  } catch {
    return false;
  }
}

function writeAtomic(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
  tighten(path);
}

function tighten(path: string): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, 0o600);
  } catch {
    // best effort: the file is still usable
  }
}
