// A signed verification receipt: what an auditor verified, as a signed note of its own (C2SP
// signed-note, the auditor's Ed25519 key). Text lines, one fact each:
//   penin.receipt/1
//   file <name>            sha256 <hex>            bytes <n>            entries <n>
//   checkpoint <origin> <size> <root base64>   (or: checkpoint none)
//   result valid|invalid   breaks <n> <sha256 of the breaks as JSON>   time <ISO>   tool penin <version>
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { b64Hash } from './b64-hash';
import { openRegular } from '../regular-file';
import { openNote } from '../note/open-note';
import { signNote } from '../note/note-signer';
import type { NoteSigner } from '../note/note-signer';
import type { Vkey } from '../note/vkey';
import type { ChainBreak } from '../../../shared/domain';

export const RECEIPT_HEADER = 'penin.receipt/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.coerce.number().int().min(0);

export const receiptSchema = z
  .object({
    file: z.string().min(1),
    sha256: hex64,
    bytes: count,
    entries: count,
    checkpoint: z.union([
      z.literal('none'),
      z.object({ origin: z.string(), size: count, root: b64Hash }).strict(),
    ]),
    result: z.enum(['valid', 'invalid']),
    breaks: z.object({ count, sha256: hex64 }).strict(),
    time: z.iso.datetime(),
    tool: z.string().min(1),
  })
  .strict();

export type Receipt = z.infer<typeof receiptSchema>;

/** SHA-256 of the breaks list as JSON (index, kind, detail of each, in order). */
export function breaksDigest(breaks: ChainBreak[]): string {
  const plain = breaks.map(({ index, kind, detail }) => ({ index, kind, detail }));
  return createHash('sha256').update(JSON.stringify(plain)).digest('hex');
}

/** SHA-256 of the first `bytes` bytes of the file, streamed. */
export async function fileSha256(path: string, bytes: number): Promise<string> {
  const fh = await openRegular(path, 'read');
  try {
    const h = createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (let pos = 0; pos < bytes;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, bytes - pos), pos);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return h.digest('hex');
  } finally {
    await fh.close();
  }
}

export function receiptText(r: Receipt): string {
  const cp =
    r.checkpoint === 'none' ? 'none' : `${r.checkpoint.origin} ${r.checkpoint.size} ${r.checkpoint.root}`;
  return (
    [
      RECEIPT_HEADER,
      `file ${basename(r.file)}`,
      `sha256 ${r.sha256}`,
      `bytes ${r.bytes}`,
      `entries ${r.entries}`,
      `checkpoint ${cp}`,
      `result ${r.result}`,
      `breaks ${r.breaks.count} ${r.breaks.sha256}`,
      `time ${r.time}`,
      `tool ${r.tool}`,
    ].join('\n') + '\n'
  );
}

export function signReceipt(r: Receipt, auditor: NoteSigner): string {
  return signNote(receiptText(receiptSchema.parse(r)), [auditor]);
}

export function parseReceiptText(text: string): Receipt | string {
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== RECEIPT_HEADER) return `not a ${RECEIPT_HEADER} receipt`;
  const fields = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const sp = l.indexOf(' ');
    if (sp < 0) return `line "${l}" is not "KEY VALUE"`;
    if (fields.has(l.slice(0, sp))) return `field ${l.slice(0, sp)} twice`;
    fields.set(l.slice(0, sp), l.slice(sp + 1));
  }
  const cp = fields.get('checkpoint');
  const cpParts = cp?.split(' ') ?? [];
  const br = fields.get('breaks')?.split(' ') ?? [];
  const r = receiptSchema.safeParse({
    file: fields.get('file'),
    sha256: fields.get('sha256'),
    bytes: fields.get('bytes'),
    entries: fields.get('entries'),
    checkpoint: cp === 'none' ? 'none' : { origin: cpParts[0], size: cpParts[1], root: cpParts[2] },
    result: fields.get('result'),
    breaks: { count: br[0], sha256: br[1] },
    time: fields.get('time'),
    tool: fields.get('tool'),
  });
  if (!r.success) {
    const i = r.error.issues[0];
    return `${i.path.join('.') || 'receipt'}: ${i.message}`;
  }
  if (receiptText(r.data) !== text) return 'the receipt is not in its canonical form';
  return r.data;
}

export type ReceiptCheck = { ok: true; receipt: Receipt; signedBy: string } | { ok: false; problem: string };

export function checkReceipt(note: string, auditor: Vkey): ReceiptCheck {
  const o = openNote(note, [auditor], auditor);
  if (!o.ok) return o;
  const r = parseReceiptText(o.text);
  if (typeof r === 'string') return { ok: false, problem: r };
  return { ok: true, receipt: r, signedBy: auditor.name };
}
