// Proof verification, RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), step by step.
// Each returns null when the proof holds and a sentence saying why not otherwise.
import { isHash, nodeHash } from './hash';

/** Shifts right by one without 32-bit bitwise operators (sizes go past 2^32). */
const half = (x: number): number => Math.floor(x / 2);

function isPowerOfTwo(x: number): boolean {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** The root an inclusion proof leads to, or a reason it cannot lead anywhere. */
export function rootFromInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | string {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return `leaf index ${index} is not in a tree of ${size}`;
  if (!isHash(leaf) || proof.some((p) => !isHash(p))) return 'a hash in the proof is not 32 bytes';
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return `the proof is longer than a tree of ${size} needs`;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else r = nodeHash(r, p);
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return `the proof is shorter than a tree of ${size} needs`;
  return r;
}

export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): string | null {
  const r = rootFromInclusion(index, size, leaf, proof);
  if (typeof r === 'string') return r;
  return same(r, root) ? null : `the path leads to root ${r.toString('hex')}, not the checkpoint's`;
}

export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): string | null {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1)
    return `size ${size2} is smaller than size ${size1}: the tree cannot have shrunk`;
  if (proof.some((p) => !isHash(p))) return 'a hash in the proof is not 32 bytes';
  if (size1 === size2) {
    if (proof.length !== 0) return 'trees of the same size need an empty proof';
    return same(root1, root2) ? null : 'two different roots for the same size';
  }
  if (size1 === 0) return proof.length === 0 ? null : 'a proof from the empty tree must be empty';
  if (!isHash(root1) || !isHash(root2)) return 'a root is not 32 bytes';
  if (proof.length === 0) return 'the proof is empty';
  // If size1 is an exact power of two, the old root is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return `the proof is longer than sizes ${size1} and ${size2} need`;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return `the proof is shorter than sizes ${size1} and ${size2} need`;
  if (!same(fr, root1)) return `the proof does not lead to the old root (size ${size1})`;
  if (!same(sr, root2)) return `the proof does not lead to the new root (size ${size2})`;
  return null;
}
