// A link break (previous_hash ≠ the current_hash of the last readable entry before it), explained
// from where the hashes it names are found elsewhere in the file: entries moved (its predecessor is
// elsewhere), inserted (its neighbours link around it), or deleted (its predecessor is nowhere; a
// signed checkpoint then tells how many).
import type { CheckpointClaim as Checkpoint } from '../signed-checkpoints';
import type { BreakExplanation } from '../../../shared/break-explanation';
import { GENESIS_HASH } from '../types';

export interface LinkFacts {
  index: number;
  previous: string;
  /** This entry's stored current_hash. */
  current: string;
  /** The last readable entry before it; null when there is none (the head of the file). */
  last: { index: number; hash: string } | null;
  /** The first line after this one with a chain break (its run of linked entries ends before it); null: none. */
  nextBreak: number | null;
  entries: number;
}

/** Where hashes occur in the file (a second pass found them). */
export interface HashIndex {
  /** Entries whose current_hash is h. */
  withCurrent(h: string): readonly number[];
  /** Entries whose previous_hash is h. */
  withPrevious(h: string): readonly number[];
  /** Signed checkpoints (signature checked) and the index their head has in the file now (null: not found). */
  checkpoints: readonly { checkpoint: Checkpoint; at: number | null }[];
  /** Whether signed checkpoints were available at all (a public key was given). */
  signed: boolean;
}

const range = (a: number, b: number): string => (a === b ? `entry ${a}` : `entries ${a} to ${b}`);

/** The entry nearest before `i` among `xs` (not i), else the nearest after. */
function nearest(xs: readonly number[], i: number): number | null {
  let before: number | null = null;
  let after: number | null = null;
  for (const x of xs) {
    if (x < i && (before === null || x > before)) before = x;
    if (x > i && (after === null || x < after)) after = x;
  }
  return before ?? after;
}

/** How many entries a signed checkpoint says are missing before entry `i`, beyond those missing before `from`. */
function missingBy(idx: HashIndex, i: number): { missing: number; checkpoint: Checkpoint } | null {
  let prior = 0;
  let best: { missing: number; checkpoint: Checkpoint } | null = null;
  for (const { checkpoint: c, at } of [...idx.checkpoints].sort(
    (a, b) => a.checkpoint.entries - b.checkpoint.entries,
  )) {
    if (at === null) continue;
    const deficit = c.entries - 1 - at;
    if (at < i) prior = Math.max(prior, deficit);
    else if (!best) best = { missing: deficit, checkpoint: c };
  }
  if (!best) return null;
  const missing = best.missing - prior;
  return missing > 0 ? { missing, checkpoint: best.checkpoint } : null;
}

