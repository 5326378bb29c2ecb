// `penin.inclusion/1`, the schema only: one entry, its RFC 6962 audit path, and the signed
// checkpoint note it leads to. Here (below the ledger) so that the evidence bundle
// (shared/evidence.ts) can carry it; electron/ledger/proofs/inclusion-bundle.ts builds and checks it.
import { z } from 'zod';

export const INCLUSION_FORMAT = 'penin.inclusion/1';

/**
 * A SHA-256 hash as proofs and notes carry it: 32 bytes in canonical standard base64. 32 bytes are
 * 43 digits and a `=`; the last digit holds 2 unused bits, which must be 0 (else two spellings of
 * one proof would both verify).
 */
export const b64Hash = z
  .string()
  .regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, 'a 32-byte hash in canonical base64');

export const inclusionBundleSchema = z
  .object({
    format: z.literal(INCLUSION_FORMAT),
    /** 0-based entry index (line index + 1 of the file). */
    index: z.number().int().min(0),
    /** The entry's stored line without its newline, as text (ledger lines are UTF-8 JSON). */
    entry: z.string(),
    /** RFC 6962 leaf hash, SHA-256(0x00 || entry), hex. */
    leafHash: z.string().regex(/^[0-9a-f]{64}$/),
    treeSize: z.number().int().min(1),
    /** The audit path, from the leaf's sibling up to the root's child, base64 (as in tlog-proof). */
    proof: z.array(b64Hash),
    /** The signed checkpoint note of size treeSize, verbatim. */
    checkpoint: z.string(),
  })
  .strict();

export type InclusionBundle = z.infer<typeof inclusionBundleSchema>;
