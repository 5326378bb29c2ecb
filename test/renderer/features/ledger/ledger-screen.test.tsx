// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import { ROW_HEIGHT } from '../../../../renderer/src/features/ledger/LedgerTable';
import { PAGE_SIZE } from '../../../../renderer/src/features/ledger/useLedgerRows';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { renderWithBackend } from '../../helpers/render-app';
import { LEDGER_TOTAL, ledgerRow as fxRow } from '../../helpers/fixtures';

function bodyRows(grid: HTMLElement): HTMLElement[] {
  return within(screen.getByTestId('ledger-spacer'))
    .queryAllByRole('row')
    .filter((r) => grid.contains(r));
}

function rowOfEntry(index: number): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-index]')).find(
    (r) => r.dataset.index === String(index),
  );
}

/** The ledger screen with the app's push subscriptions, as App mounts it. */
function LiveLedgerScreen() {
  useLiveSync();
  return <LedgerScreen />;
}

async function openLive() {
  const r = renderWithBackend(<LiveLedgerScreen />);
  await screen.findByText('/var/lib/penin/ledger.jsonl'); // app info loaded: the button is enabled
  fireEvent.click(screen.getByRole('button', { name: 'Open live ledger' }));
  const grid = await screen.findByRole('grid', { name: 'Ledger entries' });
  await waitFor(() => expect(rowOfEntry(0)).toBeTruthy());
  return { ...r, grid };
}

