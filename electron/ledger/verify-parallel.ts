// `penin verify` on several cores: the file is cut into byte ranges at line boundaries, worker
// threads verify the ranges (verify-worker.ts), and this thread stitches them together in order:
// it offsets each range's indexes by the lines before it, makes the link check of each range's
// first entry against the entry before the range, writes the link breaks' details with their
// global indexes, and hands on breaks in index order as ranges complete. A range with very many
// breaks is given up by its worker and verified here instead, so memory stays bounded.
import { existsSync } from 'node:fs';
import { openRegular } from './regular-file';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ChainVerifier, linkProblem, type ChainBreak, type ChainState } from './chain-verifier';
import type { RangeResult } from './fast-range';
import { verifyLines } from './wasm/batch-verify';
import type { WorkerReply, WorkerRequest } from './verify-worker';

export interface ParallelOptions {
  /** The bundled worker script; by default verify-worker.cjs beside the running bundle. */
  workerPath?: string;
  workers?: number;
  rangeBytes?: number;
  /** Breaks a worker holds for one range before giving it up to this thread. */
  maxBreaksPerRange?: number;
}

/** Files smaller than this are verified on one thread (starting workers would cost more). */
// With WASM canonicalization one thread nearly keeps up with two (the two vCPUs here share SHA
// throughput), so workers only pay off on large files.
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** verify-worker.cjs beside the running bundle (dist/cli, dist/electron); null when there is none (tests run from source). */
export function defaultWorkerPath(): string | null {
  const dir = typeof __dirname === 'string' ? __dirname : null;
  const path = dir === null ? null : join(dir, 'verify-worker.cjs');
  return path !== null && existsSync(path) ? path : null;
}

export function defaultWorkers(): number {
  return Math.min(availableParallelism(), 4);
}

/** Byte offsets where ranges start: line starts at or after each multiple of rangeBytes. */
async function rangeStarts(path: string, size: number, rangeBytes: number): Promise<number[]> {
  const starts = [0];
  const fh = await openRegular(path, 'read');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let from = rangeBytes;
    while (from < size) {
      let pos = from - 1; // a line starts at `from` if the byte before it is "\n"
      let found = -1;
      while (found < 0 && pos < size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
        if (bytesRead === 0) break;
        const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
        if (nl >= 0) found = pos + nl + 1;
        else pos += bytesRead;
      }
      if (found < 0 || found >= size) break;
      starts.push(found);
      from = Math.max(found, from) + rangeBytes;
    }
  } finally {
    await fh.close();
  }
  return starts;
}

export interface ParallelResult {
  entries: number;
  head: string | null;
  bytes: number;
}

export class RangeReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Verifies the whole file; every break goes to `emit` in index order. Throws RangeReadError when
 * the file cannot be read.
 */
export async function verifyParallel(
  path: string,
  size: number,
  emit: (b: ChainBreak) => void,
  opts: ParallelOptions & { workerPath: string },
  onProgress?: (bytesDone: number) => void,
): Promise<ParallelResult> {
  const workerCount = Math.max(1, opts.workers ?? defaultWorkers());
  const rangeBytes =
    opts.rangeBytes ?? Math.max(8 << 20, Math.min(64 << 20, Math.ceil(size / (workerCount * 4))));
  const maxBreaks = opts.maxBreaksPerRange ?? 20_000;
  const starts = await rangeStarts(path, size, rangeBytes);
  const ends = [...starts.slice(1), size];

  const replies = new Map<number, WorkerReply>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let next = 0; // next range to hand out
  let done = 0; // ranges stitched so far
  let finished = false; // workers are being terminated: their exits are expected
  const workers = Array.from(
    { length: Math.min(workerCount, starts.length) },
    () => new Worker(opts.workerPath),
  );

  const idle: Worker[] = [...workers];
  // Keeps at most two ranges per worker ahead of the one being stitched: replies waiting stay few.
  const dispatch = (): void => {
    while (idle.length > 0 && next < starts.length && next < done + 2 * workers.length) {
      const w = idle.pop() as Worker;
      const id = next++;
      w.postMessage({ id, path, start: starts[id], end: ends[id], maxBreaks } satisfies WorkerRequest);
    }
  };
  for (const w of workers) {
    w.on('message', (reply: WorkerReply) => {
      replies.set(reply.id, reply);
      idle.push(w);
      wake?.();
    });
    w.on('error', (e) => {
      failure = e;
      wake?.();
    });
    w.on('exit', (code) => {
      if (!finished) failure ??= new Error(`verify worker exited (code ${code})`);
      wake?.();
    });
  }

  let carry: ChainState = { lastHash: null, lastIndex: -1, unreadableSinceLast: 0 };
  let head: string | null = null;
  let offset = 0;
  let bytes = 0;
  try {
    while (done < starts.length) {
      dispatch();
      const reply = replies.get(done);
      if (!reply) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      replies.delete(done);
      if (reply.ok) {
        carry = stitch(reply.result, carry, offset, emit);
        if (reply.result.head !== null) head = reply.result.head;
        offset += reply.result.lines;
        bytes += reply.result.bytes;
      } else if (reply.tooManyBreaks) {
        // A wrecked range: verified here, breaks streamed as found, nothing held.
        const v = new ChainVerifier(emit, { keepEntries: false, start: carry });
        const r = await verifyLines(path, v, {
          startOffset: starts[done],
          endOffset: ends[done],
          startIndex: offset,
        });
        carry = v.state;
        if (v.head !== null) head = v.head;
        offset += r.lines;
        bytes += r.bytes - starts[done];
      } else if (reply.code !== undefined) {
        throw new RangeReadError(reply.message, reply.code);
      } else {
        throw new Error(`verify worker failed: ${reply.message}`);
      }
      done++;
      onProgress?.(bytes);
    }
  } finally {
    finished = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { entries: offset, head, bytes };
}

/** Hands on one range's breaks with global indexes, in order; returns the chain after the range. */
function stitch(
  r: RangeResult,
  before: ChainState,
  offset: number,
  emit: (b: ChainBreak) => void,
): ChainState {
  const links: ChainBreak[] = [];
  const d = r.deferredLink;
  if (d) {
    const n = before.unreadableSinceLast + d.unreadableBefore;
    const detail = linkProblem(d.previous, before.lastHash, before.lastIndex, n);
    if (detail) links.push({ index: d.index + offset, kind: 'link', detail });
  }
  for (const l of r.links) {
    const detail = linkProblem(l.previous, l.lastHash, l.lastIndex + offset, l.unreadable);
    if (detail) links.push({ index: l.index + offset, kind: 'link', detail });
  }
  // Merge: a line's link break comes after its other breaks, as the single-thread verifier orders them.
  let j = 0;
  for (const b of r.breaks) {
    const index = b.index + offset;
    while (j < links.length && links[j].index < index) emit(links[j++]);
    emit({ index, kind: b.kind, detail: b.detail });
  }
  while (j < links.length) emit(links[j++]);
  if (r.state.lastHash === null)
    return { ...before, unreadableSinceLast: before.unreadableSinceLast + r.state.unreadableSinceLast };
  return {
    lastHash: r.state.lastHash,
    lastIndex: r.state.lastIndex + offset,
    unreadableSinceLast: r.state.unreadableSinceLast,
  };
}
