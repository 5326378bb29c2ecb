// CSV injection through the ledger export (issue 14.6). Ledger text (reasons, provider names) comes
// from requests and configs that others write; an auditor opens the export in a spreadsheet.
//
// Attacks reproduced, and the expected answer:
//   - `x;=1+1`: unquoted, a spreadsheet that takes `;` as the separator (many European locales)
//     splits it and runs `=1+1`. Expected: every cell is quoted, so it stays one cell of text,
//     whichever of `,` or `;` the reader splits on.
//   - `＝1+1` (full-width equals, and ＋ － ＠): some spreadsheets run these as formulas.
//     Expected: defused with a leading apostrophe, as = + - @ tab and CR are.
//   - Any text at all: read back with `,` the row has its ten cells, none starting with a formula
//     character; read with `;`, a tab or `|` as the separator, it is one cell (no such separator
//     outside quotes), not a formula either.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, rowsToCsv } from '../../renderer/src/features/ledger/ledger-csv';
import type { LedgerRow } from '../../shared/ipc/contract';

/** Splits one CSV line into cells the way a spreadsheet does: quotes group, `""` is a quote. */
function readLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const FORMULA_FIRST = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

function row(reason: string, provider: string): LedgerRow {
  return {
    index: 7,
    decisionId: 'd-7',
    timestamp: '2026-01-01T00:00:00Z',
    decision: 'BLOCK',
    reason,
    provider,
    costUsd: 0.5,
    previousHash: 'a'.repeat(64),
    currentHash: 'b'.repeat(64),
    breaks: [],
  } as LedgerRow;
}

describe('ledger CSV against formula injection', () => {
  it('keeps `x;=1+1` in its cell: a `,` reader gets it whole, a `;` reader finds no `;` outside quotes', () => {
    const line = rowsToCsv([row('x;=1+1', 'p')]).slice(0, -2);
    const cells = readLine(line, ',');
    expect(cells).toHaveLength(10);
    expect(cells[4]).toBe('x;=1+1');
    expect(readLine(line, ';')).toHaveLength(1); // the whole line as one text cell, starting "7"
  });

  it('defuses full-width formula starts', () => {
    for (const f of ['\uff1d1+1', '\uff0bA1', '\uff0dA1', '\uff20SUM(A1)'])
      expect(readLine(csvCell(f), ',')).toEqual([`'${f}`]);
  });

  it('gives back ten cells, none a formula, whatever the text and the separator', () => {
    const text = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', '\t', ';', ',', '"', 'x', ' ', '\uff1d', '\uff20', '1'),
    });
    fc.assert(
      fc.property(text, text, (reason, provider) => {
        const line = rowsToCsv([row(reason, provider)]);
        expect(line.endsWith('\r\n')).toBe(true);
        const cells = readLine(line.slice(0, -2), ',');
        expect(cells).toHaveLength(10);
        for (const c of cells) expect(FORMULA_FIRST.test(c)).toBe(false);
        // the text has no apostrophe of its own: one first means a defused formula
        const undo = (c: string): string => (c.startsWith("'") ? c.slice(1) : c);
        expect([undo(cells[4]), undo(cells[5])]).toEqual([reason, provider]);
        for (const sep of [';', '\t', '|']) {
          const one = readLine(line.slice(0, -2), sep); // no separator of theirs outside quotes
          expect(one).toHaveLength(1);
          expect(FORMULA_FIRST.test(one[0])).toBe(false);
        }
      }),
    );
  });
});
