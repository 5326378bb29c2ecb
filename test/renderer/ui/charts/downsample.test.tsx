// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { downsampleSeries, lttb, MAX_CHART_POINTS } from '../../../../renderer/src/ui/charts/downsample';

const series = (n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => ({ at: i * 1000, v: f(i) }));

describe('lttb', () => {
  it('returns small series unchanged', () => {
    const s = series(50, (i) => i);
    expect(
      lttb(
        s,
        100,
        (d) => d.at,
        (d) => d.v,
      ),
    ).toBe(s);
  });

  it('caps a large series at the threshold and keeps the first and last points', () => {
    const s = series(100_000, (i) => Math.sin(i / 500));
    const out = lttb(
      s,
      2000,
      (d) => d.at,
      (d) => d.v,
    );
    expect(out).toHaveLength(2000);
    expect(out[0]).toBe(s[0]);
    expect(out[out.length - 1]).toBe(s[s.length - 1]);
  });

  it('keeps points in x order and takes them from the input', () => {
    const s = series(10_000, (i) => (i * 7919) % 101);
    const out = lttb(
      s,
      500,
      (d) => d.at,
      (d) => d.v,
    );
    for (let i = 1; i < out.length; i++) expect(out[i].at).toBeGreaterThan(out[i - 1].at);
    const input = new Set(s);
    expect(out.every((p) => input.has(p))).toBe(true);
  });

  it('keeps a lone spike that bucket averaging would flatten', () => {
    const s = series(50_000, (i) => (i === 31_337 ? 1000 : 1));
    const out = lttb(
      s,
      300,
      (d) => d.at,
      (d) => d.v,
    );
    expect(out.some((p) => p.v === 1000)).toBe(true);
  });

  it('handles degenerate thresholds', () => {
    const s = series(10, (i) => i);
    expect(
      lttb(
        s,
        0,
        (d) => d.at,
        (d) => d.v,
      ),
    ).toEqual([]);
    expect(
      lttb(
        s,
        1,
        (d) => d.at,
        (d) => d.v,
      ),
    ).toEqual([s[0]]);
    expect(
      lttb(
        s,
        2,
        (d) => d.at,
        (d) => d.v,
      ),
    ).toEqual([s[0], s[9]]);
  });
});

describe('downsampleSeries', () => {
  it('caps chart series at about 2,000 points', () => {
    const s = series(86_400, (i) => i * 0.01);
    expect(downsampleSeries(s, (d) => d.v).length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(MAX_CHART_POINTS).toBe(2000);
  });
});
