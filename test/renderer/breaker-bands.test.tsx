// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { breakerBands } from '../../renderer/src/lib/breaker-bands';

describe('breakerBands', () => {
  it('is one band of the current state when nothing happened', () => {
    expect(breakerBands([], 'closed', 0, 100)).toEqual([{ from: 0, to: 100, state: 'closed', cause: null }]);
  });

  it('splits the window at each transition, starting from the state before the first', () => {
    const bands = breakerBands(
      [
        { at: 60, from: 'open', to: 'half_open', cause: 'timeout elapsed' },
        { at: 30, from: 'closed', to: 'open', cause: '5 consecutive failures' },
        { at: 80, from: 'half_open', to: 'closed', cause: '2 successes' },
      ],
      'closed',
      0,
      100,
    );
    expect(bands.map((b) => [b.from, b.to, b.state])).toEqual([
      [0, 30, 'closed'],
      [30, 60, 'open'],
      [60, 80, 'half_open'],
      [80, 100, 'closed'],
    ]);
    expect(bands[1].cause).toBe('5 consecutive failures');
  });

  it('starts from the last transition before the window', () => {
    const bands = breakerBands(
      [{ at: -50, from: 'closed', to: 'open', cause: 'operator: maintenance' }],
      'open',
      0,
      100,
    );
    expect(bands).toEqual([{ from: 0, to: 100, state: 'open', cause: 'operator: maintenance' }]);
  });
});

describe('breakerBands with a coarse clock', () => {
  it('a transition newer than the UI clock still splits the bands (closed, then open)', () => {
    const bands = breakerBands(
      [{ at: 1_000_500, from: 'closed', to: 'open', cause: '5 failures' }],
      'open',
      0,
      1_000_000,
    );
    expect(bands.map((b) => [b.state, b.from, b.to])).toEqual([
      ['closed', 0, 1_000_500],
      ['open', 1_000_500, 1_000_500],
    ]);
  });
});
