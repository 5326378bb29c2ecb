// Property tests: for random tree sizes and indexes, every inclusion and consistency proof
// verifies, and flipping any bit of a proof hash, of the leaf or of a root makes it fail.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leafHash, nodeHash } from '../../../electron/ledger/merkle/hash';
import { Frontier } from '../../../electron/ledger/merkle/frontier';
import { consistencyProof, inclusionProof, rangeRoot } from '../../../electron/ledger/merkle/tree';
import { verifyConsistency, verifyInclusion } from '../../../electron/ledger/merkle/verify';

const leavesOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const ALL = leavesOf(300);

const flip = (b: Buffer, byte: number, bit: number): Buffer => {
  const c = Buffer.from(b);
  c[byte % c.length] ^= 1 << bit;
  return c;
};

describe('Merkle proofs, for random sizes and indexes', () => {
  it('the frontier root equals the RFC recursive root at every size', () => {
    const f = new Frontier();
    // MTH as RFC 6962 §2.1 writes it, independent of the frontier.
    const recursive = (lo: number, hi: number): Buffer => {
      if (hi - lo === 1) return ALL[lo];
      let k = 1;
      while (k * 2 < hi - lo) k *= 2;
      return nodeHash(recursive(lo, lo + k), recursive(lo + k, hi));
    };
    for (let n = 1; n <= 70; n++) {
      f.push(ALL[n - 1]);
      expect(f.root()).toEqual(recursive(0, n));
    }
  });

  it('every inclusion proof verifies; a flipped bit anywhere fails it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        ([n, i], byte, bit) => {
          const leaves = ALL.slice(0, n);
          const root = rangeRoot(leaves);
          const proof = inclusionProof(leaves, i);
          expect(verifyInclusion(i, n, leaves[i], proof, root)).toBeNull();
          expect(verifyInclusion(i, n, flip(leaves[i], byte, bit), proof, root)).not.toBeNull();
          expect(verifyInclusion(i, n, leaves[i], proof, flip(root, byte, bit))).not.toBeNull();
          if (proof.length > 0) {
            const k = byte % proof.length;
            const bad = proof.map((p, j) => (j === k ? flip(p, byte >> 3, bit) : p));
            expect(verifyInclusion(i, n, leaves[i], bad, root)).not.toBeNull();
            expect(verifyInclusion(i, n, leaves[i], proof.slice(1), root)).not.toBeNull();
          }
          if (n > 1) expect(verifyInclusion((i + 1) % n, n, leaves[i], proof, root)).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies; a flipped bit anywhere fails it', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        ([m, n], byte, bit) => {
          const leaves = ALL.slice(0, n);
          const r1 = rangeRoot(leaves, 0, m);
          const r2 = rangeRoot(leaves);
          const proof = consistencyProof(leaves, m);
          expect(verifyConsistency(m, n, proof, r1, r2)).toBeNull();
          if (m === n) return;
          expect(verifyConsistency(m, n, proof, flip(r1, byte, bit), r2)).not.toBeNull();
          expect(verifyConsistency(m, n, proof, r1, flip(r2, byte, bit))).not.toBeNull();
          const k = byte % proof.length;
          const bad = proof.map((p, j) => (j === k ? flip(p, byte >> 3, bit) : p));
          expect(verifyConsistency(m, n, bad, r1, r2)).not.toBeNull();
          expect(verifyConsistency(m, n, proof.slice(0, -1), r1, r2)).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
