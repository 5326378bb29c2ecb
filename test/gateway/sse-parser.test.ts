// The SSE parser: events split anywhere across network chunks, CRLF, comments, multi-line data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../electron/core/providers/sse';

const wire =
  'event: message_start\r\ndata: {"a":1}\r\n\r\n: keep-alive comment\n\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n';
const expected = [
  { event: 'message_start', data: '{"a":1}' },
  { event: null, data: 'line one\nline two' },
  { event: null, data: '[DONE]' },
];

describe('SseParser', () => {
  it('parses event and data fields, skips comments, joins multi-line data', () => {
    const p = new SseParser();
    expect([...p.push(wire), ...p.end()]).toEqual(expected);
  });

  it('gives the same events however the text is split into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(wire.length), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const p = new SseParser();
        const out = [];
        let from = 0;
        for (const at of [...points, wire.length]) {
          out.push(...p.push(wire.slice(from, at)));
          from = at;
        }
        out.push(...p.end());
        expect(out).toEqual(expected);
      }),
    );
  });

  it('dispatches an unterminated last event at the end of input, and nothing for a dangling field name', () => {
    const p = new SseParser();
    expect(p.push('data: tail')).toEqual([]);
    expect(p.end()).toEqual([{ event: null, data: 'tail' }]);
    const q = new SseParser();
    q.push('event: x\n');
    expect(q.end()).toEqual([]);
  });
});
