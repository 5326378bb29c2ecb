// @vitest-environment jsdom
// A broken entry's pane opens with what happened, in a sentence, the evidence under it: the form
// changes of a re-encoded entry, the fields of an edited one, the escaped bytes of a torn line.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EntryDetail } from '../../../../../renderer/src/features/ledger/EntryDetail';
import { ExplanationList } from '../../../../../renderer/src/features/ledger/explain/BreakExplanations';
import { renderWithBackend } from '../../../helpers/render-app';
import { createFakeBackend } from '../../../helpers/fake-api';

const H = (c: string) => c.repeat(64);

describe('the entry pane explains a break first', () => {
  it('a re-encoded entry: the sentence, then metrics.cost_usd: 1.0 -> 1, before the hash checks', async () => {
    const { backend } = renderWithBackend(<EntryDetail sessionId="s1" index={500_000} onClose={() => {}} />);
    const pane = await screen.findByRole('region', { name: 'What happened here' });
    const sentence = await within(pane).findByText(/was re-encoded, its values unchanged/);
    expect(sentence.closest('.explain__text')).toBeTruthy();
    const changes = within(pane).getByRole('list', { name: 'Form changes' });
    expect(changes.textContent).toContain('metrics.cost_usd: 1.0 -> 1');
    expect(pane.textContent).toMatch(/Found among 12 re-encodings of the stored entry tried/);
    expect(pane.textContent).toContain('keys reordered');
    // First in the pane: before the hash checks.
    const content = pane.parentElement!;
    expect(content.firstElementChild).toBe(pane);
    expect(backend.callsTo('ledger:explain')).toEqual([{ sessionId: 's1', index: 500_000 }]);
  });

  it('an entry without a break asks nothing and shows no explanation', async () => {
    const { backend } = renderWithBackend(<EntryDetail sessionId="s1" index={3} onClose={() => {}} />);
    await screen.findByText('No break at this entry.');
    expect(screen.queryByRole('region', { name: 'What happened here' })).toBeNull();
    expect(backend.callsTo('ledger:explain')).toEqual([]);
  });

  it('a failure to explain says so, with the entry still shown', async () => {
    const backend = createFakeBackend();
    backend.handlers['ledger:explain'] = () => {
      throw new Error('disk gone');
    };
    renderWithBackend(<EntryDetail sessionId="s1" index={12} onClose={() => {}} />, backend);
    const pane = await screen.findByRole('region', { name: 'What happened here' });
    await within(pane).findByText(/disk gone/);
    expect(screen.getByLabelText('Stored line')).toBeTruthy();
  });
});

describe('ExplanationList', () => {
  it('a value change lists the fields, stored beside what was hashed', () => {
    renderWithBackend(
      <ExplanationList
        breaks={[
          {
            index: 7,
            kind: 'content',
            detail: 'stored current_hash differs',
            explanation: {
              cause: 'value-changed',
              text: 'value changed: reason was edited after it was hashed',
              recomputed: H('a'),
              search: { tried: 300, exhausted: false },
              fields: [{ field: 'reason', offset: 120, stored: '"request 41"', canonical: '"request 14"' }],
              lossy: [],
              canonical: '{}',
              formNotes: [],
            },
          },
        ]}
      />,
    );
    expect(screen.getByText(/value changed: reason was edited/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Changed fields' });
    const row = within(table).getByRole('row', { name: /reason/ });
    expect(row.textContent).toContain('"request 41"');
    expect(row.textContent).toContain('"request 14"');
    expect(
      screen.getByText(
        /300 re-encodings tried, none reproduces the stored hash; the search budget ran out first/,
      ),
    ).toBeTruthy();
  });

  it('a torn tail shows the byte the parser stopped at and the bytes around it, escaped', () => {
    renderWithBackend(
      <ExplanationList
        breaks={[
          {
            index: 9,
            kind: 'torn_tail',
            detail: 'cut',
            explanation: {
              cause: 'parse',
              text: 'the last line was cut off mid-write',
              byte: 40,
              met: 'end of line',
              context: '"reason": "re\\xc3⟨here⟩',
            },
          },
        ]}
      />,
    );
    expect(screen.getByText(/Byte 40:/).textContent).toBe('Byte 40: end of line');
    expect(screen.getByLabelText('Bytes around the stop').textContent).toBe('"reason": "re\\xc3⟨here⟩');
  });
});
