import { describe, expect, it } from 'vitest';
import { decisionOf, timestampOf } from '../../electron/ledger/session-file';
import { ledgerTimeMs } from '../../electron/ledger/ledger-time';

const line = (s: string) => Buffer.from(s);

describe('decisionOf: a line’s top-level decision without parsing it', () => {
  it('reads the top-level key, not decision_id, and not a nested "decision" that comes later', () => {
    const l = line(
      '{"decision_id": "a", "timestamp": "t", "decision": "ROUTE", "reason": "r", "metrics": {"decision": "NESTED"}}',
    );
    expect(decisionOf(l)).toBe('ROUTE');
  });
  it('is not fooled by an escaped key inside an earlier string', () => {
    const l = line('{"decision_id": "x\\"decision\\": \\"FAKE", "decision": "BLOCK", "reason": "r"}');
    expect(decisionOf(l)).toBe('BLOCK');
  });
  it('parses a value with escapes properly', () => {
    expect(decisionOf(line('{"decision_id": "a", "decision": "R\\u00c9SET", "reason": "r"}'))).toBe('RÉSET');
  });
  it('null where there is none', () => {
    expect(decisionOf(line('{"decision_id": "a"}'))).toBeNull();
    expect(decisionOf(line('{"decision": "unterminated'))).toBeNull();
  });
});

describe('ledgerTimeMs and timestampOf: an entry’s time, for "go to a time"', () => {
  const at = (iso: string) => Date.parse(iso);
  it('reads the seed’s utcnow().isoformat() as UTC, with or without a fraction, and honours a zone', () => {
    expect(ledgerTimeMs('2026-11-25T14:05:30.123456')).toBe(at('2026-11-25T14:05:30.123Z'));
    expect(ledgerTimeMs('2026-11-25T14:05:30')).toBe(at('2026-11-25T14:05:30Z'));
    expect(ledgerTimeMs('2026-11-25T14:05:30Z')).toBe(at('2026-11-25T14:05:30Z'));
    expect(ledgerTimeMs('2026-11-25T16:05:30+02:00')).toBe(at('2026-11-25T14:05:30Z'));
    expect(ledgerTimeMs('2026-11-25T16:05:30+0200')).toBe(at('2026-11-25T14:05:30Z'));
  });
  it('null for what is not such a time', () => {
    for (const bad of ['', 'yesterday', '2026-11-25', '2026-13-45T99:99:99', '14:05:30'])
      expect(ledgerTimeMs(bad)).toBeNull();
  });
  it('reads the top-level timestamp of a line in Python’s form without parsing it', () => {
    const l = line('{"decision_id": "a", "timestamp": "2026-11-25T14:05:30", "decision": "ROUTE"}');
    expect(timestampOf(l)).toBe(at('2026-11-25T14:05:30Z'));
  });
  it('parses any other form, so a nested "timestamp" that comes first is not taken', () => {
    const sorted = line(
      '{"decision": "ROUTE", "metrics": {"timestamp": "1999-01-01T00:00:00"}, "timestamp": "2026-11-25T14:05:30"}',
    );
    expect(timestampOf(sorted)).toBe(at('2026-11-25T14:05:30Z'));
    const escapedId = line('{"decision_id": "x\\"", "timestamp": "2026-11-25T14:05:30"}');
    const bom = line('\ufeff{"decision_id": "a", "timestamp": "2026-11-25T14:05:30"}');
    expect(timestampOf(bom)).toBe(at('2026-11-25T14:05:30Z')); // the table shows it too
    expect(timestampOf(escapedId)).toBe(at('2026-11-25T14:05:30Z'));
  });
  it('null for a line with no readable time: none, not a string, not a time, not JSON', () => {
    expect(timestampOf(line('{"decision_id": "a", "decision": "ROUTE"}'))).toBeNull();
    expect(timestampOf(line('{"decision_id": "a", "timestamp": 5}'))).toBeNull();
    expect(timestampOf(line('{"decision_id": "a", "timestamp": "soon"}'))).toBeNull();
    expect(timestampOf(line('{"decision_id": "a", "timestamp": "2026-11-25T14:0'))).toBeNull();
    expect(timestampOf(line('[1, 2]'))).toBeNull();
    // Not valid UTF-8 (and not in Python's form): the table shows no entry there, so no time either.
    const bad = Buffer.concat([
      line('{"reason": "'),
      Buffer.from([0xff]),
      line('", "timestamp": "2026-11-25T14:05:30"}'),
    ]);
    expect(timestampOf(bad)).toBeNull();
  });
});
