// Verifies one byte range of a ledger (lines [start, end), split at line boundaries) without
// knowing the chain before it: indexes count from 0, the first link check is deferred, and link
// breaks are returned raw (their detail names an entry index the range cannot know). The caller
// stitches ranges together in order (verify-parallel.ts). Used by the verify workers.
import {
  ChainVerifier,
  type ChainBreak,
  type ChainState,
  type DeferredLink,
  type RawLinkBreak,
} from './chain-verifier';
import { verifyLines } from './wasm/batch-verify';

export interface RangeTask {
  path: string;
  start: number;
  end: number;
  /** Beyond this many breaks the range is given up (tooManyBreaks): memory stays bounded. */
  maxBreaks: number;
}

export interface RangeResult {
  lines: number;
  bytes: number;
  /** Breaks other than links, indexes from the range start. */
  breaks: ChainBreak[];
  links: RawLinkBreak[];
  deferredLink: DeferredLink | null;
  /** The chain after the range, relative to it (lastHash null: no entry in the range could be linked to). */
  state: ChainState;
  head: string | null;
}

export class TooManyBreaksError extends Error {}

export async function verifyRange(task: RangeTask): Promise<RangeResult> {
  const breaks: ChainBreak[] = [];
  const links: RawLinkBreak[] = [];
  const tooMany = (): void => {
    if (breaks.length + links.length > task.maxBreaks) throw new TooManyBreaksError('too many breaks');
  };
  const v = new ChainVerifier(
    (b) => {
      breaks.push(b);
      tooMany();
    },
    {
      keepEntries: false,
      deferFirstLink: true,
      onLinkBreak: (l) => {
        links.push(l);
        tooMany();
      },
    },
  );
  const r = await verifyLines(task.path, v, { startOffset: task.start, endOffset: task.end, startIndex: 0 });
  return {
    lines: r.lines,
    bytes: r.bytes - task.start,
    breaks,
    links,
    deferredLink: v.deferredLink,
    state: v.state,
    head: v.head,
  };
}
