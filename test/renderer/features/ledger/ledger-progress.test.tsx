// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VerifyProgress } from '../../../../shared/ipc/contract';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { createFakeBackend } from '../../helpers/fake-api';
import { renderWithBackend } from '../../helpers/render-app';

function Live() {
  useLiveSync();
  return <LedgerScreen />;
}

describe('Verification progress', () => {
  it('shows a progress bar while a large file verifies, then the verdict', async () => {
    const backend = createFakeBackend();
    const progress: VerifyProgress = {
      sessionId: 'audit-1',
      bytesRead: 250_000_000,
      totalBytes: 1_000_000_000,
      entries: 240_000,
      breaks: 1,
      done: false,
    };
    backend.handlers['ledger:progress'] = () => progress;
    renderWithBackend(<Live />, backend);
    fireEvent.change(screen.getByRole('textbox', { name: 'Ledger file to audit' }), {
      target: { value: '/audit/big.jsonl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));

    const bar = await screen.findByRole('progressbar', { name: 'Verification progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText(/1 break so far/)).toBeTruthy();

    act(() => backend.emit('ledger:progress', { ...progress, bytesRead: 800_000_000, entries: 780_000 }));
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('80'));

    const rowsBefore = backend.callsTo('ledger:rows').length;
    act(() =>
      backend.emit('ledger:progress', {
        ...progress,
        bytesRead: 1_000_000_000,
        entries: 1_000_000,
        breaks: 3,
        done: true,
      }),
    );
    expect(await screen.findByText('Chain broken')).toBeTruthy();
    expect(screen.getByText(/3 breaks found/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    // Breaks found late show up in the rows: the visible pages are fetched again.
    await waitFor(() => expect(backend.callsTo('ledger:rows').length).toBeGreaterThan(rowsBefore));
  });

  it('refreshes the tail of a live ledger when entries are appended', async () => {
    const backend = createFakeBackend();
    backend.ledger.total = 150;
    renderWithBackend(<Live />, backend);
    await screen.findByText('/var/lib/penin/ledger.jsonl');
    fireEvent.click(screen.getByRole('button', { name: 'Open live ledger' }));
    await waitFor(() => expect(screen.getByText(/150 entries/)).toBeTruthy());
    backend.ledger.total = 175;
    act(() => backend.emit('ledger:appended', { entries: 175, head: 'h' }));
    await waitFor(() => expect(screen.getByText(/175 entries/)).toBeTruthy());
  });
});
