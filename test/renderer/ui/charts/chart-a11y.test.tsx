// @vitest-environment jsdom
// Charts are one named image each, described in words, and never tab stops (recharts 3 makes its
// svg a focusable role=application unless told not to).
import { screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakersScreen } from '../../../../renderer/src/features/breakers/BreakersScreen';
import { CacheScreen } from '../../../../renderer/src/features/cache/CacheScreen';
import { SpendScreen } from '../../../../renderer/src/features/spend/SpendScreen';
import { breakerTimelineSummary } from '../../../../renderer/src/features/breakers/breaker-bands';
import {
  hitRateSummary,
  spendBarsSummary,
  spendSummary,
  trend,
} from '../../../../renderer/src/ui/charts/chart-summary';
import { formatClock, formatClockSeconds } from '../../../../renderer/src/lib/format';
import { renderWithBackend } from '../../helpers/render-app';
import { NOW } from '../../helpers/fixtures';

const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() =>
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 }),
);
afterAll(() => {
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

const FOCUSABLE =
  'a[href], button, input, select, textarea, [tabindex], [role="application"], [contenteditable]';

function expectChartsAccessible(expected: number) {
  const charts = Array.from(document.querySelectorAll<HTMLElement>('.chart-frame'));
  expect(charts).toHaveLength(expected);
  for (const chart of charts) {
    // Drawn (so the check is not vacuous), named, and described.
    expect(chart.querySelector('svg')).not.toBeNull();
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')?.trim()).toBeTruthy();
    const summary = document.getElementById(chart.getAttribute('aria-describedby') ?? '');
    expect(summary?.textContent?.trim()).toBeTruthy();
    // Nothing inside is focusable or an application.
    const stops = Array.from(chart.querySelectorAll<HTMLElement | SVGElement>(FOCUSABLE)).filter(
      (el) => el.getAttribute('tabindex') !== '-1' || el.getAttribute('role') === 'application',
    );
    expect(stops.map((el) => el.outerHTML.slice(0, 80))).toEqual([]);
    expect(chart.tabIndex).toBeLessThan(0);
    // Chromium makes an svg or g with focus listeners (React's portal containers: recharts'
    // z-index layers) a tab stop unless it says tabindex=-1; jsdom does not, so check the marking.
    const unmarked = Array.from(chart.querySelectorAll('svg, g')).filter(
      (el) => el.getAttribute('tabindex') !== '-1',
    );
    expect(unmarked.map((el) => el.outerHTML.slice(0, 80))).toEqual([]);
  }
}

describe('charts are named images, not tab stops', () => {
  it('Live spend: the spend line and the two bar charts', async () => {
    renderWithBackend(<SpendScreen />);
    await screen.findByRole('img', { name: /Spend over time/ });
    await screen.findByRole('img', { name: 'Spend by provider' });
    expectChartsAccessible(3);
    const spend = screen.getByRole('img', { name: /Spend over time/ });
    expect(document.getElementById(spend.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /^Spend today: \$[\d.]+ at \d\d:\d\d; soft limit \$47\.50, hard limit \$50\.00; rising by \$[\d.]+ over the last 10 minutes\.$/,
    );
  });

  it('Cache: hit rate and size', async () => {
    renderWithBackend(<CacheScreen />);
    await screen.findByRole('img', { name: /Cache hit rate/ });
    expectChartsAccessible(2);
  });

  it('Breakers: the timeline', async () => {
    renderWithBackend(<BreakersScreen />);
    await screen.findByRole('img', { name: /Breaker states/ });
    expectChartsAccessible(1);
  });
});

describe('charts draw only what was sampled', () => {
  it('spend and cache size are straight segments between samples, no curve between them', async () => {
    renderWithBackend(<SpendScreen />);
    await screen.findByRole('img', { name: /Spend over time/ });
    const spend = document.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '';
    expect(spend).toMatch(/^M/);
    expect(spend).not.toContain('C');
  });

  it('the cache size too', async () => {
    renderWithBackend(<CacheScreen />);
    await screen.findByRole('img', { name: /Cache size over time/ });
    const size = document.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '';
    expect(size).toMatch(/^M/);
    expect(size).not.toContain('C');
  });
});

describe('chart summaries', () => {
  it('say the trend over the last 10 minutes, or nothing with too few points', () => {
    const pts = [0, 5, 10, 15].map((m, i) => ({ at: NOW + m * 60_000, v: [1, 2, 2, 5][i] }));
    expect(trend(pts, (p) => p.v, String)).toBe('rising by 3 over the last 10 minutes');
    expect(trend(pts.slice(0, 1), (p) => p.v, String)).toBe('');
    expect(trend([pts[1], pts[2]], (p) => p.v, String)).toBe('flat over the last 5 minutes');
  });

  it('spend, spend bars, hit rate and breakers in words', () => {
    expect(spendSummary([], 9.5, 10)).toBe(
      'Spend today: no points yet; soft limit $9.50, hard limit $10.00.',
    );
    expect(
      spendBarsSummary(
        [
          { name: 'openai', spendUsd: 0.75 },
          { name: 'mistral', spendUsd: 0.000012 },
        ],
        'provider',
      ),
    ).toBe('Spend by provider: openai $0.75 (100.0%), mistral $0.000012 (0.0%).');
    expect(hitRateSummary([{ at: NOW, hitRate: null }])).toBe('Cache hit rate: no lookups yet.');
    expect(
      hitRateSummary([
        { at: NOW, hitRate: null },
        { at: NOW + 60_000, hitRate: 0.5 },
        { at: NOW + 120_000, hitRate: 0.25 },
      ]),
    ).toBe(
      `Cache hit rate: 25.0% at ${formatClock(NOW + 120_000)}; between 25.0% and 50.0% since ${formatClock(NOW + 60_000)}; no lookups before ${formatClock(NOW + 60_000)}; falling by 25.0 points over the last minute.`,
    );
    expect(
      breakerTimelineSummary([
        {
          provider: 'openai',
          bands: [
            { from: 0, to: NOW, state: 'no_data', cause: null },
            { from: NOW, to: NOW + 1, state: 'closed', cause: null },
          ],
        },
        {
          provider: 'anthropic',
          bands: [
            { from: 0, to: NOW, state: 'closed', cause: null },
            { from: NOW, to: NOW + 1, state: 'open', cause: '5 failures' },
          ],
        },
      ]),
    ).toBe(
      `openai: no data before ${formatClockSeconds(NOW)}, then closed; anthropic: open since ${formatClockSeconds(NOW)} (1 change in view).`,
    );
  });
});
