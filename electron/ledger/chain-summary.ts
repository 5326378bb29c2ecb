// What the signatures panel says beside its coverage: whether the hash chain itself is broken, and
// where. A checkpoint signs entry counts and head hashes; an entry edited in place keeps its stored
// hash, so every signature still verifies while the chain is broken at that entry.
import type { BreakKind, ChainBreak } from '../../shared/domain';

const CHAIN_KINDS: ReadonlySet<BreakKind> = new Set<BreakKind>(['parse', 'content', 'link', 'torn_tail']);
const FIRST = 5;

/** The chain's breaks among `breaks` (signature findings left out): how many, and the first entries. */
export function chainBreakSummary(
  breaks: readonly ChainBreak[],
  omitted = 0,
): { breaks: number; firstIndexes: number[] } {
  let count = omitted;
  const first: number[] = [];
  for (const b of breaks) {
    if (!CHAIN_KINDS.has(b.kind)) continue;
    count++;
    if (first.length < FIRST && first[first.length - 1] !== b.index) first.push(b.index);
  }
  return { breaks: count, firstIndexes: first };
}
