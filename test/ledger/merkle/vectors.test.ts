// RFC 6962 / Certificate Transparency test vectors: the eight leaves and the roots of the trees
// of sizes 1..8, with their inclusion and consistency paths, as published in
// github.com/transparency-dev/merkle, proof/verify_test.go (inclusionProofs, consistencyProofs,
// roots, leaves), which carries them over from google/certificate-transparency's C++
// merkle_tree_test.cc. Leaf numbers there are 1-based; here they are 0-based indexes.
import { describe, expect, it } from 'vitest';
import { leafHash, EMPTY_ROOT } from '../../../electron/ledger/merkle/hash';
import { Frontier } from '../../../electron/ledger/merkle/frontier';
import { consistencyProof, inclusionProof, rangeRoot } from '../../../electron/ledger/merkle/tree';
import { verifyConsistency, verifyInclusion } from '../../../electron/ledger/merkle/verify';

const h = (hex: string): Buffer => Buffer.from(hex, 'hex');

const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(h);

const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h);

/** [0-based leaf index, tree size, path]. */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const leaves = LEAVES.map(leafHash);
const hex = (bs: Buffer[]): string[] => bs.map((b) => b.toString('hex'));

describe('RFC 6962 test vectors (transparency-dev/merkle proof/verify_test.go)', () => {
  it('the empty tree is SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(new Frontier().root()).toEqual(EMPTY_ROOT);
  });

  it.each(ROOTS.map((r, i) => [i + 1, r] as const))('root of the first %i leaves', (size, root) => {
    expect(rangeRoot(leaves, 0, size).toString('hex')).toBe(root.toString('hex'));
    const f = new Frontier();
    for (const l of leaves.slice(0, size)) f.push(l);
    expect(f.size).toBe(size);
    expect(f.root().toString('hex')).toBe(root.toString('hex'));
  });

  it.each(INCLUSION)('inclusion of leaf %i in a tree of %i', (index, size, path) => {
    expect(hex(inclusionProof(leaves.slice(0, size), index))).toEqual(path);
    expect(verifyInclusion(index, size, leaves[index], path.map(h), ROOTS[size - 1])).toBeNull();
    const bad = path.map(h);
    if (bad.length) {
      bad[0][0] ^= 8;
      expect(verifyInclusion(index, size, leaves[index], bad, ROOTS[size - 1])).not.toBeNull();
    }
    expect(verifyInclusion(index, size * 2, leaves[index], path.map(h), ROOTS[size - 1])).not.toBeNull();
    expect(
      verifyInclusion(index, size, leafHash(Buffer.from('WrongLeaf')), path.map(h), ROOTS[size - 1]),
    ).not.toBeNull();
  });

  it.each(CONSISTENCY)('consistency from size %i to size %i', (m, n, path) => {
    expect(hex(consistencyProof(leaves.slice(0, n), m))).toEqual(path);
    expect(verifyConsistency(m, n, path.map(h), ROOTS[m - 1], ROOTS[n - 1])).toBeNull();
    if (path.length) {
      expect(verifyConsistency(m, n, path.map(h), ROOTS[n - 1], ROOTS[m - 1])).not.toBeNull();
      expect(verifyConsistency(m, n, path.slice(0, -1).map(h), ROOTS[m - 1], ROOTS[n - 1])).not.toBeNull();
      expect(verifyConsistency(m - 1, n, path.map(h), ROOTS[m - 1], ROOTS[n - 1])).not.toBeNull();
    }
  });

  it('every inclusion and consistency proof among sizes 1..8 verifies', () => {
    for (let n = 1; n <= 8; n++)
      for (let m = 0; m <= n; m++) {
        if (m < n)
          expect(
            verifyInclusion(m, n, leaves[m], inclusionProof(leaves.slice(0, n), m), ROOTS[n - 1]),
          ).toBeNull();
        const root1 = m === 0 ? EMPTY_ROOT : ROOTS[m - 1];
        expect(
          verifyConsistency(m, n, consistencyProof(leaves.slice(0, n), m), root1, ROOTS[n - 1]),
        ).toBeNull();
      }
  });
});
