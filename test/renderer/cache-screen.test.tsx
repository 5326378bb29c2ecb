// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CacheScreen } from '../../renderer/src/screens/CacheScreen';
import { useLiveSync } from '../../renderer/src/hooks/useLiveSync';
import { createFakeBackend } from './fake-api';
import { renderWithBackend } from './render-app';
import { cacheStats } from './fixtures';

function Live() {
  useLiveSync();
  return <CacheScreen />;
}

describe('Cache', () => {
  it('shows hit rate, occupancy against the limits, evictions and expiries', async () => {
    renderWithBackend(<CacheScreen />);
    const hit = await screen.findByRole('group', { name: 'Hit rate' });
    expect(within(hit).getByText('30.0%')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Entries' })).getByText(/812/)).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Entries' })).getByText(/of 1,000/)).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Bytes' })).getByText(/3\.2 MiB/)).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Evictions' })).getByText('17')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Expired' })).getByText('55')).toBeTruthy();
    const integrity = screen.getByRole('group', { name: 'Integrity failures' });
    expect(integrity.className).not.toMatch(/stat--bad/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows integrity failures in red with an alert', async () => {
    const backend = createFakeBackend();
    backend.handlers['cache:stats'] = () => ({ ...cacheStats, integrityFailures: 3 });
    renderWithBackend(<CacheScreen />, backend);
    const integrity = await screen.findByRole('group', { name: 'Integrity failures' });
    expect(integrity.className).toMatch(/stat--bad/);
    expect(within(integrity).getByText('3')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/3 cache integrity failures/);
  });

  it('turns red when a cache:changed push reports a failure', async () => {
    const { backend } = renderWithBackend(<Live />);
    await screen.findByRole('group', { name: 'Integrity failures' });
    act(() => backend.emit('cache:changed', { ...cacheStats, integrityFailures: 1 }));
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Integrity failures' }).className).toMatch(/stat--bad/),
    );
  });
});