export function explainLink(f: LinkFacts, idx: HashIndex): BreakExplanation {
  const i = f.index;
  const j = f.last?.index ?? null;
  const runEnd = (f.nextBreak ?? f.entries) - 1;
  const copiesOf = (h: string, self: number): number[] => idx.withCurrent(h).filter((x) => x !== self);

  if (j !== null && j < i - 1 && idx.withCurrent(f.previous).length === 0)
    return {
      cause: 'after-unreadable',
      text: `its previous_hash names no readable entry, and ${range(j + 1, i - 1)} before it ${j + 1 === i - 1 ? 'is' : 'are'} unreadable: the entry it links to is most likely among them (see the parse break${j + 1 === i - 1 ? '' : 's'} there)`,
      first: j + 1,
      last: i - 1,
    };

  // A copy of another entry, placed here: its own hash is found elsewhere.
  const dup = copiesOf(f.current, i);
  if (dup.length > 0 && f.previous !== GENESIS_HASH)
    return {
      cause: 'inserted',
      text: `entry ${i} is a copy of entry ${dup[0]} (same current_hash), inserted here`,
      first: i,
      last: i,
      copiesOf: [dup[0]],
    };

  if (f.previous === GENESIS_HASH && j !== null)
    return {
      cause: 'moved',
      text: `${range(i, runEnd)} ${runEnd === i ? 'was' : 'were'} moved here from the head of the file: entry ${i}'s previous_hash is the genesis hash, so it is the chain's first entry`,
      predecessor: 0,
      first: i,
      last: runEnd,
      belongsAt: 0,
    };

  const k = nearest(
    idx.withCurrent(f.previous).filter((x) => x !== i),
    i,
  );
  if (k === null) {
    // Entries around this one link past it: it was inserted.
    const successor = j === null ? null : nearest(idx.withPrevious(f.last!.hash), i);
    if (successor !== null && successor > i && successor === f.nextBreak)
      return {
        cause: 'inserted',
        text: `${range(i, successor - 1)} ${successor - 1 === i ? 'was' : 'were'} inserted: entry ${successor} links to entry ${j} around ${successor - 1 === i ? 'it' : 'them'}, and entry ${i}'s previous_hash names no entry in the file`,
        first: i,
        last: successor - 1,
        copiesOf: [],
      };
    const counted = missingBy(idx, i);
    const where = j === null ? 'before it, at the head of the file' : `between entry ${j} and entry ${i}`;
    const how = counted
      ? `${counted.missing} ${counted.missing === 1 ? 'entry was' : 'entries were'} deleted ${where} (the checkpoint signed at ${counted.checkpoint.time} counts ${counted.checkpoint.entries} entries up to its head, which is now entry ${counted.checkpoint.entries - 1 - counted.missing})`
      : `entries were deleted ${where}: its previous_hash names no entry in the file; ${idx.signed ? 'no signed checkpoint covers this range' : 'give the public key (--pubkey) to count them from the signed checkpoints'}, so how many is unknown`;
    const moved =
      j !== null
        ? nearest(
            idx.withPrevious(f.last!.hash).filter((x) => x !== i),
            i,
          )
        : null;
    return {
      cause: 'deleted',
      text: moved !== null ? `${how}; the entry that followed entry ${j} is now entry ${moved}` : how,
      after: j,
      missing: counted?.missing ?? null,
      checkpoint: counted
        ? {
            entries: counted.checkpoint.entries,
            head: counted.checkpoint.head,
            time: counted.checkpoint.time,
          }
        : null,
    };
  }

  if (k > i)
    return {
      cause: 'moved',
      text: `entries were moved: entry ${i}'s predecessor in the chain is entry ${k} (its previous_hash is that entry's current_hash), found later in the file; entry ${k} belongs right before entry ${i}`,
      predecessor: k,
      first: k,
      last: k,
      belongsAt: i,
    };

  // k < j: entries k+1..j lie between this entry and its predecessor.
  const between = j === null ? 0 : j - k;
  const blockIsCopies = j !== null && between <= 16 && copiesOf(f.last!.hash, j).length > 0;
  if (j !== null && (blockIsCopies || between <= runEnd - i + 1)) {
    const elsewhere = blockIsCopies
      ? []
      : idx.withPrevious(f.last!.hash).filter((x) => x !== i && x !== j + 1);
    if (elsewhere.length === 0 || blockIsCopies)
      return {
        cause: 'inserted',
        text: `${range(k + 1, j)} ${between === 1 ? 'was' : 'were'} inserted${blockIsCopies ? ` (entry ${j} is a copy of entry ${copiesOf(f.last!.hash, j)[0]})` : ''}: entry ${i} links to entry ${k} around ${between === 1 ? 'it' : 'them'}`,
        first: k + 1,
        last: j,
        copiesOf: blockIsCopies ? [copiesOf(f.last!.hash, j)[0]] : [],
      };
    return {
      cause: 'moved',
      text: `${range(k + 1, j)} ${between === 1 ? 'was' : 'were'} moved here: entry ${i} links to entry ${k} around ${between === 1 ? 'it' : 'them'}, and entry ${elsewhere[0]} names entry ${j} as its predecessor`,
      predecessor: k,
      first: k + 1,
      last: j,
      belongsAt: elsewhere[0],
    };
  }
  return {
    cause: 'moved',
    text: `${range(i, runEnd)} ${runEnd === i ? 'was' : 'were'} moved here from index ${k + 1}: entry ${i}'s previous_hash is entry ${k}'s current_hash, so it belongs right after entry ${k}`,
    predecessor: k,
    first: i,
    last: runEnd,
    belongsAt: k + 1,
  };
}
