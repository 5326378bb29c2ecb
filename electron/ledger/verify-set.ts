// A fleet's ledgers verified together: each instance keeps its own ledger, so a directory of them
// (or several files) is verified file by file, each chain on its own. Which files of a directory
// are ledgers: the `.jsonl` files, less the sidecars beside a ledger (checkpoint notes
// `*.checkpoints`, older JSON checkpoints `*.checkpoints.jsonl`); quarantined tails, locks and anything else are passed over
// and named. Nothing is opened before it is known to be a regular file (regular-file.ts): a FIFO
// among the ledgers is refused, never waited on.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { openRegular, NotRegularFileError } from './regular-file';
import { UnreadableLedgerError, verifyFile } from './verify-file';
import { checkAnchors, type AnchorReport } from './anchors';
import { explainBreaks } from './forensics/explain-breaks';
import { signedCheckpoints } from './signed-checkpoints';
import type { ExplainedBreak } from '../../shared/break-explanation';
import type { RefusedFile, SkippedFile } from '../../shared/verify-set';

/** Why a directory entry is not a ledger; null when it is one to verify. */
export function notALedger(name: string): string | null {
  if (name.endsWith('.checkpoints.jsonl')) return 'signed checkpoint sidecar';
  if (name.endsWith('.checkpoints')) return 'checkpoint notes sidecar';
  if (/\.quarantine-/.test(name)) return 'quarantined torn tail';
  if (name.endsWith('.lock') || /\.lock\.stale-/.test(name)) return 'lock file';
  if (!name.endsWith('.jsonl')) return 'not a .jsonl file';
  return null;
}

export interface LedgerSetFiles {
  /** Ledgers to verify, in the order given (a directory's in name order). */
  ledgers: string[];
  skipped: SkippedFile[];
  /** Directories given that hold no ledger (nor a special file in a ledger's place). */
  emptyDirs: string[];
  /** Given or found, but not a readable regular file. */
  refused: RefusedFile[];
}

/** Expands the paths given (directories and files) into the ledgers to verify. Never opens a file. */
export async function collectLedgers(inputs: readonly string[]): Promise<LedgerSetFiles> {
  const out: LedgerSetFiles = { ledgers: [], skipped: [], refused: [], emptyDirs: [] };
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      out.ledgers.push(path);
    }
  };
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (e) {
      out.refused.push({ path: input, error: statError(input, e) });
      continue;
    }
    if (!isDir) {
      add(input); // a file named on the command line is a ledger by the user's word; verify refuses a FIFO
      continue;
    }
    const before = out.ledgers.length + out.refused.length;
    const names = (await readdir(input)).sort();
    for (const name of names) {
      const path = join(input, name);
      const why = notALedger(name);
      if (why !== null) {
        out.skipped.push({ path, reason: why });
        continue;
      }
      try {
        const s = await stat(path); // stat never blocks on a FIFO; open does (regular-file.ts)
        if (s.isDirectory()) out.skipped.push({ path, reason: 'a directory' });
        else if (!s.isFile())
          out.refused.push({ path, error: `${path} is not a regular file; refusing to read it` });
        else add(path);
      } catch (e) {
        out.refused.push({ path, error: statError(path, e) });
      }
    }
    if (out.ledgers.length + out.refused.length === before) out.emptyDirs.push(input);
  }
  return out;
}

function statError(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file or directory`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `${path}: cannot be read (${code ?? String(e)})`;
}

export interface LedgerCheck {
  path: string;
  bytes: number;
  entries: number;
  head: string | null;
  valid: boolean;
  /** Chain breaks (explained when asked) and signature findings, by index. */
  breaks: ExplainedBreak[];
  breaksOmitted: number;
  anchors: (AnchorReport & { keyId: string }) | null;
}

export interface LedgerCheckOptions {
  explain: boolean;
  publicKey?: { publicKey: KeyObject; keyId: string };
}

/**
 * Verifies one ledger of the set as `penin verify FILE` does (chain, then the signed checkpoints
 * with a key, then explanations). Throws UnreadableLedgerError or NotRegularFileError when the
 * file cannot be verified at all.
 */
export async function checkLedger(path: string, opts: LedgerCheckOptions): Promise<LedgerCheck> {
  // Opened non-blocking and fstat'ed first: a FIFO put in place of a ledger is refused here.
  await (await openRegular(path, 'read')).close();
  const r = await verifyFile(path);
  let anchors: LedgerCheck['anchors'] = null;
  if (opts.publicKey) {
    const found = await checkAnchors(path, {
      publicKey: opts.publicKey,
      endOffset: r.bytes,
    });
    anchors = { ...found, keyId: opts.publicKey.keyId };
  }
  let chainBreaks: ExplainedBreak[] = r.breaks;
  if (opts.explain && r.breaks.length > 0) {
    const checkpoints = opts.publicKey ? await signedCheckpoints(path, opts.publicKey) : undefined;
    chainBreaks = await explainBreaks(path, r.breaks, { checkpoints, endOffset: r.bytes });
  }
  const breaks = [...chainBreaks, ...(anchors?.breaks ?? [])].sort((a, b) => a.index - b.index);
  return {
    path,
    bytes: r.bytes,
    entries: r.entries,
    head: r.head,
    valid: r.valid && (anchors?.breaks.length ?? 0) === 0,
    breaks,
    breaksOmitted: r.breaksOmitted,
    anchors,
  };
}

/** Whether an error from checkLedger means "cannot be verified" (bad input) rather than a bug. */
export function isUnverifiable(e: unknown): e is Error {
  return e instanceof UnreadableLedgerError || e instanceof NotRegularFileError;
}
