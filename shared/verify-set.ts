// A fleet's ledgers verified together (`penin verify DIR` or several files, --json): one
// verification report per ledger (shared/verify-report.ts, unchanged), what was not verified and
// why, and the total. Each chain is verified on its own: the files are never joined into one chain.
import { z } from 'zod';
import { verifyReportSchema } from './verify-report';

export const VERIFY_SET_SCHEMA = 'penin.verify-set/1';

const count = z.number().int().min(0);

/** Why a file beside the ledgers was passed over (a sidecar, a lock, not a .jsonl file). */
export const skippedFileSchema = z.object({ path: z.string(), reason: z.string().min(1) }).strict();

/** A ledger that could not be verified at all (a FIFO, a directory, unreadable): bad input, exit 2. */
export const refusedFileSchema = z.object({ path: z.string(), error: z.string().min(1) }).strict();

export const verifySetSchema = z
  .object({
    schema: z.literal(VERIFY_SET_SCHEMA),
    tool: z.object({ name: z.literal('penin'), version: z.string().min(1) }).strict(),
    /** When the set was verified (ISO 8601, UTC). */
    generatedAt: z.iso.datetime(),
    /** The paths given on the command line (directories and files), as given. */
    inputs: z.array(z.string()),
    /** One penin.verify-report/1 per ledger, in path order. */
    reports: z.array(verifyReportSchema),
    refused: z.array(refusedFileSchema),
    skipped: z.array(skippedFileSchema),
    total: z
      .object({
        /** Ledgers verified (reports.length). */
        ledgers: count,
        valid: count,
        invalid: count,
        refused: count,
        entries: count,
        /** Breaks listed plus breaks omitted, over all ledgers. */
        breaks: count,
      })
      .strict(),
    /** Every ledger verified is valid and none was refused. */
    valid: z.boolean(),
  })
  .strict();

export type VerifySetDocument = z.infer<typeof verifySetSchema>;
export type SkippedFile = z.infer<typeof skippedFileSchema>;
export type RefusedFile = z.infer<typeof refusedFileSchema>;
