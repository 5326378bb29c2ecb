// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvFileName } from '../../../../renderer/src/features/ledger/CsvExportButton';
import { LedgerScreen } from '../../../../renderer/src/features/ledger/LedgerScreen';
import { CSV_BOM, CSV_HEADER, csvCell, rowsToCsv } from '../../../../renderer/src/features/ledger/ledger-csv';
import { createFakeBackend, FakeWireError } from '../../helpers/fake-api';
import { ledgerRow } from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

const downloads = vi.hoisted(() => [] as { fileName: string; text: string; mime: string }[]);
vi.mock('../../../../renderer/src/lib/download', () => ({
  downloadText: vi.fn(),
  downloadParts: (fileName: string, parts: readonly string[], mime: string) =>
    downloads.push({ fileName, text: parts.join(''), mime }),
}));

afterEach(() => {
  downloads.length = 0;
});

describe('ledger rows as CSV', () => {
  it('quotes every cell, and defuses what a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const f of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(f)).toBe(`"'${f}"`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(0.0012)).toBe('"0.0012"');
    expect(csvCell(Number.NaN)).toBe('""');
  });

  it('keeps a formula after a `;` inside its cell (Excel with `;` as the separator would split it)', () => {
    expect(csvCell('x;=1+1')).toBe('"x;=1+1"');
    expect(csvCell('x,=1+1')).toBe('"x,=1+1"');
    expect(csvCell('x\t=1+1')).toBe('"x\t=1+1"');
  });

  it('defuses the full-width formula starts ＝ ＋ － ＠ too', () => {
    for (const f of ['\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)']) expect(csvCell(f)).toBe(`"'${f}"`);
    expect(csvCell('a\uff1d1')).toBe('"a\uff1d1"'); // not first: plain text
  });

  it('writes the table’s columns, one CRLF line per row, breaks joined by spaces', () => {
    const row = { ...ledgerRow(12), breaks: ['link', 'content'] as const };
    const [line, rest] = rowsToCsv([{ ...row, breaks: [...row.breaks] }]).split('\r\n');
    expect(rest).toBe('');
    expect(line.split(',')).toEqual(
      [
        '12',
        'decision-12',
        row.timestamp,
        row.decision,
        row.reason,
        row.provider,
        String(row.costUsd),
        row.previousHash,
        row.currentHash,
        'link content',
      ].map((cell) => `"${cell}"`),
    );
    expect(CSV_HEADER.split(',').length).toBe(10);
  });

  it('names the file after the ledger, and says when it holds only matching rows', () => {
    expect(csvFileName('/var/lib/penin/ledger.jsonl', false)).toBe('ledger-entries.csv');
    expect(csvFileName('C:\\audit\\2025-11.jsonl', true)).toBe('2025-11-matching.csv');
    expect(csvFileName('/x/.jsonl', false)).toBe('ledger-entries.csv');
  });
});

async function openLive(backend = createFakeBackend()) {
  const r = renderWithBackend(<LedgerScreen />, backend);
  await screen.findByText('/var/lib/penin/ledger.jsonl');
  fireEvent.click(screen.getByRole('button', { name: 'Open live ledger' }));
  await screen.findByRole('grid', { name: 'Ledger entries' });
  return r;
}

describe('Export as CSV in the ledger browser', () => {
  it('exports every row of the view, page by page, as one CSV file', async () => {
    const backend = createFakeBackend();
    backend.ledger.total = 1234;
    await openLive(backend);
    fireEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const [file] = downloads;
    expect(file.fileName).toBe('ledger-entries.csv');
    expect(file.mime).toBe('text/csv;charset=utf-8');
    // A byte-order mark first, so that Excel reads the file as UTF-8 (reasons may hold any text).
    expect(file.text.startsWith(`${CSV_BOM}index,`)).toBe(true);
    const lines = file.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.trimEnd());
    expect(lines).toHaveLength(1 + 1234 + 1); // header, rows, and the empty string after the last CRLF
    expect(lines[1].startsWith('"0",')).toBe(true);
    expect(lines[1234].startsWith('"1233",')).toBe(true);
    const pages = backend.callsTo('ledger:rows').filter((r) => r.count === 500);
    expect(pages.map((r) => r.from)).toEqual([0, 500, 1000]);
  });

  it('exports only the matching rows under a filter, asking PENIN with the filter', async () => {
    const backend = createFakeBackend();
    backend.ledger.total = 1000;
    await openLive(backend);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by decision' }), {
      target: { value: 'BLOCK' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Export matching as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const rows = downloads[0].text.split('\r\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(',')[3] === '"BLOCK"')).toBe(true);
    expect(downloads[0].fileName).toBe('ledger-matching.csv');
    expect(
      backend
        .callsTo('ledger:rows')
        .filter((r) => r.count === 500)
        .every((r) => r.decision === 'BLOCK'),
    ).toBe(true);
  });

  it('says why when PENIN refuses a page, and saves nothing', async () => {
    const backend = createFakeBackend();
    await openLive(backend);
    const rows = backend.handlers['ledger:rows'];
    backend.handlers['ledger:rows'] = (req) => {
      if (req.count === 500 && req.from > 0)
        throw new FakeWireError('unavailable', 'the ledger file is gone');
      return rows(req);
    };
    fireEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not export: the ledger file is gone');
    expect(downloads).toEqual([]);
  });

  it('Stop ends an export under way, and saves nothing', async () => {
    const backend = createFakeBackend(); // a million rows: 2,000 pages, each taking a while here
    await openLive(backend);
    const rows = backend.handlers['ledger:rows'];
    backend.handlers['ledger:rows'] = async (req) => {
      if (req.count === 500) await new Promise((r) => setTimeout(r, 20));
      return rows(req);
    };
    fireEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    const exporting = (_: string, el: Element | null) =>
      el?.getAttribute('role') === 'status' && /^Exporting [\d,]+ of 1,000,000…$/.test(el.textContent ?? '');
    expect(await screen.findByText(exporting)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByRole('button', { name: 'Export as CSV' })).toBeTruthy();
    const asked = backend.callsTo('ledger:rows').length;
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.callsTo('ledger:rows').length).toBeLessThanOrEqual(asked + 1);
    expect(downloads).toEqual([]);
    expect(within(document.body).queryByText(exporting)).toBeNull();
  });
});
