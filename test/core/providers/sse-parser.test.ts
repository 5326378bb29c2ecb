// The SSE reader (eventsource-parser behind our bounds): events split anywhere across network
// chunks, even inside a CRLF or a multi-byte character; CRLF, CR and LF line ends; comments;
// multi-line data; many small events. Its bounds (line, event, stream) are tested with the other
// hostile inputs in test/security/upstream-stream.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseReader, type SseEvent } from '../../../electron/core/providers/sse';

const wire =
  'event: message_start\r\ndata: {"a":1}\r\n\r\n: keep-alive comment\n\ndata: line one\ndata: line two\n\n' +
  'data: caf\u00e9 \u{1F600}\r\rdata: [DONE]\n\n';
const expected = [
  { event: 'message_start', data: '{"a":1}' },
  { event: null, data: 'line one\nline two' },
  { event: null, data: 'caf\u00e9 \u{1F600}' },
  { event: null, data: '[DONE]' },
];
const bytes = Buffer.from(wire, 'utf8');

/** Feeds `b` cut at `points` (byte offsets) and ends the input. */
function readCut(b: Buffer, points: number[], r = new SseReader()): SseEvent[] {
  const out: SseEvent[] = [];
  let from = 0;
  for (const at of [...points, b.length]) {
    out.push(...r.push(b.subarray(from, at)));
    from = at;
  }
  out.push(...r.end());
  return out;
}

describe('SseReader', () => {
  it('parses event and data fields, skips comments, joins multi-line data, takes CRLF, CR and LF', () => {
    const r = new SseReader();
    expect([...r.push(wire), ...r.end()]).toEqual(expected);
  });

  it('gives the same events however the bytes are split into chunks (inside a CRLF or a UTF-8 character too)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        expect(readCut(bytes, points)).toEqual(expected);
      }),
    );
  });

  it('reads every event of a stream of many small events, one byte at a time as well as whole', () => {
    const n = 5000;
    let text = '';
    for (let i = 0; i < n; i++) text += i % 2 ? `data: ${i}\r\n\r\n` : `event: e\ndata: ${i}\n\n`;
    const b = Buffer.from(text);
    const whole = readCut(b, []);
    expect(whole).toHaveLength(n);
    expect(whole[n - 1]).toEqual({ event: null, data: String(n - 1) });
    expect(whole[0]).toEqual({ event: 'e', data: '0' });
    const everyByte = readCut(
      b,
      Array.from({ length: b.length - 1 }, (_, i) => i + 1),
    );
    expect(everyByte).toEqual(whole);
  });

  it('does not count a CRLF split across two chunks as a blank line', () => {
    const r = new SseReader();
    expect(r.push('data: a\r')).toEqual([]);
    expect(r.push('\ndata: b\r')).toEqual([]);
    expect(r.push('\n\r\n')).toEqual([{ event: null, data: 'a\nb' }]);
  });

  it('dispatches an unterminated last event at the end of input, and nothing for a dangling field name', () => {
    const p = new SseReader();
    expect(p.push('data: tail')).toEqual([]);
    expect(p.end()).toEqual([{ event: null, data: 'tail' }]);
    const q = new SseReader();
    q.push('event: x\n');
    expect(q.end()).toEqual([]);
    const cr = new SseReader();
    expect(cr.push('data: last\r')).toEqual([]);
    expect(cr.end()).toEqual([{ event: null, data: 'last' }]);
  });
});
