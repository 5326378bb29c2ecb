// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CacheScreen } from '../../../../renderer/src/features/cache/CacheScreen';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { createFakeBackend, FakeWireError } from '../../helpers/fake-api';
import { renderWithBackend } from '../../helpers/render-app';
import { cacheStats } from '../../helpers/fixtures';

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

  it('fits the size chart to the data and names the byte limit above it, until Show limits', async () => {
    renderWithBackend(<CacheScreen />);
    const group = await screen.findByRole('group', { name: 'Cache size over time scale' });
    // 3.3 MB stored of a 9.5 MiB limit: the fitted scale stops at 4 MiB.
    expect(await screen.findByText(/Above this scale: max 9\.5 MiB\./)).toBeTruthy();
    fireEvent.click(within(group).getByRole('button', { name: 'Show limits' }));
    expect(screen.queryByText(/Above this scale/)).toBeNull();
    expect(window.localStorage.getItem('penin.scale.cache-size')).toBe('limits');
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

  it('clears the cache after asking why; the answer replaces the counters', async () => {
    const { backend } = renderWithBackend(<CacheScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear cache…' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toMatch(/All 812 cached responses \(3\.2 MiB\) are dropped/);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'no' } });
    fireEvent.submit(dialog);
    expect(backend.callsTo('cache:clear')).toHaveLength(0);
    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: 'integrity failures after disk swap' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear cache' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('cache:clear')).toEqual([{ reason: 'integrity failures after disk swap' }]);
    expect(within(screen.getByRole('group', { name: 'Entries' })).queryByText(/812/)).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Entries' })).getByText('0.0% used')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Clear cache…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps the dialog open with the reason when the ledger refuses the action', async () => {
    const backend = createFakeBackend();
    backend.handlers['cache:clear'] = () => {
      throw new FakeWireError('unavailable', 'ledger unavailable (disk full): the cache was not cleared');
    };
    renderWithBackend(<CacheScreen />, backend);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear cache…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'maintenance' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear cache' }));
    expect(await within(dialog).findByText(/the cache was not cleared/)).toBeTruthy();
    expect((within(dialog).getByRole('textbox') as HTMLTextAreaElement).value).toBe('maintenance');
    expect(within(screen.getByRole('group', { name: 'Entries' })).getByText(/812/)).toBeTruthy();
  });
});
