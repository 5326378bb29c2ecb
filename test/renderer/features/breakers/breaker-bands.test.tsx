// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { BreakerTransition } from '../../../../shared/domain';
import { breakerBands } from '../../../../renderer/src/features/breakers/breaker-bands';

const seen = (
  transitions: BreakerTransition[],
  state: 'closed' | 'open' | 'half_open',
  observedSince = -1e15,
) => ({
  transitions,
  state,
  observedSince,
});

describe('breakerBands', () => {
  it('is one band of the current state when nothing happened', () => {
    expect(breakerBands(seen([], 'closed'), 0, 100)).toEqual([
      { from: 0, to: 100, state: 'closed', cause: null },
    ]);
  });

  it('splits the window at each transition, starting from the state before the first', () => {
    const bands = breakerBands(
      seen(
        [
          { at: 60, from: 'open', to: 'half_open', cause: 'timeout elapsed' },
          { at: 30, from: 'closed', to: 'open', cause: '5 consecutive failures' },
          { at: 80, from: 'half_open', to: 'closed', cause: '2 successes' },
        ],
        'closed',
      ),
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
      seen([{ at: -50, from: 'closed', to: 'open', cause: 'operator: maintenance' }], 'open'),
      0,
      100,
    );
    expect(bands).toEqual([{ from: 0, to: 100, state: 'open', cause: 'operator: maintenance' }]);
  });
});

describe('breakerBands before the first observation', () => {
  it('draws no state before the process started: a "no data" band, then the observed state', () => {
    // Started at 40 of a 0..100 window, closed since.
    expect(breakerBands(seen([], 'closed', 40), 0, 100)).toEqual([
      { from: 0, to: 40, state: 'no_data', cause: null },
      { from: 40, to: 100, state: 'closed', cause: null },
    ]);
  });

  it('starts the known part from the first transition’s "from" state, not from before the start', () => {
    const bands = breakerBands(
      seen([{ at: 70, from: 'closed', to: 'open', cause: '5 failures' }], 'open', 40),
      0,
      100,
    );
    expect(bands.map((b) => [b.state, b.from, b.to])).toEqual([
      ['no_data', 0, 40],
      ['closed', 40, 70],
      ['open', 70, 100],
    ]);
  });

  it('a breaker first seen after the window (or after now) is all "no data"', () => {
    expect(breakerBands(seen([], 'closed', 500), 0, 100)).toEqual([
      { from: 0, to: 100, state: 'no_data', cause: null },
    ]);
  });

  it('history dropped from the bounded list is "no data" too, up to the newest transition dropped', () => {
    // observedSince = 55: a transition at 55 was dropped, the one kept says the breaker left half_open at 90.
    const bands = breakerBands(
      seen([{ at: 90, from: 'half_open', to: 'closed', cause: '2 successes' }], 'closed', 55),
      0,
      100,
    );
    expect(bands.map((b) => [b.state, b.from, b.to])).toEqual([
      ['no_data', 0, 55],
      ['half_open', 55, 90],
      ['closed', 90, 100],
    ]);
  });

  it('a first observation before the window changes nothing', () => {
    expect(breakerBands(seen([], 'open', -10), 0, 100)).toEqual([
      { from: 0, to: 100, state: 'open', cause: null },
    ]);
  });
});

describe('breakerBands with a coarse clock', () => {
  it('a transition newer than the UI clock still splits the bands (closed, then open)', () => {
    const bands = breakerBands(
      seen([{ at: 1_000_500, from: 'closed', to: 'open', cause: '5 failures' }], 'open'),
      0,
      1_000_000,
    );
    expect(bands.map((b) => [b.state, b.from, b.to])).toEqual([
      ['closed', 0, 1_000_500],
      ['open', 1_000_500, 1_000_500],
    ]);
  });
});
