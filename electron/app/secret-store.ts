// The cache's HMAC key at rest under userData, sealed with the OS keychain (Electron's safeStorage)
// when it is available, else a 0600 file. A thin wrapper: every read and write of the file goes
// through core/secret-file.ts, the one implementation of secrets at rest (exclusive create, 0600,
// no symlink followed); this adds only the cipher. Plain Node: the cipher is a parameter (main
// passes keychainCipher(safeStorage); tests pass a fake or none).
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { createSecretFile, readSecretFile } from '../core/secrets/secret-file';

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
 * Loads the secret at `basePath` (`basePath.enc` when sealed by the cipher, `basePath` as a 0600
 * text file otherwise), creating it with `generate` when neither exists. A plain file is upgraded
 * to the sealed form as soon as the cipher is available.
 */
export function loadOrCreateSealedSecret(
  basePath: string,
  cipher: SecretCipher | null,
  generate: () => string = () => randomBytes(32).toString('hex'),
): StoredSecret {
  const encPath = `${basePath}.enc`;
  const canEncrypt = cipher !== null && safeAvailable(cipher);
  if (canEncrypt && existsSync(encPath)) {
    return { value: unseal(cipher, encPath), storage: 'encrypted', created: false };
  }
  if (existsSync(basePath)) {
    const value = readSecretFile(basePath).toString('utf8').trim();
    if (value.length === 0) throw new Error(`${basePath} is empty; delete it to create a new secret`);
    if (!canEncrypt) return { value, storage: 'file', created: false };
    // Upgrade: seal it, then drop the plain copy. A concurrent upgrader's sealed file wins.
    const sealed = createSecretFile(encPath, cipher.encryptString(value)) ? value : unseal(cipher, encPath);
    rmSync(basePath, { force: true });
    return { value: sealed, storage: 'encrypted', created: false };
  }
  if (!canEncrypt && existsSync(encPath)) {
    throw new Error(`${encPath} is encrypted but the OS keychain is not available to decrypt it`);
  }
  const value = generate();
  if (canEncrypt) {
    if (createSecretFile(encPath, cipher.encryptString(value)))
      return { value, storage: 'encrypted', created: true };
    return { value: unseal(cipher, encPath), storage: 'encrypted', created: false };
  }
  if (createSecretFile(basePath, Buffer.from(`${value}\n`, 'utf8')))
    return { value, storage: 'file', created: true };
  return { value: readSecretFile(basePath).toString('utf8').trim(), storage: 'file', created: false };
}

function unseal(cipher: SecretCipher, encPath: string): string {
  return cipher.decryptString(readSecretFile(encPath));
}

function safeAvailable(cipher: SecretCipher): boolean {
  try {
    return cipher.isEncryptionAvailable();
  } catch {
    return false;
  }
}
