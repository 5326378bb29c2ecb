// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FleetScreen } from '../../../../renderer/src/features/fleet/FleetScreen';
import { SpendScreen } from '../../../../renderer/src/features/spend/SpendScreen';
import { createFakeBackend } from '../../helpers/fake-api';
import { renderWithBackend } from '../../helpers/render-app';

function fill(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function attach(url: string, token: string, name?: string) {
  fill(/Console URL/, url);
  fill(/^Token/, token);
  if (name) fill(/Name/, name);
  fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
}

describe('Fleet screen', () => {
  it('says how to attach when nothing is attached', async () => {
    renderWithBackend(<FleetScreen />);
    expect(await screen.findByText('No instance attached.')).toBeTruthy();
    expect((screen.getByLabelText(/^Token/) as HTMLInputElement).type).toBe('password');
  });

  it('attaches two instances and lists them with health, req/s, spend, breakers and the totals', async () => {
    const { backend } = renderWithBackend(<FleetScreen />);
    await screen.findByText('No instance attached.');
    await attach('http://127.0.0.1:4001/', 'tok-a', 'alpha');
    await screen.findByRole('row', { name: 'Instance alpha' });
    expect(backend.callsTo('fleet:attach')).toEqual([
      { url: 'http://127.0.0.1:4001/', token: 'tok-a', name: 'alpha' },
    ]);
    // The form empties (the token is not kept on screen).
    await waitFor(() => expect((screen.getByLabelText(/^Token/) as HTMLInputElement).value).toBe(''));
    await attach('http://127.0.0.1:4002/', 'tok-b');
    const beta = await screen.findByRole('row', { name: 'Instance 127.0.0.1:4002' });
    expect(backend.callsTo('fleet:attach')[1]).toEqual({ url: 'http://127.0.0.1:4002/', token: 'tok-b' });

    const alpha = screen.getByRole('row', { name: 'Instance alpha' });
    expect(within(alpha).getByRole('img', { name: 'Up' })).toBeTruthy();
    expect(within(alpha).getByText('2.5/s')).toBeTruthy();
    expect(within(alpha).getByText('$1.50')).toBeTruthy();
    // The second has its openai breaker open: named, as a pill.
    expect(within(beta).getByText('openai')).toBeTruthy();
    expect(within(beta).getByText('Open')).toBeTruthy();

    const totals = screen.getByRole('row', { name: 'Fleet totals' });
    expect(within(totals).getByText('2 of 2 up')).toBeTruthy();
    expect(within(totals).getByText('6.0/s')).toBeTruthy();
    expect(within(totals).getByText('$4.00')).toBeTruthy();
  });

  it('refuses a URL of another scheme before asking main', async () => {
    const { backend } = renderWithBackend(<FleetScreen />);
    await screen.findByText('No instance attached.');
    fill(/Console URL/, 'ftp://host/');
    fill(/^Token/, 'x');
    expect(await screen.findByText(/Use an http:\/\/, https:\/\//)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Attach' }) as HTMLButtonElement).disabled).toBe(true);
    expect(backend.callsTo('fleet:attach')).toEqual([]);
  });

  it('shows why an attach failed', async () => {
    renderWithBackend(<FleetScreen />);
    await screen.findByText('No instance attached.');
    await attach('http://refused.example/', 'bad');
    expect((await screen.findByRole('alert')).textContent).toMatch(/refused the token/);
  });

  it('detaches an instance', async () => {
    const { backend } = renderWithBackend(<FleetScreen />);
    await screen.findByText('No instance attached.');
    await attach('http://127.0.0.1:4001/', 'tok-a', 'alpha');
    fireEvent.click(await screen.findByRole('button', { name: 'Detach alpha' }));
    expect(await screen.findByText('No instance attached.')).toBeTruthy();
    expect(backend.callsTo('fleet:detach')).toEqual([{ id: 'inst-0' }]);
  });

  it('takes a fleet:changed push as the new status', async () => {
    const { backend } = renderWithBackend(<FleetScreen />);
    await screen.findByText('No instance attached.');
    backend.handlers['fleet:attach']({ url: 'http://127.0.0.1:4001/', token: 't', name: 'pushed' });
    backend.emit('fleet:changed', structuredClone(backend.fleet));
    expect(await screen.findByRole('row', { name: 'Instance pushed' })).toBeTruthy();
  });
});

describe('Spend screen with a fleet attached', () => {
  it('shows the fleet spend under the budget gauge only when instances are attached', async () => {
    const backend = createFakeBackend();
    renderWithBackend(<SpendScreen />, backend);
    await screen.findByRole('meter', { name: 'Spend against the daily limit' });
    await waitFor(() => expect(backend.callsTo('fleet:status').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('fleet-spend')).toBeNull();
    backend.handlers['fleet:attach']({ url: 'http://127.0.0.1:4001/', token: 't', name: 'a' });
    backend.handlers['fleet:attach']({ url: 'http://127.0.0.1:4002/', token: 't', name: 'b' });
    backend.emit('fleet:changed', structuredClone(backend.fleet));
    const fleet = await screen.findByTestId('fleet-spend');
    expect(
      within(fleet).getByRole('meter', { name: /Fleet spend today \(2 instances, 2 up\) used/ }),
    ).toBeTruthy();
    expect(within(fleet).getByText('$4.00')).toBeTruthy();
  });
});
