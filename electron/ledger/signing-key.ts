// The ledger writer's Ed25519 key pair. The private key lives outside the ledger, in a PEM file
// readable by its owner only (0600); the public key is exported as a PEM file for auditors.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { FileTooLargeError, NotRegularFileError, readSmallFileSync } from './regular-file';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export class KeyFileError extends Error {}

/** First 16 hex digits of SHA-256 over the public key's DER (SPKI) encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** A key file's bytes (capped, never blocking on a FIFO): a special or oversized file is a KeyFileError. */
function readKeyFile(path: string, check?: (s: Stats) => void): Buffer {
  try {
    return readSmallFileSync(path, { check });
  } catch (e) {
    if (e instanceof NotRegularFileError || e instanceof FileTooLargeError) throw new KeyFileError(e.message);
    throw e;
  }
}

function readPrivate(path: string): SigningKey {
  const pem = readKeyFile(path, (st) => {
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      throw new KeyFileError(
        `${path} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`,
      );
  });
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new KeyFileError(`${path} is not a PEM private key: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyFileError(`${path} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Loads the private key at `path`, creating a new pair (and `path`.pub) when there is none. */
export function loadOrCreateSigningKey(path: string): SigningKey {
  try {
    const key = readPrivate(path);
    if (!existsSync(`${path}.pub`))
      writeFileSync(`${path}.pub`, publicKeyPem(key.publicKey), { mode: 0o644 });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readPrivate(path); // another process won the race
    throw e;
  }
  writeFileSync(`${path}.pub`, publicKeyPem(publicKey), { mode: 0o644 });
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** An auditor's public key: a PEM (SPKI) file, or the private key file itself. */
export function loadPublicKey(path: string): { publicKey: KeyObject; keyId: string } {
  let text: Buffer;
  try {
    text = readKeyFile(path);
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    throw new KeyFileError(
      `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`,
    );
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(text);
  } catch (e) {
    throw new KeyFileError(`${path} is not a PEM public key: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new KeyFileError(`${path} is not an Ed25519 public key`);
  return { publicKey, keyId: keyIdOf(publicKey) };
}
