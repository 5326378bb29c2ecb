// @vitest-environment jsdom
// Attack: ledger text is written by whoever can reach the gateway or the file. A reason holding
// U+202E (RIGHT-TO-LEFT OVERRIDE) makes "refused: invoice_gpj.exe" read "refused: invoice_exe.jpg";
// U+2066..U+2069 isolates, LRM/RLM/ALM, a carriage return, a zero-width joiner hide or reorder text.
// Expected: every such character is shown as a marked escape (⟨U+202E⟩) in the ledger table, the
// entry detail pane, the recent-requests table and the HTML report; the text around it is intact.
import { createElement } from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeOf, hasHiddenCharacters, visibleParts, visibleText } from '../../shared/visible-text';
import { VisibleText } from '../../renderer/src/ui/VisibleText';
import { RecentRequests } from '../../renderer/src/features/spend/RecentRequests';
import { EntryDetailView } from '../../renderer/src/features/ledger/EntryDetail';
import { LedgerScreen } from '../../renderer/src/features/ledger/LedgerScreen';
import { createFakeBackend } from '../renderer/helpers/fake-api';
import { ledgerRow, recentRequests } from '../renderer/helpers/fixtures';
import { renderWithBackend } from '../renderer/helpers/render-app';

afterEach(cleanup);

const SPOOFED = 'refused: invoice_\u202egpj.exe';

describe('visible text', () => {
  it('turns a right-to-left override into a visible escape and keeps the rest', () => {
    expect(visibleText(SPOOFED)).toBe('refused: invoice_⟨U+202E⟩gpj.exe');
    expect(visibleParts(SPOOFED)).toEqual([
      { kind: 'text', text: 'refused: invoice_' },
      { kind: 'escape', text: '⟨U+202E⟩', codePoint: 0x202e, bidi: true },
      { kind: 'text', text: 'gpj.exe' },
    ]);
  });

  it('escapes every bidi control, C0 and C1 control, DEL and the invisible characters', () => {
    const bidi = [
      0x200e, 0x200f, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    const controls = [0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f];
    const invisible = [0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0xfeff];
    for (const cp of [...bidi, ...controls, ...invisible]) {
      const parts = visibleParts(`a${String.fromCharCode(cp)}b`);
      expect(parts[1]).toEqual({
        kind: 'escape',
        text: escapeOf(cp),
        codePoint: cp,
        bidi: bidi.includes(cp),
      });
    }
    expect(visibleText('\u001b[31mred')).toBe('⟨U+001B⟩[31mred');
  });

  it('leaves ordinary text alone: accents, Arabic and Hebrew letters, emoji', () => {
    for (const text of ['café', 'مرحبا', 'שלום', '😀 ok', '']) {
      expect(hasHiddenCharacters(text)).toBe(false);
      expect(visibleText(text)).toBe(text);
    }
  });

  it('renders the escape styled apart from the text, so a reason spelling "⟨U+202E⟩" is not one', () => {
    const { container } = render(createElement(VisibleText, { text: `${SPOOFED} ⟨U+202E⟩` }));
    expect(container.textContent).toBe('refused: invoice_⟨U+202E⟩gpj.exe ⟨U+202E⟩');
    expect(container.textContent).not.toContain('\u202e');
    const marked = container.querySelectorAll('.hidden-char--bidi');
    expect(marked).toHaveLength(1);
  });
});

describe('where ledger text is shown', () => {
  it('the ledger table shows an RLO-spoofed reason and decision with the override escaped', async () => {
    const backend = createFakeBackend();
    backend.handlers['ledger:rows'] = ({ from, count }) => ({
      rows: Array.from({ length: Math.min(count, 3) }, (_, i) => ({
        ...ledgerRow(from + i),
        reason: SPOOFED,
        decision: 'ROUTE\u202e',
      })),
      total: 3,
    });
    renderWithBackend(createElement(LedgerScreen), backend);
    await screen.findByText('/var/lib/penin/ledger.jsonl');
    fireEvent.click(screen.getByRole('button', { name: 'Open live ledger' }));
    await waitFor(() => expect(document.querySelector('[data-index="0"]')).toBeTruthy());
    const row = document.querySelector('[data-index="0"]');
    expect(row?.textContent).toContain('refused: invoice_⟨U+202E⟩gpj.exe');
    expect(row?.textContent).toContain('ROUTE⟨U+202E⟩');
    expect(row?.textContent).not.toContain('\u202e');
    expect(row?.querySelector('.lcell--reason')?.getAttribute('title')).toBe(
      'refused: invoice_⟨U+202E⟩gpj.exe',
    );
  });

  it('the recent-requests table escapes a spoofed refusal reason, model and provider', () => {
    const r = { ...recentRequests[0], reason: SPOOFED, model: 'gpt\u2067-4o', provider: 'open\u200dai' };
    const { container } = render(createElement(RecentRequests, { requests: [r] }));
    const text = container.textContent ?? '';
    expect(text).toContain('refused: invoice_⟨U+202E⟩gpj.exe');
    expect(text).toContain('gpt⟨U+2067⟩-4o');
    expect(text).toContain('open⟨U+200D⟩ai');
    expect(text).not.toMatch(/[\u202e\u2067\u200d]/);
  });

  it('the entry detail pane escapes the raw line, the entry and the break detail', () => {
    const line = `{"reason": "${SPOOFED}"}`;
    const { container } = render(
      createElement(EntryDetailView, {
        detail: {
          index: 0,
          raw: [{ text: line }],
          rawBytes: Buffer.byteLength(line),
          rawOmitted: null,
          stored: `{\n  "reason": "${SPOOFED}"\n}`,
          canonical: null,
          hashedForm: null,
          storedHash: null,
          recomputedHash: null,
          previousHash: null,
          priorCurrentHash: null,
          breaks: [{ index: 0, kind: 'parse', detail: `not a PCAg: unexpected field \u202eab` }],
        },
      }),
    );
    expect(container.textContent).not.toContain('\u202e');
    expect(screen.getByLabelText('Stored line').textContent).toBe(
      '{"reason": "refused: invoice_⟨U+202E⟩gpj.exe"}',
    );
    expect(screen.getByLabelText('Entry as stored').textContent).toContain('invoice_⟨U+202E⟩gpj.exe');
    expect(container.querySelector('.break-list')?.textContent).toContain('⟨U+202E⟩ab');
  });
});
