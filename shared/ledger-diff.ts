// `penin diff A B --json` (format penin.diff/1): how two copies of one ledger compare, entry by
// entry from the start: how long a prefix they share, where they first differ, and what each has
// after it; with a public key, which copy the signed checkpoints vouch for.
import { z } from 'zod';

export const LEDGER_DIFF_SCHEMA = 'penin.diff/1';

const count = z.number().int().min(0);

/** One side's entry at the first difference. */
const entryRef = z
  .object({
    /** Its stored current_hash; null when the line is unreadable. */
    currentHash: z.string().nullable(),
    /** SHA-256 of the line's bytes (newline excluded): tells two lines apart even when their current_hash agree. */
    lineSha256: z.string(),
  })
  .strict();

const side = z
  .object({
    path: z.string(),
    entries: count,
    /** current_hash of its last entry (null: empty, or an unreadable last line). */
    head: z.string().nullable(),
    /** Entries after the common prefix. */
    tail: count,
    /** Its last line has no newline (cut off mid-write). */
    tornTail: z.boolean(),
  })
  .strict();

export const ledgerDiffSchema = z
  .object({
    schema: z.literal(LEDGER_DIFF_SCHEMA),
    /** What an entry number means: the 0-based index, on line index + 1. */
    numbering: z.string(),
    a: side,
    b: side,
    /** Entries 0..commonPrefix-1 are byte for byte the same in both. */
    commonPrefix: count,
    classification: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('identical') }).strict(),
      z
        .object({
          kind: z.literal('prefix'),
          /** The shorter copy: truncated, or the other grew since. */
          shorter: z.enum(['a', 'b']),
          /** The shorter copy's last line is a torn (cut) copy of the other's entry there. */
          tornCopy: z.boolean(),
        })
        .strict(),
      z.object({ kind: z.literal('forked'), at: count }).strict(),
      z.object({ kind: z.literal('unrelated') }).strict(),
    ]),
    /** The first entry where they differ (null when identical or one is a prefix of the other). */
    firstDifference: z
      .object({
        index: count,
        a: entryRef,
        b: entryRef,
        /** Same current_hash, different bytes: a copy re-encoded or edited without recomputing hashes. */
        sameCurrentHash: z.boolean(),
      })
      .strict()
      .nullable(),
    /** Of the entries both have after the first difference, how many are byte for byte the same again. */
    equalAfterDifference: count,
    /** With a public key: each valid signed checkpoint (from either sidecar) and the copies it vouches for. */
    checkpoints: z
      .array(
        z
          .object({
            entries: count,
            head: z.string(),
            time: z.string(),
            /** Which sidecar(s) it was found in. */
            foundIn: z.enum(['a', 'b', 'both']),
            vouchesFor: z.enum(['a', 'b', 'both', 'neither']),
          })
          .strict(),
      )
      .nullable(),
    /** The verdict in one sentence. */
    text: z.string(),
  })
  .strict();

export type LedgerDiff = z.infer<typeof ledgerDiffSchema>;
