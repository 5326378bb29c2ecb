// `penin verify`: streams a ledger file through the ChainVerifier in constant memory.
import { stat } from 'node:fs/promises';
import { ChainVerifier, type ChainBreak } from './chain-verifier';
import { verifyLines } from './wasm/batch-verify';
import {
  defaultWorkerPath,
  defaultWorkers,
  PARALLEL_MIN_BYTES,
  RangeReadError,
  verifyParallel,
  type ParallelOptions,
} from './verify-parallel';

export interface VerifyResult {
  path: string;
  valid: boolean;
  entries: number;
  head: string | null;
  bytes: number;
  breaks: ChainBreak[];
  /** Breaks found but not kept in `breaks` (beyond maxBreaks); all were passed to onBreak. */
  breaksOmitted: number;
}

export interface VerifyOptions {
  onBreak?: (b: ChainBreak) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Breaks kept in the result; the rest are only counted (memory stays bounded on a wrecked file). */
  maxBreaks?: number;
  /** Worker threads for large files (default: on, when the bundled worker is found); false: one thread. */
  parallel?: boolean | ParallelOptions;
}

/** Why a path cannot be verified at all (exit 2), as a sentence; null when it is a readable file. */
export class UnreadableLedgerError extends Error {}

export async function checkReadableFile(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new UnreadableLedgerError(`${path} is a directory, not a ledger file`);
    if (!s.isFile()) throw new UnreadableLedgerError(`${path} is not a regular file`);
    return s.size;
  } catch (e) {
    if (e instanceof UnreadableLedgerError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableLedgerError(`${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UnreadableLedgerError(`${path}: permission denied`);
    throw new UnreadableLedgerError(`${path}: cannot be read (${code ?? String(e)})`);
  }
}

export async function verifyFile(path: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const size = await checkReadableFile(path);
  const maxBreaks = opts.maxBreaks ?? 100_000;
  const breaks: ChainBreak[] = [];
  let omitted = 0;
  const keep = (b: ChainBreak): void => {
    if (breaks.length < maxBreaks) breaks.push(b);
    else omitted++;
    opts.onBreak?.(b);
  };
  const par = opts.parallel === false ? null : opts.parallel === true ? {} : (opts.parallel ?? {});
  const workerPath = par ? (par.workerPath ?? defaultWorkerPath()) : null;
  const workers = par?.workers ?? defaultWorkers();
  if (par && workerPath && workers > 1 && (size >= PARALLEL_MIN_BYTES || opts.parallel !== undefined)) {
    try {
      const r = await verifyParallel(path, size, keep, { ...par, workerPath, workers }, (n) =>
        opts.onProgress?.(n, size),
      );
      const valid = breaks.length === 0 && omitted === 0;
      return {
        path,
        valid,
        entries: r.entries,
        head: r.head,
        bytes: r.bytes,
        breaks,
        breaksOmitted: omitted,
      };
    } catch (e) {
      const code = e instanceof RangeReadError ? e.code : (e as NodeJS.ErrnoException).code;
      if (!(e instanceof RangeReadError) && code === undefined) throw e;
      throw new UnreadableLedgerError(`${path}: read failed (${code ?? String(e)})`);
    }
  }
  const verifier = new ChainVerifier(keep, { keepEntries: false });
  let bytes = 0;
  try {
    const r = await verifyLines(path, verifier, {
      startOffset: 0,
      endOffset: size,
      startIndex: 0,
      onProgress: (n) => opts.onProgress?.(n, size),
    });
    bytes = r.bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableLedgerError(`${path}: read failed (${code ?? String(e)})`);
  }
  return {
    path,
    valid: breaks.length === 0 && omitted === 0,
    entries: verifier.entries,
    head: verifier.head,
    bytes,
    breaks,
    breaksOmitted: omitted,
  };
}
