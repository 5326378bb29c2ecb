// The tree's frontier (a compact range [0, size)): the roots of the perfect subtrees that make up
// the first `size` leaves, one per set bit of `size`, largest first. O(log n) hashes: enough to
// extend the tree by one leaf and to compute its root, never the leaves themselves.
import { EMPTY_ROOT, nodeHash } from './hash';

export class Frontier {
  /** Subtree roots, left to right; nodes[i] covers 2^heights[i] leaves. */
  private nodes: Buffer[] = [];
  private heights: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends one leaf (its leaf hash), merging equal-height subtrees as a binary counter carries. */
  push(leaf: Buffer): void {
    let node = leaf;
    let height = 0;
    while (this.heights.length > 0 && this.heights[this.heights.length - 1] === height) {
      node = nodeHash(this.nodes.pop() as Buffer, node);
      this.heights.pop();
      height++;
    }
    this.nodes.push(node);
    this.heights.push(height);
    this.count++;
  }

  /** MTH of the leaves pushed so far (RFC 6962: the right-hand subtrees fold in from the right). */
  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let acc = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i], acc);
    return acc;
  }

  clone(): Frontier {
    const f = new Frontier();
    f.nodes = [...this.nodes];
    f.heights = [...this.heights];
    f.count = this.count;
    return f;
  }
}
