// How deeply a JSON text nests arrays and objects, read from its bytes without parsing it: a
// request nested 100,000 levels deep must be refused before JSON.parse, the schema or the cache key
// recurse into it. One pass, no recursion, no allocation; brackets inside strings do not count.
// (Bytes of multi-byte UTF-8 characters are all >= 0x80, so they never look like `"`, `\`, `[` or `{`.)

/** Request bodies nesting arrays and objects deeper than this are refused (the top-level object is depth 1). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** True when the JSON text in `chunks` (consecutive pieces of one body) nests deeper than `max`. */
export function jsonNestsDeeperThan(chunks: readonly Uint8Array[], max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const b of chunks) {
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        if (++depth > max) return true;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
    }
  }
  return false;
}
