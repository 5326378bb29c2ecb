// Verifier keys as Go's sumdb/note and C2SP write them: "<name>+<8 hex key ID>+<base64(type ||
// public key)>", key ID = SHA-256(name || "\n" || type || public key)[:4]. Type 0x01 is a signer's
// Ed25519 key (c2sp.org/signed-note), 0x04 a witness's timestamped Ed25519 cosignature key
// (c2sp.org/tlog-cosignature).
import { createHash, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from './ed25519';
import { validKeyName } from './signed-note';

export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;

export interface Vkey {
  name: string;
  keyHash: number;
  alg: typeof ALG_ED25519 | typeof ALG_COSIGNATURE_V1;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  key: KeyObject;
}

export class BadVkeyError extends Error {}

export function keyHashOf(name: string, alg: number, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, alg]))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

export const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export function formatVkey(name: string, alg: number, publicKey: Uint8Array): string {
  const material = Buffer.concat([Buffer.from([alg]), publicKey]).toString('base64');
  return `${name}+${hex8(keyHashOf(name, alg, publicKey))}+${material}`;
}

export function parseVkey(text: string): Vkey {
  const s = text.trim();
  const m = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(s);
  if (!m) throw new BadVkeyError(`bad vkey "${s}": expected NAME+KEYHASH+BASE64 (8 lowercase hex digits)`);
  const [, name, hash, b64] = m;
  if (!validKeyName(name)) throw new BadVkeyError(`bad vkey: key name "${name}"`);
  const raw = Buffer.from(b64, 'base64');
  if (raw.toString('base64') !== b64) throw new BadVkeyError('bad vkey: the key is not canonical base64');
  if (raw.length !== 33)
    throw new BadVkeyError(`bad vkey: an Ed25519 key is 1 + 32 bytes, not ${raw.length}`);
  const alg = raw[0];
  if (alg !== ALG_ED25519 && alg !== ALG_COSIGNATURE_V1)
    throw new BadVkeyError(
      `bad vkey: signature type 0x${alg.toString(16).padStart(2, '0')} is not supported`,
    );
  const publicKey = raw.subarray(1);
  const keyHash = Number.parseInt(hash, 16);
  if (keyHashOf(name, alg, publicKey) !== keyHash)
    throw new BadVkeyError(`bad vkey: key ID ${hash} does not match the name and key`);
  let key: KeyObject;
  try {
    key = publicKeyFromRaw(publicKey);
  } catch (e) {
    throw new BadVkeyError(`bad vkey: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { name, keyHash, alg, publicKey: Buffer.from(publicKey), key };
}
