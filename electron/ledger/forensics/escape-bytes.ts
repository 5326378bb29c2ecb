// Bytes shown to a person: printable ASCII as is, everything else escaped, so that a stray byte,
// a control character or a non-breaking space is visible in a report.

/** Printable ASCII as is; `\n`, `\r`, `\t`, backslash escaped; every other byte as `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** At most `max` bytes of `bytes`, escaped, saying how many more there were. */
export function escapeCut(bytes: Uint8Array, max = 160): string {
  if (bytes.length <= max) return escapeBytes(bytes);
  return `${escapeBytes(bytes.subarray(0, max))}… (${bytes.length} bytes)`;
}

/** The bytes around `at`, escaped, with ⟨here⟩ marking the position. */
export function contextAt(bytes: Uint8Array, at: number, radius = 24): string {
  const lo = Math.max(0, at - radius);
  const hi = Math.min(bytes.length, at + radius);
  const before = (lo > 0 ? '…' : '') + escapeBytes(bytes.subarray(lo, at));
  const after = escapeBytes(bytes.subarray(at, hi)) + (hi < bytes.length ? '…' : '');
  return `${before}⟨here⟩${after}`;
}

/** What is at byte `at` of a line: `end of line`, `'x' (U+0078)`, `byte 0xff`. */
export function describeByteAt(bytes: Uint8Array, at: number): string {
  if (at >= bytes.length) return 'end of line';
  const b = bytes[at];
  if (b >= 0x20 && b <= 0x7e)
    return `'${String.fromCharCode(b)}' (U+${b.toString(16).toUpperCase().padStart(4, '0')})`;
  if (b < 0x80) return `control character U+${b.toString(16).toUpperCase().padStart(4, '0')}`;
  // A whole UTF-8 character when the bytes decode as one.
  const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  try {
    const ch = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + len));
    const cp = ch.codePointAt(0) ?? 0;
    return `'${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')}, bytes ${escapeBytes(bytes.subarray(at, at + len))})`;
  } catch {
    return `byte 0x${b.toString(16).padStart(2, '0')} (not valid UTF-8 here)`;
  }
}
