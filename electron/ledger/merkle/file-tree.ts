// One streamed pass over a ledger file that yields what proofs and checks need of its tree: the
// roots at chosen sizes and the hashes of chosen subtrees (a proof's nodes, see ranges.ts).
// Memory: one frontier for the whole tree and one per subtree being hashed, O(log n) each.
import { Frontier } from './frontier';
import { scanLeaves, type LeafScanOptions } from './file-leaves';
import type { LeafRange } from './ranges';

export interface TreeFacts {
  /** Whole lines (leaves) read. */
  leaves: number;
  bytes: number;
  /** The root after each wanted size that the file reached. */
  roots: Map<number, Buffer>;
  /** Each wanted range's root, in the order given (null where the file is too short). */
  ranges: (Buffer | null)[];
  /** The frontier after the last leaf read. */
  frontier: Frontier;
  /** The leaf hash and stored line of `capture`, when asked. */
  capturedLeaf: Buffer | null;
  captured: Buffer | null;
  capturedTooLong: boolean;
}

export interface TreeFactsOptions extends Pick<LeafScanOptions, 'endOffset' | 'capture' | 'chunkBytes'> {
  sizes?: number[];
  ranges?: LeafRange[];
  /** Stop once this many leaves are read. */
  maxLeaves?: number;
}

export async function treeFacts(path: string, opts: TreeFactsOptions = {}): Promise<TreeFacts> {
  const frontier = new Frontier();
  const sizes = new Set(opts.sizes ?? []);
  const roots = new Map<number, Buffer>();
  if (sizes.has(0)) roots.set(0, frontier.root());
  const wanted = opts.ranges ?? [];
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a].start - wanted[b].start);
  const out: (Buffer | null)[] = wanted.map(() => null);
  let next = 0;
  let active: { i: number; f: Frontier }[] = [];
  let capturedLeaf: Buffer | null = null;
  const scan = await scanLeaves(
    path,
    (leaf, index) => {
      while (next < order.length && wanted[order[next]].start === index)
        active.push({ i: order[next++], f: new Frontier() });
      if (active.length > 0) {
        for (const a of active) a.f.push(leaf);
        if (active.some((a) => wanted[a.i].end === index + 1)) {
          for (const a of active) if (wanted[a.i].end === index + 1) out[a.i] = a.f.root();
          active = active.filter((a) => wanted[a.i].end !== index + 1);
        }
      }
      frontier.push(leaf);
      if (index === opts.capture) capturedLeaf = leaf;
      if (sizes.has(index + 1)) roots.set(index + 1, frontier.root());
    },
    {
      endOffset: opts.endOffset,
      maxLeaves: opts.maxLeaves,
      capture: opts.capture,
      chunkBytes: opts.chunkBytes,
    },
  );
  return {
    leaves: scan.leaves,
    bytes: scan.bytes,
    roots,
    ranges: out,
    frontier,
    capturedLeaf,
    captured: scan.captured,
    capturedTooLong: scan.capturedTooLong,
  };
}
