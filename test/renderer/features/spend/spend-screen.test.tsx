// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SpendScreen } from '../../../../renderer/src/features/spend/SpendScreen';
import { requestsSummary } from '../../../../renderer/src/features/spend/RecentRequests';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { createFakeBackend, FakeWireError } from '../../helpers/fake-api';
import { renderWithBackend } from '../../helpers/render-app';
import { budget, recentRequests } from '../../helpers/fixtures';
import type { RecentRequest } from '../../../../shared/domain';

function Live() {
  useLiveSync();
  return <SpendScreen />;
}

describe('Live spend', () => {
  it('shows spend against the limit with the 95% soft and 100% hard marks', async () => {
    renderWithBackend(<SpendScreen />);
    const gauge = await screen.findByRole('meter', { name: /spend against the daily limit/i });
    expect(gauge.getAttribute('aria-valuenow')).toBe('31.42');
    expect(gauge.getAttribute('aria-valuemax')).toBe('50');
    expect(screen.getByText('$31.42')).toBeTruthy();
    expect(screen.getByText(/Soft 95%/).textContent).toContain('$47.50');
    expect(screen.getByText(/Hard 100%/).textContent).toContain('$50.00');
    // Marks sit in order on the bar: soft before hard, both inside it.
    const soft = parseFloat(screen.getByTestId('soft-mark').style.left);
    const hard = parseFloat(screen.getByTestId('hard-mark').style.left);
    expect(soft).toBeLessThan(hard);
    expect(hard).toBeLessThan(100);
    expect(within(screen.getByRole('group', { name: 'Remaining' })).getByText('$17.73')).toBeTruthy();
    expect(
      within(screen.getByRole('group', { name: 'Projected end of day' })).getByText('$52.60'),
    ).toBeTruthy();
    expect(screen.getByText('Within budget')).toBeTruthy();
  });

  it('keeps the projection label inside the card at either end of the bar and centred between', async () => {
    const { backend } = renderWithBackend(<Live />);
    await screen.findByText('$31.42');
    const label = () => screen.getByTestId('projection-label');
    // $52.60 on a scale to $56 (112% of the limit): near the right end, the label ends at its mark.
    expect(label().style.transform).toBe('translateX(-100%)');
    act(() => backend.emit('budget:changed', { ...budget, projectedEndOfDayUsd: 0, at: budget.at + 1000 }));
    await screen.findByText(/projected \$0\.00/);
    // At $0 the mark is at the left edge: centring would push half the label out of the card.
    expect(label().style.transform).toBe('none');
    act(() => backend.emit('budget:changed', { ...budget, projectedEndOfDayUsd: 25, at: budget.at + 2000 }));
    await screen.findByText(/projected \$25\.00/);
    expect(label().style.transform).toBe('translateX(-50%)');
  });

  it('fits the spend chart to the data and names the limits above it; Show limits reaches them, and is remembered', async () => {
    const first = renderWithBackend(<SpendScreen />);
    const group = await screen.findByRole('group', { name: 'Spend over time scale' });
    const fit = within(group).getByRole('button', { name: 'Fit data' });
    const limits = within(group).getByRole('button', { name: 'Show limits' });
    // $31 spent of $50: a scale to $40 shows the line's shape, and the limits are named instead.
    expect(fit.getAttribute('aria-pressed')).toBe('true');
    expect(
      screen.getByText('Above this scale: soft $47.50 · hard $50.00. Choose “Show limits” to see them.'),
    ).toBeTruthy();
    fireEvent.click(limits);
    expect(limits.getAttribute('aria-pressed')).toBe('true');
    expect(fit.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByText(/Above this scale/)).toBeNull();
    first.unmount();
    // The choice outlives the screen (localStorage, per chart).
    renderWithBackend(<SpendScreen />);
    const again = await screen.findByRole('group', { name: 'Spend over time scale' });
    expect(within(again).getByRole('button', { name: 'Show limits' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(window.localStorage.getItem('penin.scale.spend')).toBe('limits');
  });

  it('ignores a stored scale it does not know, and fits the data', async () => {
    window.localStorage.setItem('penin.scale.spend', 'logarithmic');
    renderWithBackend(<SpendScreen />);
    const group = await screen.findByRole('group', { name: 'Spend over time scale' });
    expect(within(group).getByRole('button', { name: 'Fit data' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('lists the recent requests: outcome, tokens, cost and latency, and why a request was refused or failed', async () => {
    renderWithBackend(<SpendScreen />);
    const panel = await screen.findByRole('region', { name: 'Recent requests' });
    await within(panel).findByText('4 requests · 1 cache hit · 1 refused · 1 failed');
    expect(
      requestsSummary([...recentRequests, { ...recentRequests[2], decisionId: 'd-9', outcome: 'cached' }]),
    ).toBe('5 requests · 2 cache hits · 1 refused · 1 failed');
    expect(requestsSummary(recentRequests.slice(3))).toBe('1 request');
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-outcome'))).toEqual([
      'failed',
      'refused',
      'cached',
      'served',
    ]);
    const cells = (i: number) =>
      within(rows[i])
        .getAllByRole('cell')
        .map((c) => c.textContent);
    // Time | Model | Provider | Outcome | Tokens | Cost | Latency | Detail
    expect(cells(3).slice(1)).toEqual([
      'claude-sonnet-4',
      'anthropic',
      'Served',
      '1,200 → 340',
      '$0.0087',
      '842 ms',
      'streamed, 2 attempts',
    ]);
    expect(cells(1).slice(1)).toEqual([
      'gpt-4o',
      '—',
      'Refused',
      '—',
      '—',
      '0.4 ms',
      'budget soft limit reached (95% of $50.00)',
    ]);
    expect(cells(0)[6]).toBe('1.52 s');
    expect(cells(0)[7]).toBe('failed: every provider failed (openai: HTTP 503)');
    expect(cells(2)[3]).toBe('Cache hit');
    expect(cells(0)[4]).toBe('—'); // a failure generated no tokens
    // Rendered without the app shell, there is no Ledger screen to go to: no Find links.
    expect(within(panel).queryAllByRole('button', { name: /in the ledger$/ })).toEqual([]);
  });

  it('refetches the recent requests when PENIN announces more, at most twice a second', async () => {
    const { backend } = renderWithBackend(<SpendScreen />);
    const panel = await screen.findByRole('region', { name: 'Recent requests' });
    await within(panel).findByText(/^4 requests/);
    const before = backend.callsTo('requests:recent').length;
    const newest: RecentRequest = {
      ...recentRequests[3],
      decisionId: 'd-5',
      at: recentRequests[0].at + 1000,
    };
    backend.handlers['requests:recent'] = () => [newest, ...recentRequests];
    act(() => {
      for (let i = 0; i < 20; i++) backend.emit('requests:changed', { recorded: 5 + i });
    });
    await within(panel).findByText(/^5 requests/);
    expect(backend.callsTo('requests:recent').length - before).toBeLessThanOrEqual(2);
  });

  it('lists only the refused and failed requests on request, asking PENIN for them', async () => {
    const { backend } = renderWithBackend(<SpendScreen />);
    const panel = await screen.findByRole('region', { name: 'Recent requests' });
    await within(panel).findByText(/^4 requests/);
    const group = within(panel).getByRole('group', { name: 'Which recent requests' });
    fireEvent.click(within(group).getByRole('button', { name: 'Refused & failed' }));
    await within(panel).findByText('2 requests · 1 refused · 1 failed');
    expect(backend.callsTo('requests:recent').at(-1)).toEqual({ limit: 50, problems: true });
    expect(within(panel).getByText(/refused or that failed, among the last 200/)).toBeTruthy();
    backend.handlers['requests:recent'] = () => [];
    fireEvent.click(within(group).getByRole('button', { name: 'All' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Refused & failed' }));
    act(() => backend.emit('requests:changed', { recorded: 99 }));
    expect(await within(panel).findByText('No refused or failed requests among the last 200.')).toBeTruthy();
  });

  it('says so when the gateway has recorded no request yet', async () => {
    const backend = createFakeBackend();
    backend.handlers['requests:recent'] = () => [];
    renderWithBackend(<SpendScreen />, backend);
    expect(await screen.findByText('No requests since PENIN started.')).toBeTruthy();
  });

  it('lists spend by provider and by model', async () => {
    renderWithBackend(<SpendScreen />);
    const byProvider = await screen.findByRole('region', { name: 'By provider' });
    expect(within(byProvider).getByText('openai')).toBeTruthy();
    expect(within(byProvider).getByText('$18.20')).toBeTruthy();
    const byModel = screen.getByRole('region', { name: 'By model' });
    expect(within(byModel).getByText('claude-sonnet')).toBeTruthy();
  });

  it('follows budget:changed pushes without refetching', async () => {
    const { backend } = renderWithBackend(<Live />);
    await screen.findByText('$31.42');
    const fetches = backend.callsTo('budget:get').length;
    act(() =>
      backend.emit('budget:changed', {
        ...budget,
        spendUsd: 49,
        remainingUsd: 1,
        percentUsed: 98,
        status: 'SOFT_LIMIT_EXCEEDED',
        at: budget.at + 5000,
      }),
    );
    expect(await screen.findByText('$49.00')).toBeTruthy();
    expect(screen.getByText('Soft limit: refusing')).toBeTruthy();
    expect(backend.callsTo('budget:get')).toHaveLength(fetches);
  });

  it('says what to do when PENIN is unreachable', async () => {
    const backend = createFakeBackend();
    backend.setStatus('closed');
    backend.handlers['budget:get'] = () => {
      throw new FakeWireError('unavailable', 'not connected to PENIN');
    };
    renderWithBackend(<SpendScreen />, backend);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Not connected to PENIN: start penin serve/);
  });

  it('says the router core is not available, and why, when PENIN answers without it', async () => {
    const backend = createFakeBackend();
    backend.handlers['budget:get'] = () => {
      throw new FakeWireError('unavailable', 'the router core could not start: port 8787 is in use');
    };
    renderWithBackend(<SpendScreen />, backend);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The router core is not available\./);
    expect(alert.textContent).toMatch(
      /The router core could not start: port 8787 is in use\. The ledger browser works meanwhile\. Fix the cause, then restart PENIN\./,
    );
    expect(alert.textContent).not.toMatch(/Not connected/);
  });
});
