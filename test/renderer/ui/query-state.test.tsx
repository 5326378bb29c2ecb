// @vitest-environment jsdom
// One pending / error / empty / data chain for every query shown on screen.
import { useQuery } from '@tanstack/react-query';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueryState } from '../../../renderer/src/ui/QueryState';
import { renderWithBackend } from '../helpers/render-app';

function Numbers({ load }: { load: () => Promise<number[]> }) {
  const query = useQuery({ queryKey: ['numbers'], queryFn: load });
  return (
    <QueryState query={query} what="the numbers" isEmpty={(n) => n.length === 0} empty={<p>None yet.</p>}>
      {(n) => <p>{n.join(', ')}</p>}
    </QueryState>
  );
}

describe('QueryState', () => {
  it('says what it is loading until the first answer, then shows the data', async () => {
    let answer: (numbers: number[]) => void = () => undefined;
    renderWithBackend(<Numbers load={() => new Promise((resolve) => (answer = resolve))} />);
    expect(screen.getByRole('status').textContent).toContain('Loading the numbers…');
    answer([1, 2]);
    expect(await screen.findByText('1, 2')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the empty state instead of the children when the data has nothing to show', async () => {
    renderWithBackend(<Numbers load={() => Promise.resolve([])} />);
    expect(await screen.findByText('None yet.')).toBeTruthy();
  });

  it('shows the error with Try again, which fetches again', async () => {
    let calls = 0;
    renderWithBackend(
      <Numbers
        load={() => (++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve([3]))}
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the numbers.');
    expect(alert.textContent).toContain('disk full');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('3')).toBeTruthy();
    expect(calls).toBe(2);
  });
});
