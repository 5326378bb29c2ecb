import { describe, expect, it } from 'vitest';
import { jumpProblem, parseJumpTarget } from '../../../../renderer/src/features/ledger/jump-target';

const utc = (iso: string) => Date.parse(iso);

describe('parseJumpTarget: what the ledger’s "go to" box asks for', () => {
  it('an entry number, with or without #', () => {
    expect(parseJumpTarget('1234')).toEqual({ kind: 'index', index: 1234 });
    expect(parseJumpTarget(' #0 ')).toEqual({ kind: 'index', index: 0 });
  });

  it('a UTC date, date and minute, or date and second; T, Z and "UTC" allowed', () => {
    expect(parseJumpTarget('2026-11-25')).toEqual({ kind: 'time', at: utc('2026-11-25T00:00:00Z') });
    expect(parseJumpTarget('2026-11-25 14:05')).toEqual({ kind: 'time', at: utc('2026-11-25T14:05:00Z') });
    expect(parseJumpTarget('2026-11-25T14:05:30Z')).toEqual({
      kind: 'time',
      at: utc('2026-11-25T14:05:30Z'),
    });
    expect(parseJumpTarget('2026-11-25 14:05:30.25 UTC')).toEqual({
      kind: 'time',
      at: utc('2026-11-25T14:05:30.250Z'),
    });
  });

  it('null for dates and times that do not exist, and for anything else', () => {
    for (const bad of [
      '',
      'abc',
      '-3',
      '12.5',
      '2026-02-30',
      '2026-11-25 24:00',
      '2026-11-25 14:60',
      '2026-11-25 14',
      '14:05',
      '2026-11-25 14:05+02:00',
    ])
      expect(parseJumpTarget(bad)).toBeNull();
  });
});

describe('jumpProblem: why an entry number cannot be gone to', () => {
  const at = (index: number) => ({ kind: 'index' as const, index });
  it('past the end of the ledger, with its size', () => {
    expect(jumpProblem(at(5000), 1234)).toBe(
      'entry 5,000 is past the end (1,234 entries; the last is #1,233)',
    );
    expect(jumpProblem(at(1234), 1234)).toBe(
      'entry 1,234 is past the end (1,234 entries; the last is #1,233)',
    );
    expect(jumpProblem(at(1), 1)).toBe('entry 1 is past the end (1 entry; the last is #0)');
    expect(jumpProblem(at(0), 0)).toBe('the ledger has no entries');
  });
  it('nothing to say within the ledger, for times, for nothing typed, or before the size is known', () => {
    expect(jumpProblem(at(1233), 1234)).toBeNull();
    expect(jumpProblem(at(0), 1)).toBeNull();
    expect(jumpProblem({ kind: 'time', at: 0 }, 0)).toBeNull();
    expect(jumpProblem(null, 10)).toBeNull();
    expect(jumpProblem(at(10 ** 14), null)).toBeNull();
  });
});
