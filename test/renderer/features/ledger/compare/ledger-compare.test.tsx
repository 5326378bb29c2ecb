// @vitest-environment jsdom
// Two copies side by side: the verdict, both tables opened at the fork with the differing entries
// highlighted on both sides, the keyboard moving the selection, and the selected entry's fields
// that differ between the copies.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LedgerRow, LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import {
  forkIndex,
  LedgerCompareView,
  rowDiffers,
} from '../../../../../renderer/src/features/ledger/compare/LedgerCompareView';
import { LedgerScreen } from '../../../../../renderer/src/features/ledger/LedgerScreen';
import { renderWithBackend } from '../../../helpers/render-app';
import { createFakeBackend } from '../../../helpers/fake-api';
import * as fx from '../../../helpers/fixtures';

const A: LedgerSessionInfo = { sessionId: 'a', path: '/ledgers/auditor.jsonl', readOnly: true, bytes: 1 };
const B: LedgerSessionInfo = { sessionId: 'b', path: '/ledgers/operator.jsonl', readOnly: true, bytes: 1 };
const FORK = 500_000;
const B_ENTRIES = 500_010;

/** B: the same rows as A up to the fork, then 10 entries of its own. */
function bRow(i: number): LedgerRow {
  const row = fx.ledgerRow(i);
  return i < FORK ? row : { ...row, reason: `operator's ${i}`, currentHash: fx.hashOf(i + 9) };
}

function backend() {
  const be = createFakeBackend();
  const rows = be.handlers['ledger:rows'];
  be.handlers['ledger:rows'] = async (req) => {
    if (req.sessionId !== 'b') return rows(req);
    const out: LedgerRow[] = [];
    for (let i = req.from; i < Math.min(B_ENTRIES, req.from + req.count); i++) out.push(bRow(i));
    return { rows: out, total: B_ENTRIES };
  };
  const entry = be.handlers['ledger:entry'];
  be.handlers['ledger:entry'] = async (req) => {
    const d = await entry(req);
    if (req.sessionId !== 'b' || req.index < FORK) return d;
    const stored = d.stored!.replace(/"reason": "[^"]*"/, `"reason": "operator's ${req.index}"`);
    return { ...d, stored, raw: [{ text: stored }] };
  };
  return be;
}

describe('forkIndex and rowDiffers', () => {
  const d = fx.ledgerDiff('a', 'b');
  it('the fork is the first difference, or the end of the shorter copy', () => {
    expect(forkIndex(d)).toBe(FORK);
    expect(
      forkIndex({
        ...d,
        firstDifference: null,
        commonPrefix: 7,
        classification: { kind: 'prefix', shorter: 'b', tornCopy: false },
      }),
    ).toBe(7);
    expect(forkIndex({ ...d, firstDifference: null, classification: { kind: 'identical' } })).toBeNull();
  });
  it('rows of the common prefix never differ; after it, a missing or changed row does', () => {
    expect(rowDiffers(d, 10, fx.ledgerRow(10), undefined)).toBe(false);
    expect(rowDiffers(d, FORK, fx.ledgerRow(FORK), fx.ledgerRow(FORK))).toBe(true);
    expect(rowDiffers(d, FORK + 1, fx.ledgerRow(FORK + 1), fx.ledgerRow(FORK + 1))).toBe(false);
    expect(rowDiffers(d, FORK + 1, fx.ledgerRow(FORK + 1), bRow(FORK + 1))).toBe(true);
    expect(rowDiffers(d, FORK + 20, fx.ledgerRow(FORK + 20), undefined)).toBe(true);
  });
});

