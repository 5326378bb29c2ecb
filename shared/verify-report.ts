// The verification report as evidence: one JSON schema for `penin verify --json` and the app's
// exported report (JSON, and the HTML made from it). It stands on its own: full hashes, the SHA-256
// and size of the bytes verified, the signature and pin results when they were checked, the tool
// and its version, the time, and what an entry number means.
import { z } from 'zod';
import type { BreakKind } from './domain';
import { breakExplanationSchema } from './break-explanation';

/** The `schema` field: a report of another shape says another version here. */
export const VERIFY_REPORT_SCHEMA = 'penin.verify-report/1';

/** What `index` means, written into every report. */
export const ENTRY_NUMBERING =
  'index: the 0-based entry number (the first entry is 0); the entry is on line index + 1 of the file';

const BREAK_KINDS = [
  'parse',
  'content',
  'link',
  'torn_tail',
  'rewritten',
  'truncated',
  'bad_signature',
  'unsigned_tail',
] as const satisfies readonly BreakKind[];

const count = z.number().int().min(0);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');

const reportBreak = z
  .object({
    /** 0-based entry number. */
    index: count,
    /** Line of the file (index + 1). */
    line: z.number().int().min(1),
    kind: z.enum(BREAK_KINDS),
    /** What was found, hashes in full. */
    detail: z.string(),
    /** What the break most likely was (shared/break-explanation.ts); absent when not worked out. */
    explanation: breakExplanationSchema.optional(),
  })
  .strict();

export const verifyReportSchema = z
  .object({
    schema: z.literal(VERIFY_REPORT_SCHEMA),
    tool: z.object({ name: z.literal('penin'), version: z.string().min(1) }).strict(),
    /** When the report was made (ISO 8601, UTC). */
    generatedAt: z.iso.datetime(),
    numbering: z.literal(ENTRY_NUMBERING),
    file: z
      .object({
        path: z.string(),
        /** Bytes verified (a live ledger may have grown since). */
        bytes: count,
        /** SHA-256 of those bytes: the first `bytes` bytes of the file, read when the report was made. */
        sha256: sha256Hex,
      })
      .strict(),
    /** The chain is intact and no signature or pin found a difference. */
    valid: z.boolean(),
    entries: count,
    /** current_hash of the last entry; null for an empty ledger. */
    head: z.string().nullable(),
    /** Chain breaks and signature/pin findings, by index. */
    breaks: z.array(reportBreak),
    /** Breaks found but not listed (a wrecked file keeps the report bounded). */
    breaksOmitted: count,
    /** The signed checkpoints and pins, when they were checked; null when they were not. */
    signatures: z
      .object({
        /** The public key's id; null when only pins were checked. */
        keyId: z.string().nullable(),
        checkpoints: z.object({ total: count, valid: count, coveredEntries: count }).strict(),
        /** Entries after the last valid checkpoint (no signature covers them); null when none or no key. */
        unsignedTail: z.object({ from: count, count }).strict().nullable(),
        /** The pins checked (INDEX:HASH as given); a pin that does not match is among `breaks`. */
        pins: z.array(z.object({ index: count, hash: sha256Hex }).strict()),
        /** Notes that are not breaks (unsigned_tail). */
        notes: z.array(reportBreak),
      })
      .strict()
      .nullable(),
  })
  .strict();

export type VerifyReportDocument = z.infer<typeof verifyReportSchema>;
export type VerifyReportBreak = z.infer<typeof reportBreak>;
