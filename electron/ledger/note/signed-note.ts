// C2SP signed-note (c2sp.org/signed-note): a text ending in "\n", a blank line, then one or more
// signature lines "— <key name> <base64(4-byte key ID || signature)>". Parsing only: which
// signatures hold is open-note.ts's business.

export interface NoteSignature {
  name: string;
  /** The 32-bit key ID (big-endian in the signature bytes). */
  keyHash: number;
  /** The signature proper, after the key ID. */
  sig: Buffer;
}

export interface ParsedNote {
  /** The signed text, final "\n" included. */
  text: string;
  signatures: NoteSignature[];
}

/** More than any note of ours carries; the spec asks verifiers to accept at least 16. */
export const MAX_SIGNATURES = 64;
/** A note is a few hundred bytes; a far longer one is refused before it is parsed. */
export const MAX_NOTE_BYTES = 1024 * 1024;

export class MalformedNoteError extends Error {}

const SIG_PREFIX = '\u2014 ';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Key names: non-empty, no Unicode spaces, no "+". */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A note's bytes as text: strict UTF-8, or a MalformedNoteError. */
export function decodeNote(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new MalformedNoteError('the note is not valid UTF-8');
  }
}

export function parseNote(note: string): ParsedNote {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES)
    throw new MalformedNoteError('the note is over 1 MiB');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note))
    throw new MalformedNoteError('the note holds a control character other than newline');
  if (!note.endsWith('\n')) throw new MalformedNoteError('the note does not end in a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('no blank line separates the text from its signatures');
  const text = note.slice(0, split + 1);
  const sigLines = note.slice(split + 2, -1).split('\n');
  if (sigLines.length > MAX_SIGNATURES)
    throw new MalformedNoteError(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = sigLines.map((line, i): NoteSignature => {
    if (!line.startsWith(SIG_PREFIX))
      throw new MalformedNoteError(`signature line ${i + 1} does not start with "— "`);
    const parts = line.slice(SIG_PREFIX.length).split(' ');
    if (parts.length !== 2) throw new MalformedNoteError(`signature line ${i + 1} is not "— NAME SIGNATURE"`);
    const [name, b64] = parts;
    if (!validKeyName(name)) throw new MalformedNoteError(`signature line ${i + 1}: bad key name "${name}"`);
    if (!BASE64.test(b64) || b64.length % 4 !== 0)
      throw new MalformedNoteError(`signature line ${i + 1}: the signature is not base64`);
    const raw = Buffer.from(b64, 'base64');
    // Canonical base64 only: unused low bits set would make two spellings of one signature.
    if (raw.toString('base64') !== b64)
      throw new MalformedNoteError(`signature line ${i + 1}: the signature is not canonical base64`);
    if (raw.length < 5) throw new MalformedNoteError(`signature line ${i + 1}: the signature is too short`);
    return { name, keyHash: raw.readUInt32BE(0), sig: raw.subarray(4) };
  });
  return { text, signatures };
}

export function signatureLine(name: string, keyHash: number, sig: Uint8Array): string {
  const raw = Buffer.alloc(4 + sig.length);
  raw.writeUInt32BE(keyHash >>> 0, 0);
  Buffer.from(sig).copy(raw, 4);
  return `${SIG_PREFIX}${name} ${raw.toString('base64')}\n`;
}

/** The note: text, blank line, signature lines. */
export function formatNote(text: string, sigLines: string[]): string {
  return `${text}\n${sigLines.join('')}`;
}
