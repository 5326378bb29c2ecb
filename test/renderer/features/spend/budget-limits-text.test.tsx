// @vitest-environment jsdom
// The budget panel and the Gateway screen say what the gateway does at the soft limit in the mode in
// force (issue 13.1: the panel said "PENIN warns and prefers cheaper routes" while the gateway
// answered 429), and the projection names when the limits fall at the recent rate, in the budget
// day's time zone, with a tooltip saying what the rate was measured over (issue 13.2).
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GatewayScreen } from '../../../../renderer/src/features/gateway/GatewayScreen';
import { SpendScreen } from '../../../../renderer/src/features/spend/SpendScreen';
import type { BudgetSnapshot } from '../../../../shared/domain';
import { createFakeBackend } from '../../helpers/fake-api';
import { budget, NOW } from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

function withBudget(b: BudgetSnapshot) {
  const backend = createFakeBackend();
  backend.handlers['budget:get'] = () => b;
  return backend;
}

const soft = (mode: BudgetSnapshot['softLimitMode']): BudgetSnapshot => ({
  ...budget,
  softLimitMode: mode,
  spendUsd: 48,
  reservedUsd: 0,
  remainingUsd: 2,
  percentUsed: 96,
  status: 'SOFT_LIMIT_EXCEEDED',
});

async function gaugeText(b: BudgetSnapshot): Promise<{ advice: string; all: string }> {
  renderWithBackend(<SpendScreen />, withBudget(b));
  const advice = await screen.findByTestId('budget-advice');
  return { advice: advice.textContent ?? '', all: document.body.textContent ?? '' };
}

describe('budget panel: the soft limit as the gateway applies it', () => {
  it('refuse, within budget: says that at 95% new requests get 429 (soft)', async () => {
    const { advice, all } = await gaugeText(budget);
    expect(advice).toMatch(/^Requests are routed normally\./);
    expect(advice).toMatch(
      /At the soft limit \(95% of the daily limit\) the gateway refuses new requests with 429 budget_exceeded \(soft\)/,
    );
    expect(screen.getByText(/Soft 95%/).textContent).toMatch(/\$47\.50 · refuse$/);
    expect(all).not.toMatch(/cheaper routes|still routed|keeps routing/);
  });

  it('refuse, past the soft limit: "refusing", 429 (soft), never "still routed"', async () => {
    const { advice, all } = await gaugeText(soft('refuse'));
    expect(screen.getByText('Soft limit: refusing')).toBeTruthy();
    expect(advice).toMatch(
      /^Past the soft limit: new requests are refused with 429 budget_exceeded \(soft\)/,
    );
    expect(all).not.toMatch(/cheaper routes|still routed|keeps routing/);
  });

  it('warn, within budget: says the gateway alerts and keeps routing at 95%', async () => {
    const { advice } = await gaugeText({ ...budget, softLimitMode: 'warn' });
    expect(advice).toMatch(/the gateway raises an alert and keeps routing/);
    expect(advice).toMatch(/worst-case cost would pass the hard limit \(100%\)/);
    expect(screen.getByText(/Soft 95%/).textContent).toMatch(/· warn only$/);
  });

  it('warn, past the soft limit: "routing", still routed until the hard limit, then 429 (hard)', async () => {
    const { advice, all } = await gaugeText(soft('warn'));
    expect(screen.getByText('Soft limit passed: routing')).toBeTruthy();
    expect(advice).toMatch(/requests are still routed while their worst-case cost fits under the hard limit/);
    expect(advice).toMatch(/429 budget_exceeded \(hard\)/);
    expect(all).not.toMatch(/\(soft\)|refusing/);
  });
});

describe('Gateway screen: the budget limits in force', () => {
  it('refuse: names the mode and the 429 (soft) at 95% ($47.50)', async () => {
    renderWithBackend(<GatewayScreen />, withBudget(budget));
    const panel = await screen.findByRole('region', { name: 'Budget limits' });
    expect(within(panel).getByTestId('soft-limit-mode').textContent).toBe('refuse');
    expect(panel.textContent).toMatch(/Soft limit95% \(\$47\.50\) · refuse/);
    expect(within(panel).getByTestId('soft-limit-rule').textContent).toMatch(
      /refuses new requests with 429 budget_exceeded \(soft\)/,
    );
  });

  it('warn: names the mode and says the gateway keeps routing to the hard limit', async () => {
    renderWithBackend(<GatewayScreen />, withBudget({ ...budget, softLimitMode: 'warn' }));
    const panel = await screen.findByRole('region', { name: 'Budget limits' });
    expect(within(panel).getByTestId('soft-limit-mode').textContent).toBe('warn only');
    const rule = within(panel).getByTestId('soft-limit-rule').textContent ?? '';
    expect(rule).toMatch(/raises an alert and keeps routing/);
    expect(rule).not.toMatch(/\(soft\)/);
  });
});

const projected = () => screen.getByRole('group', { name: 'Projected end of day' });

describe('budget panel: projection from the recent rate', () => {
  it('names when each limit falls at this rate, in the budget day\u2019s zone, and what the rate is over', async () => {
    renderWithBackend(<SpendScreen />, withBudget(budget));
    await screen.findByText('$31.42');
    expect(projected().textContent).toContain('at this rate: soft limit ~21:29 UTC · hard limit ~22:33 UTC');
    expect(projected().getAttribute('title')).toBe(
      "Today's spend plus $2.35/h, the rate over the last hour (since 14:00 UTC), until the day ends at 00:00 UTC.",
    );
  });

  it('since the first request today (started mid-day), in Kolkata time; "not today" and "reached"', async () => {
    const first = NOW - 8 * 60_000; // 14:52 UTC = 20:22 in Kolkata
    renderWithBackend(
      <SpendScreen />,
      withBudget({
        ...budget,
        timeZone: 'Asia/Kolkata',
        projection: {
          basis: 'since_first_request',
          windowStartMs: first,
          usdPerHour: 3,
          softLimit: { kind: 'reached' },
          hardLimit: { kind: 'not_today' },
          dayEndMs: Date.UTC(2025, 10, 25, 18, 30),
        },
      }),
    );
    await screen.findByText('$31.42');
    expect(projected().textContent).toContain('at this rate: soft limit reached · hard limit not today');
    expect(projected().getAttribute('title')).toBe(
      "Today's spend plus $3.00/h, the rate since the first request today (20:22 Asia/Kolkata, 8 min ago; " +
        'less than an hour), until the day ends at 00:00 Asia/Kolkata.',
    );
  });

  it('before any request today: says so instead of a rate', async () => {
    renderWithBackend(
      <SpendScreen />,
      withBudget({
        ...budget,
        projection: { ...budget.projection, basis: 'no_data', usdPerHour: 0 },
      }),
    );
    await screen.findByText('$31.42');
    expect(projected().textContent).toContain('no spend yet today');
    expect(projected().getAttribute('title')).toMatch(/^No request yet today/);
  });
});
