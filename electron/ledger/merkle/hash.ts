// RFC 6962 §2.1 (RFC 9162 §2.1.1) hashing: a leaf is SHA-256(0x00 || data), an interior node
// SHA-256(0x01 || left || right); the two prefixes keep a leaf from passing for a node.
import { createHash } from 'node:crypto';

export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of nothing: the root of the empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** Whether `h` has the length of a SHA-256 hash. */
export function isHash(h: Uint8Array): boolean {
  return h.length === HASH_BYTES;
}
