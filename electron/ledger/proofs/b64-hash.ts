// A SHA-256 hash as proofs and notes carry it: 32 bytes in canonical standard base64. Canonical
// only: a last digit with its unused low bits set decodes to the same bytes, and two spellings of
// one proof would both verify.
import { z } from 'zod';

export const b64Hash = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte hash in base64')
  .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, 'not canonical base64');
