// A parse or torn-tail break, explained: what the parser met at which byte of the line, with the
// bytes around it shown escaped, and a hint where the damage has a familiar shape.
import { decodeLine, firstInvalidUtf8 } from '../chain-verifier';
import { pcagShapeProblem } from '../pcag';
import { PyJsonError, pyLoads } from '../pyjson-parse';
import { MAX_ENTRY_BYTES } from '../entry-bound';
import type { BreakExplanation } from '../../../shared/break-explanation';
import { contextAt, describeByteAt, escapeCut } from './escape-bytes';

export interface LineFacts {
  bytes: Uint8Array;
  terminated: boolean;
  tooLong: boolean;
  /** Byte length without the newline (known when the bytes of a too-long line were not kept). */
  length: number;
}

/** Why a line that does not parse may look the way it does. */
function hint(text: string): string {
  const t = text.trim();
  if (
    t === '{' ||
    t === '}' ||
    t === '[' ||
    t === ']' ||
    /^\s+"[^"]*":/.test(text) ||
    /^\s*[}\]],?$/.test(text)
  )
    return '; the entry looks spread over several lines, as json.dumps(indent=2) writes it';
  if (/^\s*\{.*\}\s*\{/.test(text)) return '; two entries look joined on one line (a newline was lost)';
  return '';
}

const at = (bytes: Uint8Array, byte: number, what: string, torn: boolean, extra = ''): BreakExplanation => {
  const met = describeByteAt(bytes, byte);
  const lead = torn ? `torn tail: the last line stops after ${bytes.length} bytes with no newline; ` : '';
  return {
    cause: 'parse',
    text: `${lead}at byte ${byte} (column ${byte + 1}) the parser met ${met}: ${what}${extra}`,
    byte,
    met,
    context: contextAt(bytes, byte),
  };
};

export function explainParse(l: LineFacts): BreakExplanation {
  const torn = !l.terminated;
  if (l.tooLong)
    return {
      cause: 'parse',
      text: `the line is ${l.length} bytes, over the ${MAX_ENTRY_BYTES}-byte bound on one entry; its bytes were not read`,
      byte: null,
      met: `a line of ${l.length} bytes`,
      context: '',
    };
  const bytes = l.bytes;
  let text = decodeLine(bytes);
  if (text === null) {
    const b = firstInvalidUtf8(bytes);
    return at(bytes, b, 'bytes that are not UTF-8 (garbage, or a character cut in two)', torn);
  }
  let shift = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    shift = 3;
  }
  if (text.trim() === '')
    return {
      cause: 'parse',
      text: `a blank line (${bytes.length} bytes: ${escapeCut(bytes, 40) || 'empty'}) where an entry should be`,
      byte: 0,
      met: bytes.length ? describeByteAt(bytes, 0) : 'end of line',
      context: contextAt(bytes, 0),
    };
  let parsed;
  try {
    parsed = pyLoads(text);
  } catch (e) {
    if (!(e instanceof PyJsonError)) throw e;
    const byte = shift + Buffer.byteLength(text.slice(0, e.position), 'utf8');
    const why = e.message.replace(/ at character \d+$/, '');
    return at(bytes, byte, why, torn, hint(text));
  }
  if (shift)
    return at(
      bytes,
      0,
      'a UTF-8 byte-order mark, which Python json.loads rejects (an editor added it)',
      false,
    );
  const dup = parsed.duplicateKeys[0];
  if (dup !== undefined) {
    const needle = Buffer.from(JSON.stringify(dup), 'utf8');
    const first = Buffer.from(bytes).indexOf(needle);
    const second = first < 0 ? -1 : Buffer.from(bytes).indexOf(needle, first + 1);
    return at(
      bytes,
      Math.max(0, second),
      `the key "${dup}" a second time; Python keeps the last value, other readers may keep the first`,
      false,
    );
  }
  const problem = pcagShapeProblem(parsed.value);
  return {
    cause: 'parse',
    text: `the line is JSON but not a PCAg: ${problem ?? 'unknown shape problem'}`,
    byte: null,
    met: problem ?? 'a JSON value',
    context: escapeCut(bytes, 120),
  };
}
