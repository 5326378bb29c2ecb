// The tree's two hashes frame their input in reused scratch buffers (merkle/hash.ts): each must
// still equal SHA-256 of the RFC 6962 framing for every input size, and no result may change when
// the scratch is reused by a later call.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { leafHash, nodeHash } from '../../../electron/ledger/merkle/hash';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

describe('RFC 6962 hashes', () => {
  it('a leaf is SHA-256(0x00 || data) for empty, small, scratch-sized and 4 MiB data', () => {
    for (const n of [0, 1, 1100, 64 * 1024 - 2, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 4 * 1024 * 1024]) {
      const data = randomBytes(n);
      expect(leafHash(data), `${n} bytes`).toEqual(sha(Buffer.from([0]), data));
    }
  });

  it('a node is SHA-256(0x01 || left || right), for hash-sized and (hostile proofs) other inputs', () => {
    for (const [l, r] of [
      [32, 32],
      [0, 32],
      [31, 33],
      [64, 1],
    ]) {
      const left = randomBytes(l);
      const right = randomBytes(r);
      expect(nodeHash(left, right), `${l}+${r}`).toEqual(sha(Buffer.from([1]), left, right));
    }
  });

  it('results are their own buffers: later calls do not change them', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const leaf = leafHash(Buffer.from('first'));
    const node = nodeHash(a, b);
    const leafCopy = Buffer.from(leaf);
    const nodeCopy = Buffer.from(node);
    leafHash(randomBytes(2000));
    nodeHash(b, a);
    expect(leaf).toEqual(leafCopy);
    expect(node).toEqual(nodeCopy);
    // a result passed back in as an input, as the frontier does
    expect(nodeHash(node, node)).toEqual(sha(Buffer.from([1]), nodeCopy, nodeCopy));
  });
});
