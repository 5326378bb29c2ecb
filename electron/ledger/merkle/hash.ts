// RFC 6962 §2.1 (RFC 9162 §2.1.1) hashing: a leaf is SHA-256(0x00 || data), an interior node
// SHA-256(0x01 || left || right); the two prefixes keep a leaf from passing for a node.
import { createHash, hash } from 'node:crypto';

export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of nothing: the root of the empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

// crypto.hash (one shot, Node >= 20.12) over one buffer is cheaper than a Hash object per call:
// the tree hashes one leaf and about one node per appended entry.
export function leafHash(data: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(data.length + 1);
  buf[0] = 0x00;
  buf.set(data, 1);
  return hash('sha256', buf, 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return hash('sha256', buf, 'buffer');
}

/** Whether `h` has the length of a SHA-256 hash. */
export function isHash(h: Uint8Array): boolean {
  return h.length === HASH_BYTES;
}
