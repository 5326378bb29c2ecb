// @vitest-environment jsdom
// The entry detail pane shows the stored line and the entry as stored, never a re-serialisation;
// a content break puts the canonical text that was hashed beside the stored line.
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import type { LedgerEntryDetail } from '../../../../shared/ipc/contract';
import { EntryDetailView, rawLineText } from '../../../../renderer/src/features/ledger/EntryDetail';

afterEach(cleanup);

const H = (c: string) => c.repeat(64);
const stored = '{"delta_linf": 0, "caos_plus": 0.0, "big": 1180591620717411303424, "tiny": 1e-05}';

function detail(over: Partial<LedgerEntryDetail> = {}): LedgerEntryDetail {
  return {
    index: 4,
    raw: [{ text: stored }],
    rawBytes: stored.length,
    rawOmitted: null,
    stored:
      '{\n  "delta_linf": 0,\n  "caos_plus": 0.0,\n  "big": 1180591620717411303424,\n  "tiny": 1e-05\n}',
    canonical: null,
    hashedForm: null,
    storedHash: H('a'),
    recomputedHash: H('a'),
    previousHash: H('b'),
    priorCurrentHash: H('b'),
    breaks: [],
    ...over,
  };
}

describe('EntryDetailView', () => {
  it('shows the stored line verbatim, its line number and size, and the values as stored', () => {
    render(<EntryDetailView detail={detail()} />);
    expect(screen.getByLabelText('Stored line').textContent).toBe(stored);
    expect(screen.getByRole('heading', { name: 'Stored line 5 of the file (81 bytes)' })).toBeTruthy();
    const asStored = screen.getByLabelText('Entry as stored').textContent ?? '';
    expect(asStored).toContain('"caos_plus": 0.0');
    expect(asStored).toContain('"big": 1180591620717411303424');
    expect(asStored).toContain('"tiny": 1e-05');
    expect(screen.getByRole('button', { name: 'Copy the stored line' })).toBeTruthy();
    expect(screen.queryByLabelText('What was hashed')).toBeNull();
  });

  it('for a content break, puts the stored 0 beside the hashed 0.0', () => {
    render(
      <EntryDetailView
        detail={detail({
          recomputedHash: H('c'),
          breaks: [{ index: 4, kind: 'content', detail: 'stored current_hash differs' }],
          canonical: '{"caos_plus": 0.0, "delta_linf": 0}',
          hashedForm: {
            canonical: '{"caos_plus": 0.0, "delta_linf": 0.0}',
            changes: [{ path: 'delta_linf', stored: '0', hashed: '0.0' }],
          },
        })}
      />,
    );
    const hashed = screen.getByLabelText('What was hashed');
    expect(hashed.textContent).toMatch(/delta_linf written 0\.0 \(the line now stores 0\)/);
    expect(within(hashed).getByLabelText('Canonical text that was hashed').textContent).toBe(
      '{"caos_plus": 0.0, "delta_linf": 0.0}',
    );
    expect(within(hashed).getByLabelText('Canonical text now').textContent).toBe(
      '{"caos_plus": 0.0, "delta_linf": 0}',
    );
    expect(screen.getByLabelText('Stored line').textContent).toContain('"delta_linf": 0,');
  });

  it('shows bytes that are not UTF-8 as \\xNN, marked, and copies them so', () => {
    const raw = [{ text: '{"a": "' }, { invalidHex: 'ffc3' }, { text: '"}' }];
    render(<EntryDetailView detail={detail({ raw, rawBytes: 11, stored: null, storedHash: null })} />);
    const line = screen.getByLabelText('Stored line');
    expect(line.textContent).toBe('{"a": "\\xff\\xc3"}');
    expect(line.querySelector('.hidden-char')?.textContent).toBe('\\xff\\xc3');
    expect(screen.getByText(/not a readable entry/)).toBeTruthy();
    expect(rawLineText(raw)).toBe('{"a": "\\xff\\xc3"}');
  });

  it('says why a line over the entry bound is not shown, and offers nothing to copy', () => {
    const why = 'entry longer than 4 MiB (67,108,864 bytes): skipped unread';
    const over = { raw: [], rawBytes: 67_108_864, rawOmitted: why, stored: null, storedHash: null };
    render(<EntryDetailView detail={detail(over)} />);
    expect(screen.queryByLabelText('Stored line')).toBeNull();
    expect(screen.getByRole('note').textContent).toContain(why);
    expect(screen.queryByRole('button', { name: /copy/i })).toBeNull();
  });
});
