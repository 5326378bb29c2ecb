// `penin evidence FILE INDEX` (format penin.evidence/1): one entry of a ledger as a self-contained
// exhibit an auditor can attach to a finding without shipping the file: the entry's stored line,
// its neighbours' hashes, the signed checkpoint that covers it, and what was verified when the
// bundle was made. `penin evidence --check` re-checks what can be checked offline.
import { z } from 'zod';
import { inclusionBundleSchema } from './inclusion-bundle';

export const EVIDENCE_SCHEMA = 'penin.evidence/1';

const count = z.number().int().min(0);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A signed checkpoint as the sidecar stores it (electron/ledger/checkpoint.ts, version 1). */
const signedCheckpoint = z
  .object({
    v: z.literal(1),
    entries: count,
    head: sha256Hex,
    time: z.string().min(1),
    key_id: z.string().regex(/^[0-9a-f]{16}$/),
    sig: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
  })
  .strict();

export const evidenceSchema = z
  .object({
    schema: z.literal(EVIDENCE_SCHEMA),
    tool: z.object({ name: z.literal('penin'), version: z.string().min(1) }).strict(),
    generatedAt: z.iso.datetime(),
    numbering: z.string(),
    /** The ledger it was taken from, as it was then. */
    source: z.object({ path: z.string(), bytes: count, entries: count }).strict(),
    index: count,
    /** The entry's line exactly as stored (newline excluded), base64; `line` is the same decoded for reading. */
    lineBase64: z.string(),
    line: z.string(),
    lineSha256: sha256Hex,
    /** Hashes of the entries either side (null: none there, or the line is unreadable). */
    neighbours: z
      .object({
        previous: z.object({ index: count, currentHash: z.string().nullable() }).strict().nullable(),
        next: z
          .object({ index: count, previousHash: z.string().nullable(), currentHash: z.string().nullable() })
          .strict()
          .nullable(),
      })
      .strict(),
    /** The first valid signed checkpoint covering the entry (entries > index), when a key was given. */
    checkpoint: signedCheckpoint.nullable(),
    /** What was checked against the whole file when the bundle was made; null: not checked (no key, no neighbour). */
    verified: z
      .object({
        /** The line's values hash to its stored current_hash. */
        entryHash: z.boolean(),
        /** Its previous_hash is the previous entry's current_hash (the genesis hash for entry 0). */
        linkPrevious: z.boolean(),
        /** The next entry's previous_hash is its current_hash; null: it is the last entry. */
        linkNext: z.boolean().nullable(),
        /** The checkpoint's signature verifies under the given key. */
        checkpointSignature: z.boolean().nullable(),
        /** Every entry from this one to the checkpoint's head is intact and linked, and the head matches. */
        chainToCheckpoint: z.boolean().nullable(),
        keyId: z.string().nullable(),
      })
      .strict(),
    /**
     * The entry's RFC 6962 inclusion proof (penin.inclusion/1) against the latest C2SP checkpoint
     * note that covers it, when there was one: with the log's vkey, `penin evidence --check` proves
     * offline that this line is in the tree the note signs (entry line -> leaf -> path -> root).
     */
    inclusion: inclusionBundleSchema.optional(),
  })
  .strict();

export type Evidence = z.infer<typeof evidenceSchema>;
