// Explains the chain breaks a verification found, from the file alone: two streaming passes in
// bounded memory. The first reads each broken line (and the line after a content break, whose
// previous_hash is a second witness of its hash); the second looks up where the hashes a link break
// names occur elsewhere in the file.
import type { ChainBreak } from '../../../shared/domain';
import type { BreakExplanation, ExplainedBreak } from '../../../shared/break-explanation';
import type { CheckpointClaim as Checkpoint } from '../signed-checkpoints';
import { scanLines } from '../line-scan';
import { explainContent } from './content-explain';
import { explainLink, type HashIndex, type LinkFacts } from './link-explain';
import { explainParse } from './parse-explain';
import { lineHashes } from './line-hashes';
import { DEFAULT_BUDGET } from './reencode-search';

export type { ExplainedBreak };

export interface ExplainOptions {
  /** Checkpoints whose signature was checked (signed-checkpoints.ts); undefined: no key given. */
  checkpoints?: readonly Checkpoint[];
  /** Entries explained at most (the rest keep their break without one). */
  maxExplained?: number;
  /** Re-encodings tried per content break. */
  budget?: number;
  /** Read up to here (the bytes that were verified). */
  endOffset?: number;
}

const EXPLAINED_KINDS = new Set(['parse', 'content', 'link', 'torn_tail']);
/** Indexes kept per hash in the lookup: a hash found more often than this is a copy many times over. */
const PER_HASH = 8;

export async function explainBreaks(
  path: string,
  breaks: readonly ChainBreak[],
  opts: ExplainOptions = {},
): Promise<ExplainedBreak[]> {
  const maxExplained = opts.maxExplained ?? 1000;
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const chainIdx = [...new Set(breaks.filter((b) => EXPLAINED_KINDS.has(b.kind)).map((b) => b.index))].sort(
    (a, b) => a - b,
  );
  const explainAt = new Map<number, ChainBreak[]>();
  for (const b of breaks) {
    if (!EXPLAINED_KINDS.has(b.kind)) continue;
    const at = explainAt.get(b.index);
    if (at) at.push(b);
    else if (explainAt.size < maxExplained) explainAt.set(b.index, [b]);
  }
  const out = new Map<ChainBreak, BreakExplanation>();
  if (explainAt.size === 0) return [...breaks];
  const nextBreakAfter = (i: number): number | null => {
    let lo = 0;
    let hi = chainIdx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chainIdx[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo < chainIdx.length ? chainIdx[lo] : null;
  };

  // Pass 1: the broken lines themselves (and the line after the last one), then stop reading.
  const lastWanted = Math.max(...explainAt.keys()) + 1;
  let last: { index: number; hash: string } | null = null;
  let pending: { b: ChainBreak; bytes: Buffer } | null = null;
  const links: { b: ChainBreak; facts: LinkFacts }[] = [];
  let entries = 0;
  await scanLines(
    path,
    (l) => {
      entries = l.index + 1;
      const h = l.tooLong ? null : lineHashes(l.bytes);
      if (pending) {
        out.set(pending.b, explainContent(pending.bytes, h?.previous ?? null, budget));
        pending = null;
      }
      for (const b of explainAt.get(l.index) ?? []) {
        if (b.kind === 'parse' || b.kind === 'torn_tail')
          out.set(
            b,
            explainParse({
              bytes: l.bytes,
              terminated: l.terminated,
              tooLong: l.tooLong,
              length: l.length - (l.terminated ? 1 : 0),
            }),
          );
        else if (b.kind === 'content') pending = { b, bytes: Buffer.from(l.bytes) };
        else if (b.kind === 'link' && h?.previous != null)
          links.push({
            b,
            facts: {
              index: l.index,
              previous: h.previous,
              current: h.current,
              last,
              nextBreak: nextBreakAfter(l.index),
              entries: 0,
            },
          });
      }
      if (h) last = { index: l.index, hash: h.current };
    },
    { endOffset: opts.endOffset, stop: () => entries > lastWanted },
  );
  const p = pending as { b: ChainBreak; bytes: Buffer } | null;
  if (p) out.set(p.b, explainContent(p.bytes, null, budget));

  // Pass 2: where the hashes the link breaks name occur.
  if (links.length > 0) {
    const withCurrent = new Map<string, number[]>();
    const withPrevious = new Map<string, number[]>();
    for (const { facts } of links) {
      withCurrent.set(facts.previous, []);
      withCurrent.set(facts.current, []);
      if (facts.last) {
        withCurrent.set(facts.last.hash, []);
        withPrevious.set(facts.last.hash, []);
      }
    }
    for (const c of opts.checkpoints ?? []) withCurrent.set(c.head, []);
    await scanLines(
      path,
      (l) => {
        entries = l.index + 1; // pass 1 may have stopped early: the count is this pass's
        const h = l.tooLong ? null : lineHashes(l.bytes);
        if (!h) return;
        const a = withCurrent.get(h.current);
        if (a && a.length < PER_HASH) a.push(l.index);
        const b = h.previous === null ? undefined : withPrevious.get(h.previous);
        if (b && b.length < PER_HASH) b.push(l.index);
      },
      { endOffset: opts.endOffset },
    );
    const idx: HashIndex = {
      withCurrent: (h) => withCurrent.get(h) ?? [],
      withPrevious: (h) => withPrevious.get(h) ?? [],
      checkpoints: (opts.checkpoints ?? []).map((c) => {
        const found = withCurrent.get(c.head) ?? [];
        return { checkpoint: c, at: found.length > 0 ? found[0] : null };
      }),
      signed: opts.checkpoints !== undefined,
    };
    const contentAt = new Map<number, BreakExplanation>();
    for (const [b, e] of out) if (b.kind === 'content') contentAt.set(b.index, e);
    for (const { b, facts } of links) {
      // The entry before had its current_hash field altered; this one still names its true hash.
      const j = facts.last?.index;
      const before = j === undefined ? undefined : contentAt.get(j);
      if (
        j !== undefined &&
        before &&
        (before.cause === 'hash-field-changed' ||
          (before.cause === 're-encoded' && before.matched === 'next_previous_hash'))
      )
        out.set(b, {
          cause: 'predecessor-hash-altered',
          text: `nothing is missing here: entry ${j}'s values hash to this entry's previous_hash, but entry ${j}'s current_hash field was altered (see its content break)`,
          predecessor: j,
        });
      else out.set(b, explainLink({ ...facts, entries }, idx));
    }
  }
  return breaks.map((b) => {
    const e = out.get(b);
    return e ? { ...b, explanation: e } : b;
  });
}