describe('Ledger browser', () => {
  it('says what to do when no ledger is open', async () => {
    renderWithBackend(<LedgerScreen />);
    expect(screen.getByText(/No ledger open: open the live ledger or an audit file/)).toBeTruthy();
    expect(await screen.findByText('/var/lib/penin/ledger.jsonl')).toBeTruthy();
  });

  it('renders only the visible rows of a 1,000,000-entry ledger, fetched by page', async () => {
    const { grid, backend } = await openLive();
    expect(grid.getAttribute('aria-rowcount')).toBe(String(LEDGER_TOTAL + 1));
    expect(screen.getByTestId('ledger-spacer').style.height).toBe(`${LEDGER_TOTAL * ROW_HEIGHT}px`);
    const rows = bodyRows(grid);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(50);
    const requests = backend.callsTo('ledger:rows');
    expect(requests.every((r) => r.count <= PAGE_SIZE)).toBe(true);
    expect(requests.length).toBeLessThanOrEqual(3);

    // Scroll to the middle: rows there replace the first ones, still a screenful.
    grid.scrollTop = 600_000 * ROW_HEIGHT;
    fireEvent.scroll(grid);
    await waitFor(() => expect(rowOfEntry(600_000)).toBeTruthy());
    expect(rowOfEntry(0)).toBeUndefined();
    expect(bodyRows(grid).length).toBeLessThan(50);
    expect(backend.callsTo('ledger:rows').some((r) => r.from === 600_000)).toBe(true);
  });

  it('highlights a broken row in red with its kind', async () => {
    await openLive();
    const broken = rowOfEntry(12);
    expect(broken?.className).toMatch(/lrow--break/);
    expect(within(broken as HTMLElement).getByText('link')).toBeTruthy();
    expect(rowOfEntry(11)?.className).not.toMatch(/lrow--break/);
  });

  it('next/previous break jump to the break, select it and open its detail', async () => {
    const { backend } = await openLive();
    fireEvent.click(screen.getByRole('button', { name: /Next break/ }));
    const detail = await screen.findByRole('complementary', { name: 'Entry 12' });
    expect(await within(detail).findByText('MISMATCH')).toBeTruthy(); // link: previous_hash vs prior current_hash

    fireEvent.click(screen.getByRole('button', { name: /Next break/ }));
    await waitFor(() => expect(rowOfEntry(500_000)?.getAttribute('aria-selected')).toBe('true'));
    expect(rowOfEntry(500_000)?.className).toMatch(/lrow--break/);
    expect(await screen.findByRole('complementary', { name: 'Entry 500000' })).toBeTruthy();
    expect(backend.callsTo('ledger:findBreak').map((r) => r.from)).toEqual([-1, 12]);

    fireEvent.click(screen.getByRole('button', { name: /Previous break/ }));
    await waitFor(() => expect(rowOfEntry(12)?.getAttribute('aria-selected')).toBe('true'));
  });

  it('moves with the keyboard and opens the entry with Enter', async () => {
    const { grid } = await openLive();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(rowOfEntry(0)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(rowOfEntry(1)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'End' });
    await waitFor(() => expect(rowOfEntry(LEDGER_TOTAL - 1)?.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(grid, { key: 'PageUp' });
    const sel = document.querySelector<HTMLElement>('[aria-selected="true"]');
    expect(Number(sel?.getAttribute('aria-rowindex')) - 2).toBeLessThan(LEDGER_TOTAL - 10);
    fireEvent.keyDown(grid, { key: 'Home' });
    await waitFor(() => expect(rowOfEntry(0)?.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(grid, { key: 'Enter' });
    const detail = await screen.findByRole('complementary', { name: 'Entry 0' });
    expect(await within(detail).findByText('genesis hash')).toBeTruthy();
  });

  it('jumps to an index typed in', async () => {
    await openLive();
    fireEvent.change(screen.getByRole('textbox', { name: 'Entry number or UTC time to go to' }), {
      target: { value: '777777' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    await waitFor(() => expect(rowOfEntry(777_777)?.getAttribute('aria-selected')).toBe('true'));
    expect(await screen.findByRole('complementary', { name: 'Entry 777777' })).toBeTruthy();
  });

  it("follows a live ledger's size as it grows, not the size it had when opened", async () => {
    const { backend } = await openLive();
    await waitFor(() => expect(screen.getByTestId('session-size').textContent).toBe('1000 B'));
    act(() =>
      backend.emit('ledger:progress', {
        sessionId: 'live-1',
        bytesRead: 2048,
        totalBytes: 2048,
        entries: LEDGER_TOTAL + 3,
        breaks: 0,
        done: true,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('session-size').textContent).toBe('2.0 KiB'));
  });

  it('goes to the first entry at or after a UTC time typed in, and says which it is', async () => {
    const { backend } = await openLive();
    const box = screen.getByRole('textbox', { name: 'Entry number or UTC time to go to' });
    const go = screen.getByRole('button', { name: 'Go' });
    // Entry i of the fixture is (1,000,000 - i) seconds before NOW: its time cut to the second
    // falls after entry i - 1's, so entry i is the first at or after it.
    const target = LEDGER_TOTAL - 1000;
    const typed = fxRow(target).timestamp.slice(0, 19).replace('T', ' '); // "YYYY-MM-DD HH:MM:SS", UTC
    fireEvent.change(box, { target: { value: typed } });
    fireEvent.click(go);
    await waitFor(() => expect(rowOfEntry(target)?.getAttribute('aria-selected')).toBe('true'));
    expect(backend.callsTo('ledger:findTime')).toEqual([
      { sessionId: 'live-1', at: Date.parse(`${typed}Z`) },
    ]);
    expect(
      await screen.findByText(`First entry at or after ${typed} UTC: #${target}, at ${typed}.`),
    ).toBeTruthy();

    fireEvent.change(box, { target: { value: '2999-01-01' } });
    fireEvent.click(go);
    expect(await screen.findByText(/No entry at or after 2999-01-01 00:00:00 UTC\./)).toBeTruthy();
  });

  it('refuses what reads as neither an entry number nor a time: Go stays disabled', async () => {
    await openLive();
    const box = screen.getByRole('textbox', { name: 'Entry number or UTC time to go to' });
    fireEvent.change(box, { target: { value: '2026-02-30' } });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Go' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(box, { target: { value: '42' } });
    expect(box.getAttribute('aria-invalid')).toBe('false');
    expect((screen.getByRole('button', { name: 'Go' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses an entry number past the end, saying why, with a filter on or not', async () => {
    await openLive();
    const box = screen.getByRole('textbox', { name: 'Entry number or UTC time to go to' });
    const go = () => screen.getByRole('button', { name: 'Go' }) as HTMLButtonElement;
    const said = 'entry 1,000,000 is past the end (1,000,000 entries; the last is #999,999)';
    fireEvent.change(box, { target: { value: String(LEDGER_TOTAL) } });
    expect(go().disabled).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(said)).toBeTruthy();
    expect(go().title).toBe(said);
    // Enter does not go either (no quiet jump to the last entry).
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    expect(screen.queryByRole('complementary', { name: /^Entry / })).toBeNull();
    // Far past the end, the largest number the box reads.
    fireEvent.change(box, { target: { value: '999999999999999' } });
    expect(go().disabled).toBe(true);
    expect(screen.getByText(/^entry 999,999,999,999,999 is past the end/)).toBeTruthy();
    // The last entry is fine.
    fireEvent.change(box, { target: { value: String(LEDGER_TOTAL - 1) } });
    expect(go().disabled).toBe(false);
    expect(screen.queryByText(/past the end/)).toBeNull();
    // A filter does not change what the end of the ledger is.
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by decision' }), {
      target: { value: 'BLOCK' },
    });
    await waitFor(() => expect(screen.getByText(/matching entries/).textContent).toContain('58,824'));
    fireEvent.change(box, { target: { value: '2000000' } });
    expect(go().disabled).toBe(true);
    expect(screen.getByText(/^entry 2,000,000 is past the end \(1,000,000 entries/)).toBeTruthy();
  });

  it('filters on the server by decision', async () => {
    const { backend } = await openLive();
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by decision' }), {
      target: { value: 'BLOCK' },
    });
    await waitFor(() => expect(screen.getByText(/matching entries/).textContent).toContain('58,824'));
    expect(backend.callsTo('ledger:rows').some((r) => r.decision === 'BLOCK')).toBe(true);
    await waitFor(() => expect(rowOfEntry(17)).toBeTruthy());
    expect(rowOfEntry(1)).toBeUndefined();
  });

  it('opens a file for audit read-only, and reports a missing file', async () => {
    const { backend } = renderWithBackend(<LedgerScreen />);
    const path = screen.getByRole('textbox', { name: 'Ledger file to audit' });
    fireEvent.change(path, { target: { value: '/audit/missing.jsonl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no such file/);

    fireEvent.change(path, { target: { value: '/audit/ledger-2025-11.jsonl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
    expect((await screen.findByRole('note')).textContent).toMatch(/Read-only audit/);
    expect(backend.callsTo('ledger:openAudit').at(-1)).toEqual({ path: '/audit/ledger-2025-11.jsonl' });
    expect(await screen.findByText(/Chain broken/)).toBeTruthy();
  });
});
