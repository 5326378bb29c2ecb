import { describe, expect, it } from 'vitest';
import { parseJumpTarget } from '../../renderer/src/lib/jump-target';

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
