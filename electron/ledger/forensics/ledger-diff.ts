// Compares two copies of one ledger entry by entry, both streamed side by side in constant memory:
// the common prefix (entries byte for byte the same), the first difference, each side's tail after
// it, and, given signed checkpoints, which copy each checkpoint vouches for.
import { createHash } from 'node:crypto';
import type { CheckpointClaim as Checkpoint } from '../signed-checkpoints';
import { ENTRY_NUMBERING } from '../../../shared/verify-report';
import { LEDGER_DIFF_SCHEMA, type LedgerDiff } from '../../../shared/ledger-diff';
import { lineHashes } from './line-hashes';
import { LineCursor, type RawLine } from './line-batches';

export interface DiffOptions {
  /** Valid signed checkpoints of each side's sidecar (signed-checkpoints.ts); undefined: no key given. */
  checkpoints?: { a: readonly Checkpoint[]; b: readonly Checkpoint[] };
  chunkBytes?: number;
}

const sameLine = (x: RawLine, y: RawLine): boolean =>
  x.tooLong === y.tooLong && x.terminated === y.terminated && x.bytes.equals(y.bytes);

const hashOf = (l: RawLine | null): string | null =>
  l && !l.tooLong ? (lineHashes(l.bytes)?.current ?? null) : null;

const ref = (l: RawLine): { currentHash: string | null; lineSha256: string } => ({
  currentHash: hashOf(l),
  lineSha256: l.tooLong ? l.bytes.toString('hex') : createHash('sha256').update(l.bytes).digest('hex'),
});

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export async function diffLedgers(pathA: string, pathB: string, opts: DiffOptions = {}): Promise<LedgerDiff> {
  // Checkpoints of both sidecars, once each (the same checkpoint may be in both).
  const cps = new Map<string, { c: Checkpoint; inA: boolean; inB: boolean }>();
  for (const [side, list] of [
    ['a', opts.checkpoints?.a ?? []],
    ['b', opts.checkpoints?.b ?? []],
  ] as const)
    for (const c of list) {
      const k = `${c.entries} ${c.head} ${c.time}`;
      const e = cps.get(k) ?? { c, inA: false, inB: false };
      if (side === 'a') e.inA = true;
      else e.inB = true;
      cps.set(k, e);
    }
  const wanted = new Map<number, { a: string | null; b: string | null }>();
  for (const { c } of cps.values()) if (c.entries > 0) wanted.set(c.entries - 1, { a: null, b: null });

  const ca = new LineCursor(pathA, opts.chunkBytes);
  const cb = new LineCursor(pathB, opts.chunkBytes);
  let countA = 0;
  let countB = 0;
  let lastA: RawLine | null = null;
  let lastB: RawLine | null = null;
  let first = -1;
  let firstDiff: LedgerDiff['firstDifference'] = null;
  let tornCopy = false;
  let equalAfter = 0;
  try {
    for (let i = 0; ; i++) {
      const la = await ca.next();
      const lb = await cb.next();
      if (!la && !lb) break;
      if (la) {
        countA++;
        lastA = la;
      }
      if (lb) {
        countB++;
        lastB = lb;
      }
      const w = wanted.get(i);
      if (w) {
        w.a = hashOf(la);
        w.b = hashOf(lb);
      }
      if (la && lb) {
        const same = sameLine(la, lb);
        if (!same && first < 0) {
          first = i;
          const ra = ref(la);
          const rb = ref(lb);
          firstDiff = {
            index: i,
            a: ra,
            b: rb,
            sameCurrentHash: ra.currentHash !== null && ra.currentHash === rb.currentHash,
          };
          // A torn last line that is the start of the other's line: a cut copy, not a fork.
          const torn = !la.terminated ? la : !lb.terminated ? lb : null;
          const whole = torn === la ? lb : la;
          tornCopy =
            torn !== null &&
            !torn.tooLong &&
            !whole.tooLong &&
            whole.bytes.subarray(0, torn.bytes.length).equals(torn.bytes);
        } else if (same && first >= 0) equalAfter++;
      } else if (first < 0) first = i;
    }
  } finally {
    await ca.close();
    await cb.close();
  }
  const prefix = first < 0 ? countA : first;
  const tailA = countA - prefix;
  const tailB = countB - prefix;
  let classification: LedgerDiff['classification'];
  const tornA = lastA !== null && !lastA.terminated;
  const tornB = lastB !== null && !lastB.terminated;
  if (first < 0) classification = { kind: 'identical' };
  else if (tailA === 0 || tailB === 0)
    classification = { kind: 'prefix', shorter: tailA === 0 ? 'a' : 'b', tornCopy: false };
  else if (tornCopy && (tailA === 1 && tornA ? true : tailB === 1 && tornB)) {
    classification = { kind: 'prefix', shorter: tailA === 1 && tornA ? 'a' : 'b', tornCopy: true };
    firstDiff = null;
  } else if (prefix === 0) classification = { kind: 'unrelated' };
  else classification = { kind: 'forked', at: prefix };
  if (classification.kind === 'prefix' && !classification.tornCopy) firstDiff = null;

  const checkpoints =
    opts.checkpoints === undefined
      ? null
      : [...cps.values()]
          .sort((x, y) => x.c.entries - y.c.entries)
          .map(({ c, inA, inB }) => {
            const w = wanted.get(c.entries - 1);
            const okA = c.entries === 0 ? countA >= 0 : w?.a === c.head;
            const okB = c.entries === 0 ? countB >= 0 : w?.b === c.head;
            return {
              entries: c.entries,
              head: c.head,
              time: c.time,
              foundIn: inA && inB ? ('both' as const) : inA ? ('a' as const) : ('b' as const),
              vouchesFor:
                okA && okB
                  ? ('both' as const)
                  : okA
                    ? ('a' as const)
                    : okB
                      ? ('b' as const)
                      : ('neither' as const),
            };
          });

  const diff: LedgerDiff = {
    schema: LEDGER_DIFF_SCHEMA,
    numbering: ENTRY_NUMBERING,
    a: { path: pathA, entries: countA, head: hashOf(lastA), tail: tailA, tornTail: tornA },
    b: { path: pathB, entries: countB, head: hashOf(lastB), tail: tailB, tornTail: tornB },
    commonPrefix: prefix,
    classification,
    firstDifference: firstDiff,
    equalAfterDifference: equalAfter,
    checkpoints,
    text: '',
  };
  diff.text = diffSentence(diff);
  return diff;
}

