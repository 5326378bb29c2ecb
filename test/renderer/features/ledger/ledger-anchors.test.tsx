// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import {
  chainCaveat,
  coverageText,
  parsePinsText,
} from '../../../../renderer/src/features/ledger/anchor-summary';
import { createFakeBackend } from '../../helpers/fake-api';
import { anchorStatus, hashOf } from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

function rowOfEntry(index: number): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-index]')).find(
    (r) => r.dataset.index === String(index),
  );
}

async function openLive(backend = createFakeBackend()) {
  const r = renderWithBackend(<LedgerScreen />, backend);
  await screen.findByText('/var/lib/penin/ledger.jsonl');
  fireEvent.click(screen.getByRole('button', { name: 'Open live ledger' }));
  await waitFor(() => expect(rowOfEntry(0)).toBeTruthy());
  return r;
}

async function openAudit(backend = createFakeBackend()) {
  const r = renderWithBackend(<LedgerScreen />, backend);
  fireEvent.change(screen.getByRole('textbox', { name: 'Ledger file to audit' }), {
    target: { value: '/audit/copy.jsonl' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
  await waitFor(() => expect(rowOfEntry(0)).toBeTruthy());
  return r;
}

const panel = () => screen.getByRole('region', { name: 'Signatures' });

describe('Signatures panel', () => {
  it('checks the live ledger with its own key once verified, and shows what the signatures cover', async () => {
    const { backend } = await openLive();
    expect(
      await within(panel()).findByText(
        '999,000 of 1,000,000 entries covered by 999 valid signed checkpoints (key 88ab6acd5c12e51f); 1,000 unsigned after the last checkpoint',
      ),
    ).toBeTruthy();
    expect(backend.callsTo('ledger:anchors')).toEqual([{ sessionId: 'live-1' }]);
    // The fake ledger's chain is broken (fx.BREAKS): never a green "Signed" alone beside it.
    expect(within(panel()).getByText('Signed · chain broken').className).toMatch(/pill--bad/);
    expect(within(panel()).queryByText('Signed')).toBeNull();
    // The live ledger grows after the check: the panel says when it was made.
    expect(within(panel()).getByText(/^as of \d\d:\d\d:\d\d$/)).toBeTruthy();
    expect(screen.getByTestId('coverage-signed').style.width).toBe('99.9%');
    expect(within(panel()).getByText(/unsigned tail entries 999,000–999,999/)).toBeTruthy();
    expect(within(panel()).queryAllByRole('button', { name: /go to it/ })).toEqual([]);

    fireEvent.click(within(panel()).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(backend.callsTo('ledger:anchors')).toHaveLength(2));
  });

  it('asks an audit for the public key, then marks a rewrite and a cut-off tail on the bar and in the rows', async () => {
    const { backend } = await openAudit();
    // An audit file does not change while open: no "as of" time is needed.
    expect(within(panel()).queryByText(/^as of /)).toBeNull();
    expect(within(panel()).getByText('Not checked')).toBeTruthy();
    expect(backend.callsTo('ledger:anchors')).toEqual([]);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Check signatures' }));
    expect(await within(panel()).findByText(/Give the public key file/)).toBeTruthy();
    expect(backend.callsTo('ledger:anchors')).toEqual([]);

    const rowsBefore = backend.callsTo('ledger:rows').length;
    fireEvent.change(within(panel()).getByRole('textbox', { name: 'Public key file' }), {
      target: { value: '/keys/tampered.pub' },
    });
    fireEvent.change(within(panel()).getByRole('textbox', { name: 'Pins' }), {
      target: { value: `3:${hashOf(3)},\n 7:${hashOf(7)}\n` },
    });
    fireEvent.click(within(panel()).getByRole('button', { name: 'Check signatures' }));

    const alarm = await within(panel()).findByText(/^Rewrite detected: the checkpoint signed at/);
    expect(alarm.textContent).toMatch(/says entry 999 had current_hash .*\(and 1 more place\)$/);
    expect(within(panel()).getByText(/^Truncation detected: .*the newest entries were cut off/)).toBeTruthy();
    expect(within(panel()).getByText('Tampering detected')).toBeTruthy();
    expect(
      within(panel()).getByText(
        /^1,000,000 of 1,000,000 entries covered by 1,000 valid signed checkpoints \(key 88ab6acd5c12e51f\), but the file does not match what was signed at 3 places; 1 checkpoint did not verify; 2 pins checked$/,
      ),
    ).toBeTruthy();
    expect(backend.callsTo('ledger:anchors')).toEqual([
      {
        sessionId: 'audit-1',
        publicKeyPath: '/keys/tampered.pub',
        pins: [`3:${hashOf(3)}`, `7:${hashOf(7)}`],
      },
    ]);
    // bad_signature details, each with a way to its entry
    const bad = within(panel()).getByRole('list', { name: 'Checkpoints that do not verify' });
    expect(within(bad).getByText(/line 601 .*does not verify/)).toBeTruthy();

    // The session's rows were refetched: the rewritten entry is red in the table.
    await waitFor(() => expect(backend.callsTo('ledger:rows').length).toBeGreaterThan(rowsBefore));
    const markers = within(panel()).getAllByRole('button', { name: /at entry \d+: go to it/ });
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual([
      'rewritten at entry 999: go to it',
      'rewritten at entry 400999: go to it',
      'truncated at entry 999999: go to it',
    ]);
    fireEvent.click(markers[1]);
    await waitFor(() => expect(rowOfEntry(400_999)?.getAttribute('aria-selected')).toBe('true'));
    expect(rowOfEntry(400_999)?.className).toMatch(/lrow--break/);
    expect(within(rowOfEntry(400_999) as HTMLElement).getByText('rewritten')).toBeTruthy();
    const detail = await screen.findByRole('complementary', { name: 'Entry 400999' });
    expect(await within(detail).findByText(/says entry 400999 had current_hash/)).toBeTruthy();

    // The toolbar's next break now finds the anchor breaks too.
    fireEvent.click(screen.getByRole('button', { name: /Next break/ }));
    await waitFor(() => expect(rowOfEntry(500_000)?.getAttribute('aria-selected')).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: /Next break/ }));
    await waitFor(() => expect(rowOfEntry(600_000)?.getAttribute('aria-selected')).toBe('true'));

    fireEvent.click(within(bad).getByRole('button', { name: 'Go to #600000' }));
    expect(await screen.findByRole('complementary', { name: 'Entry 600000' })).toBeTruthy();
  });

  it('refuses a malformed pin before asking, and shows why the server refused a key', async () => {
    const { backend } = await openAudit();
    fireEvent.change(within(panel()).getByRole('textbox', { name: 'Pins' }), {
      target: { value: '12:abc' },
    });
    fireEvent.click(within(panel()).getByRole('button', { name: 'Check signatures' }));
    expect(await within(panel()).findByText(/“12:abc” is not a pin: expected INDEX:HASH/)).toBeTruthy();
    expect(backend.callsTo('ledger:anchors')).toEqual([]);

    fireEvent.change(within(panel()).getByRole('textbox', { name: 'Pins' }), { target: { value: '' } });
    fireEvent.change(within(panel()).getByRole('textbox', { name: 'Public key file' }), {
      target: { value: '/keys/missing.pub' },
    });
    fireEvent.click(within(panel()).getByRole('button', { name: 'Check signatures' }));
    expect(
      await within(panel()).findByText(
        'Could not check the signatures: cannot use the public key: /keys/missing.pub: no such file',
      ),
    ).toBeTruthy();
  });

  it('beside a broken chain, says the signatures prove what was signed and where the chain breaks', async () => {
    const backend = createFakeBackend();
    // An entry edited in place: every checkpoint still verifies, all entries are covered.
    backend.handlers['ledger:anchors'] = () => ({
      ...anchorStatus,
      checkpoints: { total: 1000, valid: 1000, coveredEntries: 1_000_000 },
      notes: [],
      chain: { breaks: 1, firstIndexes: [41] },
    });
    await openLive(backend);
    const caveat = await within(panel()).findByText(/^The hash chain is broken at entry 41\./);
    expect(caveat.textContent).toMatch(/The signatures prove only what was signed/);
    expect(caveat.closest('[role="note"]')?.className).toMatch(/alert--bad/);
    expect(within(panel()).getByText(/^All 1,000,000 entries covered/)).toBeTruthy();
    const pill = within(panel()).getByText('Signed · chain broken');
    expect(pill.className).toMatch(/pill--bad/);
    expect(within(panel()).queryByText('Signed')).toBeNull();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Go to #41' }));
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'Entry 41' })).toBeTruthy());
  });

  it('names the first broken entries and the total when there are more', () => {
    const status = {
      ...anchorStatus,
      chain: { breaks: 7, firstIndexes: [3, 12, 500_000, 500_001, 999_990] },
    };
    expect(chainCaveat(status)).toMatch(
      /^The hash chain is broken at entries 3, 12, 500,000, 500,001, 999,990… \(7 breaks in all\)\./,
    );
    expect(chainCaveat({ ...anchorStatus, chain: { breaks: 2, firstIndexes: [41, 42] } })).toMatch(
      /^The hash chain is broken at entries 41 and 42\. /,
    );
    expect(chainCaveat(anchorStatus)).toBeNull();
  });

  it('a clean chain keeps the plain green verdict', async () => {
    const backend = createFakeBackend();
    backend.handlers['ledger:anchors'] = () => anchorStatus;
    await openLive(backend);
    expect((await within(panel()).findByText('Signed')).className).toMatch(/pill--ok/);
    expect(within(panel()).queryByText(/The hash chain is broken/)).toBeNull();
  });

  it('words coverage without a key, without a sidecar, and a full cover', () => {
    expect(parsePinsText(' 1:' + 'a'.repeat(64) + ' ,, \n2:' + 'B'.repeat(64))).toEqual({
      pins: ['1:' + 'a'.repeat(64), '2:' + 'B'.repeat(64)],
      problem: null,
    });
    expect(parsePinsText(Array.from({ length: 21 }, () => '0:' + 'a'.repeat(64)).join('\n')).problem).toMatch(
      /at most 20 pins/,
    );
    expect(
      coverageText(
        { ...anchorStatus, keyId: null, checkpoints: { total: 0, valid: 0, coveredEntries: 0 }, notes: [] },
        2,
      ),
    ).toBe('No public key: 2 pins checked; no checkpoint signature was checked.');
    expect(
      coverageText(
        {
          ...anchorStatus,
          checkpoints: { total: 0, valid: 0, coveredEntries: 0 },
          notes: [
            { index: 0, kind: 'unsigned_tail', detail: 'no checkpoint sidecar (x): no entry is covered' },
          ],
        },
        0,
      ),
    ).toBe(
      'No signed checkpoints for this ledger (key 88ab6acd5c12e51f): none of its 1,000,000 entries is covered',
    );
    expect(
      coverageText(
        { ...anchorStatus, entries: 25, checkpoints: { total: 3, valid: 3, coveredEntries: 25 }, notes: [] },
        0,
      ),
    ).toBe('All 25 entries covered by 3 valid signed checkpoints (key 88ab6acd5c12e51f)');
  });
});
