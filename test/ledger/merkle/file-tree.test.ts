// The tree of a ledger file: leaves are the stored lines without "\n" (a torn last line is no
// leaf), streamed in chunks smaller than a line; roots and proof nodes match the in-memory tree.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leafHash } from '../../../electron/ledger/merkle/hash';
import { treeFacts } from '../../../electron/ledger/merkle/file-tree';
import { consistencyRanges, inclusionRanges } from '../../../electron/ledger/merkle/ranges';
import { consistencyProof, inclusionProof, rangeRoot } from '../../../electron/ledger/merkle/tree';
import { tmpDir } from '../../helpers/tmp';

describe('treeFacts over a file', () => {
  const lines = Array.from({ length: 37 }, (_, i) => `{"n": ${i}, "pad": "${'x'.repeat(i * 3)}"}`);
  const path = join(tmpDir(), 'ledger.jsonl');
  writeFileSync(path, lines.join('\n') + '\n' + '{"torn');
  const leaves = lines.map((l) => leafHash(Buffer.from(l)));

  it('streams leaves, roots at chosen sizes, proof nodes and one captured line', async () => {
    const inc = inclusionRanges(11, 30);
    const con = consistencyRanges(13, 37);
    const f = await treeFacts(path, {
      sizes: [0, 1, 13, 30, 37],
      ranges: [...inc, ...con],
      capture: 11,
      chunkBytes: 7,
    });
    expect(f.leaves).toBe(37);
    expect(f.roots.get(13)).toEqual(rangeRoot(leaves, 0, 13));
    expect(f.roots.get(37)).toEqual(rangeRoot(leaves));
    expect(f.frontier.root()).toEqual(rangeRoot(leaves));
    expect(f.ranges.slice(0, inc.length)).toEqual(inclusionProof(leaves.slice(0, 30), 11));
    expect(f.ranges.slice(inc.length)).toEqual(consistencyProof(leaves, 13));
    expect(f.captured?.toString()).toBe(lines[11]);
    expect(f.capturedLeaf).toEqual(leaves[11]);
  });

  it('stops at maxLeaves', async () => {
    const f = await treeFacts(path, { maxLeaves: 5, sizes: [5] });
    expect(f.leaves).toBe(5);
    expect(f.roots.get(5)).toEqual(rangeRoot(leaves, 0, 5));
  });
});
