// The checkpoint notes of a ledger: LEDGER.checkpoints, one C2SP signed note after another, each
// followed by a blank line. A checkpoint body has no blank line, so the file reads as blocks:
// body, signatures, body, signatures… (a witness appends its cosignature line to a note's
// signatures in place, or hands back a note of its own). Streamed line by line in bounded memory.
import { scanLines } from '../line-scan';

export function noteSidecarPath(ledgerPath: string): string {
  return `${ledgerPath}.checkpoints`;
}

/** A note is a few hundred bytes; longer lines are malformed, never buffered whole. */
const MAX_LINE_BYTES = 64 * 1024;
const MAX_NOTE_LINES = 256;

export interface SidecarNote {
  /** 1-based line of the file where the note starts. */
  line: number;
  /** The note's text (body, blank line, signatures), or null when its block is malformed. */
  note: string | null;
  problem?: string;
}

/** Calls onNote for each note in file order; false when there is no sidecar. */
export async function eachNote(path: string, onNote: (n: SidecarNote) => void): Promise<boolean> {
  let body: string[] = [];
  let sigs: string[] = [];
  let start = 0;
  let bad: string | null = null;
  const flush = (): void => {
    if (body.length === 0 && sigs.length === 0 && bad === null) return;
    if (bad !== null) onNote({ line: start, note: null, problem: bad });
    else if (sigs.length === 0)
      onNote({ line: start, note: null, problem: 'a checkpoint without signatures' });
    else onNote({ line: start, note: `${body.join('\n')}\n\n${sigs.join('\n')}\n` });
    body = [];
    sigs = [];
    bad = null;
  };
  try {
    await scanLines(
      path,
      (l) => {
        const text = l.tooLong ? null : l.bytes.toString('utf8');
        if (text === '') {
          if (sigs.length > 0 || bad !== null) flush();
          return;
        }
        if (body.length === 0 && sigs.length === 0 && bad === null) start = l.index + 1;
        if (text === null) bad ??= `line ${l.index + 1} is over ${MAX_LINE_BYTES} bytes`;
        else if (body.length + sigs.length > MAX_NOTE_LINES)
          bad ??= `a note of more than ${MAX_NOTE_LINES} lines`;
        else if (text.startsWith('\u2014 ')) {
          if (body.length === 0) bad ??= `line ${l.index + 1}: a signature with no checkpoint before it`;
          else sigs.push(text);
        } else if (sigs.length > 0)
          bad ??= `line ${l.index + 1}: text after the signatures without a blank line`;
        else body.push(text);
      },
      { maxLineBytes: MAX_LINE_BYTES, chunkBytes: 64 * 1024 },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  flush();
  return true;
}

/** The last well-formed note of the sidecar (unverified), or null. */
export async function latestNote(path: string): Promise<string | null> {
  let last: string | null = null;
  await eachNote(path, (n) => {
    if (n.note !== null) last = n.note;
  });
  return last;
}

/** Every note (unverified) whose body passes `keep`, in file order. */
export async function allNotes(path: string): Promise<SidecarNote[]> {
  const out: SidecarNote[] = [];
  await eachNote(path, (n) => void out.push(n));
  return out;
}
