// @vitest-environment jsdom
// The hit-rate line shows only what was measured: nothing before the first lookup (the rate of no
// lookups is undefined, not 0 %), and straight segments between samples (no curve that overshoots).
import { act, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachePoint } from '../../../../shared/ipc/contract';
import { HitRateChart } from '../../../../renderer/src/features/cache/HitRateChart';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { CacheScreen } from '../../../../renderer/src/features/cache/CacheScreen';
import { createFakeBackend } from '../../helpers/fake-api';
import { cacheStats, NOW } from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() =>
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 }),
);
afterAll(() => {
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

const point = (i: number, hitRate: number | null): CachePoint => ({
  at: NOW + i * 60_000,
  hitRate,
  entries: 0,
  bytes: 0,
});

/** The x of each point the line path passes through. */
function linePoints(): { cmd: string; x: number; y: number }[] {
  const path = document.querySelector('.recharts-line-curve');
  const d = path?.getAttribute('d') ?? '';
  return [...d.matchAll(/([MLC])([-\d.e]+),([-\d.e]+)/g)].map((m) => ({
    cmd: m[1],
    x: Number(m[2]),
    y: Number(m[3]),
  }));
}

describe('hit-rate chart', () => {
  it('draws nothing before the first lookup and straight segments after it', () => {
    // Four idle samples, then lookups: 0 % (one miss), 50 %, 100 %, 0 %... a jagged series.
    const history = [
      ...[0, 1, 2, 3].map((i) => point(i, null)),
      point(4, 0),
      point(5, 0.5),
      point(6, 1),
      point(7, 0),
      point(8, 1),
    ];
    renderWithBackend(<HitRateChart history={history} />);
    const pts = linePoints();
    expect(pts.length).toBeGreaterThan(0);
    // Straight lines only: a cubic (C) would bend between samples and overshoot 0–100 %.
    expect(pts.every((p) => p.cmd === 'M' || p.cmd === 'L')).toBe(true);
    // It starts at the fifth sample (the first lookup), not at the chart's left edge.
    const xs = pts.map((p) => p.x);
    const step = (Math.max(...xs) - Math.min(...xs)) / 4;
    expect(pts[0].cmd).toBe('M');
    expect(pts).toHaveLength(5);
    expect(Math.min(...xs)).toBeGreaterThan(step * 3); // 4 steps of blank on the left of it
  });

  it('a cache:changed push before any lookup adds no 0 % point', async () => {
    const backend = createFakeBackend();
    backend.handlers['cache:history'] = () => [];
    const idle = { ...cacheStats, hits: 0, misses: 0, hitRate: 0 };
    backend.handlers['cache:stats'] = () => idle;
    function Live() {
      useLiveSync();
      return <CacheScreen />;
    }
    const { queryClient } = renderWithBackend(<Live />, backend);
    await screen.findByRole('group', { name: 'Hit rate' });
    act(() => backend.emit('cache:changed', idle));
    const history = queryClient.getQueryData<CachePoint[]>(['cache', 'history']);
    expect(history?.map((p) => p.hitRate)).toEqual([null]);
    // The stat says there is no rate yet, rather than 0 %.
    expect(screen.getByRole('group', { name: 'Hit rate' }).textContent).toContain('no lookups yet');
  });
});