/** The verdict in one sentence, with what the checkpoints say. */
export function diffSentence(d: LedgerDiff): string {
  const c = d.classification;
  let s: string;
  if (c.kind === 'identical') s = `identical: both have ${d.a.entries} entries, byte for byte`;
  else if (c.kind === 'prefix') {
    const short = c.shorter === 'a' ? 'A' : 'B';
    const long = c.shorter === 'a' ? 'B' : 'A';
    const more = c.shorter === 'a' ? d.b.tail : d.a.tail;
    s = c.tornCopy
      ? `${short} is a prefix of ${long} with its last line cut mid-entry: they agree on ${d.commonPrefix} entries, then ${short}'s entry ${d.commonPrefix} is the start of ${long}'s (${short} was copied or cut while ${long} was being written; ${long} has ${more} entries from there)`
      : `${short} is a prefix of ${long}: they agree on all ${d.commonPrefix} entries of ${short}, and ${long} has ${more} more (${short} was truncated, or ${long} grew since)`;
  } else if (c.kind === 'forked' && d.a.tail === d.b.tail && d.equalAfterDifference === d.a.tail - 1) {
    s = `forked at entry ${c.at} and joined again: the copies differ in entry ${c.at} only, every other entry of both is the same (one copy's entry ${c.at} was ${d.firstDifference?.sameCurrentHash ? 're-encoded or edited, its current_hash kept' : 'replaced'})`;
  } else if (c.kind === 'forked') {
    s = `forked at entry ${c.at}: they agree on entries 0 to ${c.at - 1}, then A has ${d.a.tail} entries and B ${d.b.tail} of their own`;
    if (d.firstDifference?.sameCurrentHash)
      s += `; entry ${c.at} has the same current_hash on both sides but different bytes (one copy was re-encoded or edited in place)`;
    if (d.equalAfterDifference > 0)
      s += `; ${d.equalAfterDifference} of the later entries are the same again on both sides`;
  } else s = `no common prefix: they differ from entry 0 (A has ${d.a.entries} entries, B ${d.b.entries})`;
  if (d.checkpoints && d.checkpoints.length > 0) {
    const beyond = d.checkpoints.filter((k) => k.entries > d.commonPrefix);
    const forA = beyond.filter((k) => k.vouchesFor === 'a').length;
    const forB = beyond.filter((k) => k.vouchesFor === 'b').length;
    const neither = beyond.filter((k) => k.vouchesFor === 'neither').length;
    if (beyond.length === 0)
      s += `; the ${plural(d.checkpoints.length, 'signed checkpoint')} all lie in the common prefix`;
    else
      s += `; of the signed checkpoints past entry ${d.commonPrefix}, ${forA} vouch for A, ${forB} for B${neither ? `, ${neither} for neither` : ''}`;
  } else if (d.checkpoints) s += '; no signed checkpoint found';
  return s;
}
