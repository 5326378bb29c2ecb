// @vitest-environment jsdom
// The merged view of a fleet's ledgers: opened from the ledger screen, rows tagged with their
// file, the break on its own file's row, and the instance filter.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import { parsePaths } from '../../../../renderer/src/features/ledger/merged/useMergedLedger';
import { renderWithBackend } from '../../helpers/render-app';

function bodyRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Merged ledger entries' });
  return within(table).getAllByRole('row').slice(1);
}

describe('Merged ledgers', () => {
  it('reads paths one a line or by commas', () => {
    expect(parsePaths(' /a.jsonl\n\n/b.jsonl, /c.jsonl ')).toEqual(['/a.jsonl', '/b.jsonl', '/c.jsonl']);
  });

  it('opens several ledgers and shows them merged by time, tagged and filtered by instance', async () => {
    const { backend } = renderWithBackend(<LedgerScreen />);
    fireEvent.change(screen.getByLabelText('Ledger files, one per line'), {
      target: { value: '/fleet/gw-0.jsonl\n/fleet/gw-1.jsonl\n/fleet/gw-2.jsonl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open merged' }));
    await screen.findByRole('table', { name: 'Merged ledger entries' });
    await waitFor(() => expect(bodyRows()).toHaveLength(15));
    expect(backend.calls.find((c) => c.channel === 'ledger:openSet')?.request).toEqual({
      paths: ['/fleet/gw-0.jsonl', '/fleet/gw-1.jsonl', '/fleet/gw-2.jsonl'],
    });
    const rows = bodyRows();
    expect(rows.slice(0, 3).map((r) => r.dataset.file)).toEqual(['0', '1', '2']);
    expect(within(rows[1]).getByText('gw-1.jsonl')).toBeTruthy();
    // Entry 2 of gw-1 is broken: that row, and only it, is highlighted.
    const broken = rows.filter((r) => r.classList.contains('mrow--break'));
    expect(broken).toHaveLength(1);
    expect(broken[0].dataset.file).toBe('1');
    expect(within(broken[0]).getByText('content')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('15 entries merged by time');
    // Filter: gw-1 hidden.
    fireEvent.click(screen.getByRole('checkbox', { name: 'gw-1.jsonl' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(10));
    expect(bodyRows().some((r) => r.dataset.file === '1')).toBe(false);
    expect(backend.calls.filter((c) => c.channel === 'ledger:mergedRows').pop()?.request).toMatchObject({
      files: [0, 2],
    });
  });
});
