// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakersScreen } from '../../../../renderer/src/features/breakers/BreakersScreen';
import { createFakeBackend, FakeWireError } from '../../helpers/fake-api';
import * as fx from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

async function openResetDialog() {
  const card = await screen.findByRole('article', { name: 'Breaker anthropic' });
  fireEvent.click(within(card).getByRole('button', { name: 'Reset' }));
  return screen.getByRole('dialog');
}

// jsdom has no layout: give elements a width so the timeline draws.
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() =>
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 900 }),
);
afterAll(() => {
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

describe('Breakers', () => {
  it('shows each provider with its state, counts and retry-after', async () => {
    renderWithBackend(<BreakersScreen />);
    const open = await screen.findByRole('article', { name: 'Breaker anthropic' });
    expect(within(open).getByText('Open')).toBeTruthy();
    expect(within(open).getByText('41')).toBeTruthy(); // rejected
    expect(within(open).getByText(/^2[01]s$/)).toBeTruthy(); // retry-after counting down from 21 s
    const closed = screen.getByRole('article', { name: 'Breaker openai' });
    expect(within(closed).getByText('Closed')).toBeTruthy();
    expect(screen.getByTestId('timeline-anthropic').querySelectorAll('rect.band--open').length).toBe(1);
  });

  it('draws no state before a breaker was first observed: a hatched "no data" band, named in the legend', async () => {
    const backend = createFakeBackend();
    const started = Date.now() - 10 * 60_000; // 10 minutes into the default 1-hour window
    backend.handlers['breakers:list'] = () =>
      fx.breakers.map((b) => ({ ...b, transitions: [], state: 'closed' as const, observedSince: started }));
    renderWithBackend(<BreakersScreen />, backend);
    await screen.findByRole('article', { name: 'Breaker openai' });
    const row = screen.getByTestId('timeline-openai');
    const noData = row.querySelectorAll('rect.band--no_data');
    expect(noData.length).toBe(1);
    expect(noData[0].textContent).toMatch(/^No data \(before the breaker was first observed\)/);
    // Closed only from the first observation on, never for the time before it.
    const closed = row.querySelectorAll('rect.band--closed');
    expect(closed.length).toBe(1);
    expect(Number(closed[0].getAttribute('x'))).toBeGreaterThan(Number(noData[0].getAttribute('x')));
    expect(screen.getByText('No data', { selector: '.legend__item' })).toBeTruthy();
  });

  it('reset asks for a reason of at least 3 characters, then calls breakers:reset', async () => {
    const { backend } = renderWithBackend(<BreakersScreen />);
    const dialog = await openResetDialog();
    const confirm = within(dialog).getByRole('button', { name: 'Reset breaker' }) as HTMLButtonElement;
    const reason = within(dialog).getByRole('textbox');
    expect(confirm.disabled).toBe(true);

    fireEvent.change(reason, { target: { value: 'ok' } });
    fireEvent.blur(reason);
    expect(confirm.disabled).toBe(true);
    expect(within(dialog).getByText(/at least 3 characters/)).toBeTruthy();
    fireEvent.submit(dialog);
    expect(backend.callsTo('breakers:reset')).toHaveLength(0);

    fireEvent.change(reason, { target: { value: 'provider incident resolved' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('breakers:reset')).toEqual([
      { provider: 'anthropic', reason: 'provider incident resolved' },
    ]);
    // The answer replaces the breaker in place.
    const card = screen.getByRole('article', { name: 'Breaker anthropic' });
    expect(within(card).getByText('Closed')).toBeTruthy();
  });

  it('force open calls breakers:forceOpen with the reason', async () => {
    const { backend } = renderWithBackend(<BreakersScreen />);
    const card = await screen.findByRole('article', { name: 'Breaker openai' });
    fireEvent.click(within(card).getByRole('button', { name: 'Force open' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'maintenance window' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Force open' }));
    await waitFor(() => expect(backend.callsTo('breakers:forceOpen')).toHaveLength(1));
    expect(backend.callsTo('breakers:forceOpen')[0]).toEqual({
      provider: 'openai',
      reason: 'maintenance window',
    });
    await waitFor(() => expect(within(card).getByText('Open (forced)')).toBeTruthy());
  });

  it('shows the error when the action fails and keeps the dialog open', async () => {
    const backend = createFakeBackend();
    backend.handlers['breakers:reset'] = () => {
      throw new FakeWireError('forbidden', 'operator actions are disabled in read-only mode');
    };
    renderWithBackend(<BreakersScreen />, backend);
    const dialog = await openResetDialog();
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'try it' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset breaker' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/read-only mode/);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('cancel closes the dialog without calling anything', async () => {
    const { backend } = renderWithBackend(<BreakersScreen />);
    const dialog = await openResetDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.callsTo('breakers:reset')).toHaveLength(0);
  });
});
