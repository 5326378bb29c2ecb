import { describe, expect, it } from 'vitest';
import { decisionOf } from '../../electron/ledger/session-file';

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
