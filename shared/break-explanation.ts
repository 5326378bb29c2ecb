// What a chain break most likely was, worked out from the file alone (electron/ledger/forensics/):
// carried by `penin verify` (text and --json), the verification report and, later, the app's
// entry pane. Every variant has `text`, one sentence an auditor can read first.
import { z } from 'zod';
import type { ChainBreak } from './domain';

const count = z.number().int().min(0);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One value whose written form changed, not its meaning: `metrics.cost_usd: 1.0 -> 1`. */
const formChange = z
  .object({
    /** Where in the entry: `metrics.cost_usd`, `violations[0]`. */
    path: z.string(),
    /** The value as it was hashed (json.dumps text). */
    original: z.string(),
    /** The value as the line now stores it (json.dumps text). */
    stored: z.string(),
    /** What kind of re-encoding: integral float written as int, big int as float, Unicode normalization. */
    change: z.enum(['float-as-int', 'int-as-float', 'negative-zero', 'big-int-as-float', 'nfc', 'nfd']),
    /** The change is to the object key at `path` (original and stored are key names), not to its value. */
    key: z.literal(true).optional(),
  })
  .strict();

/** One top-level field whose stored bytes differ from the canonical bytes that were hashed. */
const fieldBytes = z
  .object({
    field: z.string(),
    /** Byte offset of the field's value in the stored line. */
    offset: count,
    /** The stored value's bytes, escaped (\xNN for non-ASCII and control bytes), cut to a window. */
    stored: z.string(),
    /** The same value as json.dumps(sort_keys=True) writes it (what was hashed), cut alike. */
    canonical: z.string(),
  })
  .strict();

const search = z
  .object({
    /** Re-encodings of the stored entry whose hash was computed. */
    tried: count,
    /** True when every candidate of the bounded space was tried (false: the budget ran out first). */
    exhausted: z.boolean(),
  })
  .strict();

export const breakExplanationSchema = z.discriminatedUnion('cause', [
  z
    .object({
      cause: z.literal('re-encoded'),
      text: z.string(),
      /** Which stored hash the re-encoding reproduces. */
      matched: z.enum(['current_hash', 'next_previous_hash']),
      changes: z.array(formChange),
      search,
      /** Form differences that do not change the hash (key order, escaping, spacing). */
      formNotes: z.array(z.string()),
    })
    .strict(),
  z
    .object({
      cause: z.literal('hash-field-changed'),
      text: z.string(),
      /** The values hash to what the next entry's previous_hash says: only current_hash was altered. */
      recomputed: sha256Hex,
    })
    .strict(),
  z
    .object({
      cause: z.literal('value-changed'),
      text: z.string(),
      recomputed: sha256Hex,
      search,
      /** Fields whose stored bytes are not what json.dumps writes for their value (likely hand-edited). */
      fields: z.array(fieldBytes),
      /** Values that look rounded through a 64-bit float (big integers cut to 17 digits): their original digits are lost. */
      lossy: z.array(z.object({ path: z.string(), stored: z.string() }).strict()),
      /** The canonical text that was hashed, escaped and cut to a bound. */
      canonical: z.string(),
      formNotes: z.array(z.string()),
    })
    .strict(),
  z
    .object({
      cause: z.literal('moved'),
      text: z.string(),
      /** The entry whose current_hash this entry's previous_hash names (its predecessor in the chain). */
      predecessor: count,
      /** The entries moved, as they now lie in the file, and where they came from. */
      first: count,
      last: count,
      /** Where the chain puts them: right after `predecessor` (index predecessor + 1, as the file stands). */
      belongsAt: count,
    })
    .strict(),
  z
    .object({
      cause: z.literal('inserted'),
      text: z.string(),
      first: count,
      last: count,
      /** Entries the inserted ones are copies of (same current_hash), where found. */
      copiesOf: z.array(count),
    })
    .strict(),
  z
    .object({
      cause: z.literal('deleted'),
      text: z.string(),
      /** The last entry before the gap (null: the gap is at the head of the file). */
      after: count.nullable(),
      /** How many entries are missing, when a signed checkpoint tells; null when unknown. */
      missing: count.nullable(),
      /** The signed checkpoint that gave the count. */
      checkpoint: z.object({ entries: count, head: sha256Hex, time: z.string() }).strict().nullable(),
    })
    .strict(),
  z
    .object({
      cause: z.literal('parse'),
      text: z.string(),
      /** Byte offset in the line (0-based) where the parser stopped; null when the bytes were not kept. */
      byte: count.nullable(),
      /** What it met there: `end of line`, `'x' (U+0078)`, `byte 0xff`. */
      met: z.string(),
      /** The bytes around it, escaped, with `⟨here⟩` where the parser stopped. */
      context: z.string(),
    })
    .strict(),
  z
    .object({
      cause: z.literal('predecessor-hash-altered'),
      text: z.string(),
      /** The entry before, whose values hash to this entry's previous_hash but whose current_hash field was altered. */
      predecessor: count,
    })
    .strict(),
  z
    .object({
      cause: z.literal('after-unreadable'),
      text: z.string(),
      /** The unreadable lines between this entry and the last readable one (index range). */
      first: count,
      last: count,
    })
    .strict(),
  z.object({ cause: z.literal('unexplained'), text: z.string() }).strict(),
]);

export type BreakExplanation = z.infer<typeof breakExplanationSchema>;
export type FormChange = z.infer<typeof formChange>;
export type FieldBytes = z.infer<typeof fieldBytes>;

/** A chain break with its explanation, where one was worked out. */
export type ExplainedBreak = ChainBreak & { explanation?: BreakExplanation };
