// The breaks a ledger session knows of: the chain's (found while verifying, in index order) and
// the anchors' (signed checkpoints and pins, replaced as a whole on each check), looked up by
// entry, merged in index order, and searched for the next or previous one.
import type { ChainBreak } from '../../shared/domain';

function byIndex(breaks: readonly ChainBreak[]): Map<number, ChainBreak[]> {
  const m = new Map<number, ChainBreak[]>();
  for (const b of breaks) {
    const at = m.get(b.index);
    if (at) at.push(b);
    else m.set(b.index, [b]);
  }
  return m;
}

export class BreakBook {
  private readonly chain: ChainBreak[] = [];
  private readonly chainAt = new Map<number, ChainBreak[]>();
  private anchors: ChainBreak[] = [];
  private anchorsAt = new Map<number, ChainBreak[]>();
  private merged: ChainBreak[] | null = null;
  /** Chain breaks found beyond `maxKept` (counted, not kept: a wrecked file stays bounded in memory). */
  omitted = 0;

  constructor(private readonly maxKept = 1_000_000) {}

  /** A chain break; they arrive in index order. */
  addChain(b: ChainBreak): void {
    if (this.chain.length >= this.maxKept) {
      this.omitted++;
      return;
    }
    this.chain.push(b);
    this.merged = null;
    const at = this.chainAt.get(b.index);
    if (at) at.push(b);
    else this.chainAt.set(b.index, [b]);
  }

  replaceAnchors(breaks: readonly ChainBreak[]): void {
    this.anchors = [...breaks].sort((x, y) => x.index - y.index);
    this.anchorsAt = byIndex(this.anchors);
    this.merged = null;
  }

  /** The chain's breaks at `index`, then the anchors'. */
  at(index: number): ChainBreak[] {
    const chain = this.chainAt.get(index) ?? [];
    const anchored = this.anchorsAt.get(index);
    return anchored ? [...chain, ...anchored] : chain;
  }

  /** Every kept break in index order (chain breaks first at an index shared with anchor breaks). */
  all(): ChainBreak[] {
    if (this.anchors.length === 0) return this.chain;
    if (this.merged) return this.merged;
    const out: ChainBreak[] = [];
    const a = this.chain;
    const b = this.anchors;
    for (let i = 0, j = 0; i < a.length || j < b.length;) {
      if (j >= b.length || (i < a.length && a[i].index <= b[j].index)) out.push(a[i++]);
      else out.push(b[j++]);
    }
    this.merged = out;
    return out;
  }

  /** Breaks found, kept or not. */
  get count(): number {
    return this.chain.length + this.omitted + this.anchors.length;
  }

  /** The first break after entry `from` (next), or the first break of the last entry before it (prev). */
  find(from: number, direction: 'next' | 'prev'): ChainBreak | null {
    const b = this.all();
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid].index <= from) lo = mid + 1;
      else hi = mid;
    }
    if (direction === 'next') return lo < b.length ? b[lo] : null;
    let k = lo - 1;
    while (k >= 0 && b[k].index === from) k--;
    if (k < 0) return null;
    const idx = b[k].index;
    while (k > 0 && b[k - 1].index === idx) k--;
    return b[k];
  }
}
