// Roots and proofs over leaf hashes held in memory (tests, small trees). Files are proven through
// file-proofs.ts, which streams the leaves instead of holding them.
import { Frontier } from './frontier';
import { consistencyRanges, inclusionRanges, type LeafRange } from './ranges';

/** MTH(D[start:end]) of leaf hashes. */
export function rangeRoot(leaves: readonly Buffer[], start = 0, end = leaves.length): Buffer {
  const f = new Frontier();
  for (let i = start; i < end; i++) f.push(leaves[i]);
  return f.root();
}

const hashesOf = (leaves: readonly Buffer[], ranges: LeafRange[]): Buffer[] =>
  ranges.map((r) => rangeRoot(leaves, r.start, r.end));

export function inclusionProof(leaves: readonly Buffer[], index: number, size = leaves.length): Buffer[] {
  return hashesOf(leaves, inclusionRanges(index, size));
}

export function consistencyProof(leaves: readonly Buffer[], m: number, n = leaves.length): Buffer[] {
  return hashesOf(leaves, consistencyRanges(m, n));
}
