import { describe, expect, it } from 'vitest';
import { fieldDiff, parseJson } from '../../../renderer/src/lib/field-diff';

describe('fieldDiff', () => {
  it('is empty for equal values, whatever the key order', () => {
    expect(fieldDiff({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names nested and indexed paths that changed, and those on one side only', () => {
    expect(
      fieldDiff(
        { reason: 'request 14', metrics: { cost_usd: 1.5, model: 'x' }, violations: ['a', 'b'] },
        { reason: 'request 41', metrics: { cost_usd: 1.5 }, violations: ['a', 'c'], extra: null },
      ),
    ).toEqual([
      { path: 'reason', a: '"request 14"', b: '"request 41"', kind: 'changed' },
      { path: 'metrics.model', a: '"x"', b: undefined, kind: 'only-a' },
      { path: 'violations[1]', a: '"b"', b: '"c"', kind: 'changed' },
      { path: 'extra', a: undefined, b: 'null', kind: 'only-b' },
    ]);
  });

  it('quotes keys that are not identifiers, and tells an empty object from a missing one', () => {
    expect(fieldDiff({ 'a b': 1, o: {} }, { 'a b': 2 })).toEqual([
      { path: '["a b"]', a: '1', b: '2', kind: 'changed' },
      { path: 'o', a: '{}', b: undefined, kind: 'only-a' },
    ]);
  });

  it('a value against a non-object: the whole value differs', () => {
    expect(fieldDiff(undefined, { a: 1 })).toEqual([
      { path: '', a: 'undefined', b: undefined, kind: 'only-a' },
      { path: 'a', a: undefined, b: '1', kind: 'only-b' },
    ]);
  });

  it('parseJson: undefined for null or text that is not JSON', () => {
    expect(parseJson('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJson('{"a": ')).toBeUndefined();
    expect(parseJson(null)).toBeUndefined();
  });
});
