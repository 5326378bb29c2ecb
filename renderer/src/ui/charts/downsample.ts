// Largest-Triangle-Three-Buckets downsampling: keeps the visual shape of a series (peaks and
// dips) while capping the number of points a chart has to draw.

export const MAX_CHART_POINTS = 2000;

/**
 * Returns at most `threshold` points of `data` (sorted by x), always including the first and the
 * last. Series already small enough come back unchanged (same array).
 */
export function lttb<T>(
  data: readonly T[],
  threshold: number,
  x: (d: T) => number,
  y: (d: T) => number,
): readonly T[] {
  const n = data.length;
  if (threshold >= n || n <= 2) return data;
  if (threshold <= 2) return threshold <= 0 ? [] : threshold === 1 ? [data[0]] : [data[0], data[n - 1]];

  const out: T[] = [data[0]];
  // The first and last points are fixed; the n-2 points between are split into threshold-2 buckets.
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x(data[j]);
      avgY += y(data[j]);
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = x(data[a]);
    const ay = y(data[a]);
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (y(data[j]) - ay) - (ax - x(data[j])) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out.push(data[chosen]);
    a = chosen;
  }
  out.push(data[n - 1]);
  return out;
}

/** `lttb` with the chart-wide cap, for series of `{ at, ... }` points. */
export function downsampleSeries<T extends { at: number }>(
  data: readonly T[],
  y: (d: T) => number,
  max: number = MAX_CHART_POINTS,
): readonly T[] {
  return lttb(data, max, (d) => d.at, y);
}
