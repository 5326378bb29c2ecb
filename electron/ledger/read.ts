// Reads a ledger's entries in order (for rebuilding state such as today's spend after a restart),
// one chunk at a time: the reader waits while the consumer works through what was read.
import { ChainVerifier } from './chain-verifier';
import { scanLines } from './line-scan';
import type { Pcag } from './types';

export interface ReadEntry {
  index: number;
  /** The parsed entry, or null for a line that is not a readable PCAg. */
  entry: Pcag | null;
}

/** All entries of a ledger file, parsed as Python would; a missing file has none. */
/** Thrown into the reader when the consumer stopped early, so that it closes the file. */
class ReadCancelled extends Error {}

export async function* readEntries(path: string): AsyncIterable<ReadEntry> {
  let batch: ReadEntry[] = [];
  let cancelled = false;
  let ready: (() => void) | null = null; // consumer waiting for a batch
  let drained: (() => void) | null = null; // reader waiting for the consumer
  let finished = false;
  const v = new ChainVerifier(() => {});
  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      ready?.();
      await new Promise<void>((r) => (drained = r));
    }
    if (cancelled) throw new ReadCancelled();
  };
  const scan = scanLines(
    path,
    (l) =>
      batch.push({
        index: l.index,
        entry: v.push(l.index, l.bytes, l.terminated, l.tooLong, l.length - (l.terminated ? 1 : 0))
          .entry as unknown as Pcag | null,
      }),
    { chunkBytes: 1024 * 1024, afterChunk: flush },
  )
    .catch((e: unknown) => {
      if (!(e instanceof ReadCancelled) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    })
    .finally(() => {
      finished = true;
      ready?.();
    });
  try {
    for (;;) {
      if (batch.length === 0 && !finished) await new Promise<void>((r) => (ready = r));
      ready = null;
      const out = batch;
      batch = [];
      yield* out;
      const d = drained as (() => void) | null;
      drained = null;
      d?.();
      if (finished && batch.length === 0) break;
    }
  } finally {
    // The consumer may stop early (break, return, throw): let the reader stop and close the file.
    cancelled = true;
    const d = drained as (() => void) | null;
    drained = null;
    d?.();
  }
  await scan;
}
