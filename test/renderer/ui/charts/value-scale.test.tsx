import { describe, expect, it } from 'vitest';
import { limitsAbove, tickDecimals, valueTicks } from '../../../../renderer/src/ui/charts/value-scale';

describe('value scale of a chart drawn against limits', () => {
  it("'fit' reaches only the data; 'limits' also the highest limit, with room for its label", () => {
    // A little room above the data: the line never runs along the plot's top edge.
    expect(valueTicks(0.08, [9.5, 10], 'fit')).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    const withLimits = valueTicks(0.08, [9.5, 10], 'limits');
    expect(withLimits[withLimits.length - 1]).toBeGreaterThanOrEqual(10.4);
    expect(withLimits).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it("'fit' also reaches the limits once the data nears the lowest (within 1.5x of its top)", () => {
    // $31.59 of a $47.50 soft / $50 hard limit: the limits are drawn, the last tick reaching $50.
    const near = valueTicks(31.59, [47.5, 50], 'fit');
    expect(near[near.length - 1]).toBeGreaterThanOrEqual(52);
    // $20 of it: not yet, the scale stays with the data.
    expect(valueTicks(20, [47.5, 50], 'fit')).toEqual([0, 5, 10, 15, 20, 25]);
    // Near the lowest limit, all of them are reached: the soft and hard limits go together.
    const ticks = valueTicks(9, [10, 100], 'fit');
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(104);
  });

  it('data above its limits is never cut off, whichever the scale', () => {
    for (const scale of ['fit', 'limits'] as const) {
      const ticks = valueTicks(12.3, [9.5, 10], scale);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(12.3);
    }
  });

  it('rounds ticks in the unit given (MiB), with no float dust', () => {
    const MIB = 1024 * 1024;
    expect(valueTicks(3.2 * MIB, [64 * MIB], 'fit', MIB)).toEqual([0, 1, 2, 3, 4].map((t) => t * MIB));
  });

  it('an empty series still gets an axis', () => {
    expect(valueTicks(0, [10], 'fit')).toEqual([0, 1]);
  });

  it('names the limits above the last tick, and only those', () => {
    const limits = [
      { value: 9.5, label: 'soft' },
      { value: 10, label: 'hard' },
    ];
    expect(limitsAbove(limits, [0, 5, 10]).map((l) => l.label)).toEqual([]);
    expect(limitsAbove(limits, [0, 5, 9.6]).map((l) => l.label)).toEqual(['hard']);
    expect(limitsAbove(limits, [0, 0.04, 0.08]).map((l) => l.label)).toEqual(['soft', 'hard']);
  });

  it('gives money ticks the decimals their step needs, so no two read the same', () => {
    expect(tickDecimals([0, 2.5, 5])).toBe(2);
    expect(tickDecimals([0, 10, 20])).toBe(2);
    expect(tickDecimals([0, 0.025, 0.05])).toBe(3);
    expect(tickDecimals(valueTicks(0.0004, [], 'fit'))).toBe(4);
    expect(tickDecimals([0, 1e-8])).toBe(6);
    expect(tickDecimals([0])).toBe(2);
  });
});