describe('LedgerCompareView', () => {
  it('opens at the fork: the verdict, both sides, the differing rows highlighted and their fields', async () => {
    const be = backend();
    renderWithBackend(<LedgerCompareView a={A} b={B} onClose={() => {}} />, be);
    const summary = await screen.findByRole('region', { name: 'How the copies compare' });
    expect(summary.textContent).toContain('forked at entry 500,000');
    expect(summary.textContent).toContain('A and B forked at entry 500000');
    const grid = await screen.findByRole('grid', { name: 'Both copies, entry by entry' });
    await waitFor(() =>
      expect(grid.querySelector('[data-index="500000"] .ccell--b')?.textContent).toContain(
        "operator's 500000",
      ),
    );
    const fork = grid.querySelector('[data-index="500000"]')!;
    expect(fork.className).toContain('crow--differs');
    expect(fork.className).toContain('crow--fork');
    expect(fork.getAttribute('aria-selected')).toBe('true');
    // Context above the fork is the same on both sides, and not highlighted.
    expect(grid.querySelector('[data-index="499999"]')!.className).not.toContain('crow--differs');
    // After B ends: "no entry" on its side, still highlighted.
    const past = grid.querySelector('[data-index="500050"]')!;
    expect(past.querySelector('.ccell--b')!.textContent).toBe('no entry');
    expect(past.className).toContain('crow--differs');
    expect(be.callsTo('ledger:rows')).toEqual(
      expect.arrayContaining([
        { sessionId: 'a', from: FORK - 5, count: 100 },
        { sessionId: 'b', from: FORK - 5, count: 100 },
      ]),
    );
    // The field-level difference of the selected entry.
    const fields = await screen.findByRole('table', { name: 'Fields of entry 500000 that differ' });
    const reason = within(fields).getByRole('row', { name: /reason/ });
    expect(reason.textContent).toContain('"routed to provider');
    expect(reason.textContent).toContain(`"operator's 500000"`);
  });

  it('with a key: which copy each signed checkpoint vouches for', async () => {
    const be = backend();
    be.handlers['ledger:diff'] = ({ sessionIdA, sessionIdB }) => ({
      ...fx.ledgerDiff(sessionIdA, sessionIdB),
      checkpoints: [
        {
          entries: 400_000,
          head: fx.hashOf(399_999),
          time: '2025-11-25T10:00:00Z',
          foundIn: 'both',
          vouchesFor: 'both',
        },
        {
          entries: 600_000,
          head: fx.hashOf(599_999),
          time: '2025-11-25T12:00:00Z',
          foundIn: 'a',
          vouchesFor: 'a',
        },
      ],
    });
    renderWithBackend(<LedgerCompareView a={A} b={B} publicKeyPath="/k.pub" onClose={() => {}} />, be);
    const summary = await screen.findByRole('region', { name: 'How the copies compare' });
    expect(summary.textContent).toContain(
      '400,000 entries (2025-11-25T10:00:00Z, in both sidecars): vouches for both',
    );
    expect(summary.textContent).toContain(
      "600,000 entries (2025-11-25T12:00:00Z, in A's sidecar): vouches for A",
    );
    expect(be.callsTo('ledger:diff')).toEqual([
      { sessionIdA: 'a', sessionIdB: 'b', publicKeyPath: '/k.pub' },
    ]);
  });

  it('the keyboard moves the selection; above the fork the entries are the same', async () => {
    renderWithBackend(<LedgerCompareView a={A} b={B} onClose={() => {}} />, backend());
    const grid = await screen.findByRole('grid', { name: 'Both copies, entry by entry' });
    await screen.findByRole('table', { name: /Fields of entry 500000/ });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(grid.querySelector('[aria-selected="true"]')!.getAttribute('data-index')).toBe('499999');
    await screen.findByText('Entry #499999 is the same line in both copies.');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(grid.querySelector('[aria-selected="true"]')!.getAttribute('data-index')).toBe('500094');
    await screen.findByText(/Only A has entry #500094/);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(grid.querySelector('[aria-selected="true"]')!.getAttribute('data-index')).toBe('499995');
  });
});

describe('the Ledger screen: compare with another copy', () => {
  it('opens the second copy beside the first and closes it again', async () => {
    const be = backend();
    be.handlers['ledger:openAudit'] = ({ path }) => (path.includes('operator') ? B : { ...A, path });
    renderWithBackend(<LedgerScreen />, be);
    fireEvent.change(screen.getByLabelText('Ledger file to audit'), { target: { value: A.path } });
    fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
    const form = await screen.findByRole('form', { name: 'Compare with another copy' });
    fireEvent.change(within(form).getByLabelText('Compare with another copy'), { target: { value: B.path } });
    fireEvent.change(within(form).getByLabelText('Public key file (optional)'), {
      target: { value: '/keys/writer.pub' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Compare side by side' }));
    await screen.findByRole('region', { name: 'Two copies side by side' });
    await waitFor(() =>
      expect(be.callsTo('ledger:diff')).toEqual([
        { sessionIdA: 'a', sessionIdB: 'b', publicKeyPath: '/keys/writer.pub' },
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close comparison' }));
    await waitFor(() => expect(be.callsTo('ledger:close')).toEqual([{ sessionId: 'b' }]));
    expect(screen.queryByRole('region', { name: 'Two copies side by side' })).toBeNull();
  });
});
