// Where each top-level value of a JSON object line lies, in bytes: so that a field's stored bytes
// can be set beside the bytes json.dumps writes for its value. A light scanner, not a parser: the
// line has already been parsed; this only finds the spans.

export interface FieldSpan {
  key: string;
  /** Byte offsets of the value in the line, [start, end). */
  start: number;
  end: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The spans of a parsed object's top-level values, in line order; null if the line is not an object. */
export function topLevelSpans(line: Uint8Array): FieldSpan[] | null {
  let i = 0;
  const n = line.length;
  const ws = (): void => {
    while (i < n && WS.has(line[i])) i++;
  };
  const skipString = (): void => {
    i++; // opening quote
    while (i < n && line[i] !== 0x22) i += line[i] === 0x5c ? 2 : 1;
    i++;
  };
  const skipValue = (): void => {
    let depth = 0;
    for (; i < n;) {
      const c = line[i];
      if (c === 0x22) {
        skipString();
        if (depth === 0) return;
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return;
        depth--;
        i++;
        if (depth === 0) return;
        continue;
      } else if (depth === 0 && (c === 0x2c || WS.has(c))) return;
      i++;
    }
  };
  ws();
  if (line[i] === 0xef && line[i + 1] === 0xbb && line[i + 2] === 0xbf) i += 3;
  if (line[i] !== 0x7b) return null;
  i++;
  const out: FieldSpan[] = [];
  for (;;) {
    ws();
    if (line[i] === 0x7d || i >= n) return out;
    if (line[i] !== 0x22) return null;
    const keyStart = i;
    skipString();
    let key: string;
    try {
      key = JSON.parse(Buffer.from(line.subarray(keyStart, i)).toString('utf8')) as string;
    } catch {
      return null;
    }
    ws();
    if (line[i] !== 0x3a) return null;
    i++;
    ws();
    const start = i;
    skipValue();
    out.push({ key, start, end: i });
    ws();
    if (line[i] === 0x2c) i++;
  }
}
