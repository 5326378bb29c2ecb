// @vitest-environment jsdom
// The transparency-log pieces of the ledger browser: the log's vkey given under Signatures, the
// entry pane's "included in checkpoint N (signed by K, co-signed by W)", the evidence export and
// the signed receipt (a key path sent, never a key).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import { inclusionText } from '../../../../renderer/src/features/ledger/InclusionLine';
import { parseWitnesses } from '../../../../renderer/src/features/ledger/NoteKeysForm';
import { createFakeBackend } from '../../helpers/fake-api';
import { renderWithBackend } from '../../helpers/render-app';
import { inclusionOf, LOG_VKEY, OTHER_VKEY, WITNESS_VKEY } from '../../helpers/proof-fixtures';

const downloads = vi.hoisted(() => [] as { fileName: string; text: string; mime: string }[]);
vi.mock('../../../../renderer/src/lib/download', () => ({
  downloadText: (fileName: string, text: string, mime: string) => downloads.push({ fileName, text, mime }),
  downloadParts: vi.fn(),
}));

beforeEach(() => {
  downloads.length = 0;
});

function rowOfEntry(index: number): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-index]')).find(
    (r) => r.dataset.index === String(index),
  );
}

async function openAudit(backend = createFakeBackend()) {
  renderWithBackend(<LedgerScreen />, backend);
  fireEvent.change(screen.getByRole('textbox', { name: 'Ledger file to audit' }), {
    target: { value: '/audit/copy.jsonl' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
  await waitFor(() => expect(rowOfEntry(0)).toBeTruthy());
  return backend;
}

function giveKeys(vkey: string, witnesses = '') {
  fireEvent.change(screen.getByRole('textbox', { name: 'Log vkey' }), { target: { value: vkey } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Witness vkeys' }), { target: { value: witnesses } });
  fireEvent.click(screen.getByRole('button', { name: 'Use for inclusion' }));
}

async function openEntry(index: number) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Entry number or UTC time to go to' }), {
    target: { value: String(index) },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Go' }));
  return screen.findByRole('complementary', { name: `Entry ${index}` });
}

describe('inclusion line', () => {
  it('asks for the vkey, then says which checkpoint includes the entry, signed and co-signed by whom', async () => {
    const backend = await openAudit();
    const pane = await openEntry(42);
    expect(within(pane).getByTestId('inclusion-line').textContent).toMatch(
      /Give the log’s vkey under Signatures/,
    );
    expect(backend.callsTo('ledger:inclusion')).toEqual([]);
    giveKeys(LOG_VKEY, `${WITNESS_VKEY}\n`);
    await waitFor(() =>
      expect(within(pane).getByTestId('inclusion-line').textContent).toMatch(
        /Included in checkpoint 1,000 \(signed by penin\.local\/88ab6acd5c12e51f\+1a2b3c4d, co-signed by witness\.example\/w1\)/,
      ),
    );
    expect(backend.callsTo('ledger:inclusion').at(-1)).toEqual({
      sessionId: expect.any(String),
      index: 42,
      vkey: LOG_VKEY,
      witnesses: [WITNESS_VKEY],
    });
    // A newer entry: not in a checkpoint yet.
    const later = await openEntry(5000);
    await waitFor(() =>
      expect(within(later).getByTestId('inclusion-line').textContent).toMatch(
        /Not in a signed checkpoint yet/,
      ),
    );
  });

  it('says NOT PROVEN when the notes do not verify with the key given, and shows a bad key’s error', async () => {
    await openAudit();
    giveKeys(OTHER_VKEY);
    const pane = await openEntry(3);
    await waitFor(() =>
      expect(within(pane).getByTestId('inclusion-line').textContent).toMatch(
        /NOT PROVEN.*2 checkpoint notes covering this entry did not verify/,
      ),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Log vkey' }), { target: { value: 'garbage' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update keys' }));
    expect(await within(pane).findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/Could not check inclusion: not a vkey: garbage/),
    );
  });

  it('words', () => {
    expect(inclusionText(inclusionOf(1)).text).toMatch(/, no witness co-signature\)$/);
    expect(inclusionText(null).tone).toBe('neutral');
    expect(parseWitnesses(' a ,b\n\n c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('exports', () => {
  it('Export evidence downloads the entry’s penin.evidence/1 bundle', async () => {
    const backend = await openAudit();
    const pane = await openEntry(7);
    fireEvent.click(within(pane).getByRole('button', { name: 'Export evidence' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatchObject({
      fileName: 'ledger.jsonl.entry-7.evidence.json',
      mime: 'application/json',
    });
    expect(JSON.parse(downloads[0].text)).toMatchObject({ schema: 'penin.evidence/1', index: 7 });
    expect(backend.callsTo('ledger:evidence')).toEqual([{ sessionId: expect.any(String), index: 7 }]);
  });

  it('Signed receipt sends the key path (and the log’s vkey once given) and saves the note', async () => {
    const backend = await openAudit();
    giveKeys(LOG_VKEY);
    fireEvent.click(screen.getByRole('button', { name: 'Signed receipt…' }));
    const form = screen.getByRole('form', { name: 'Signed receipt' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Auditor key file' }), {
      target: { value: '/keys/missing.pem' },
    });
    const sign = within(form).getByRole('button', { name: 'Sign and save' });
    await waitFor(() => expect((sign as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(sign);
    expect(await within(form).findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/Could not sign the receipt: auditor key: \/keys\/missing\.pem: no such key/),
    );
    fireEvent.change(within(form).getByRole('textbox', { name: 'Auditor key file' }), {
      target: { value: '/keys/auditor.pem' },
    });
    fireEvent.click(sign);
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatchObject({ fileName: 'ledger.jsonl.receipt', mime: 'text/plain' });
    expect(within(form).getByRole('status').textContent).toMatch(/signed by penin\.local\/auditor0/);
    expect(backend.callsTo('ledger:receipt').at(-1)).toEqual({
      sessionId: expect.any(String),
      auditorKeyPath: '/keys/auditor.pem',
      vkey: LOG_VKEY,
    });
  });
});
