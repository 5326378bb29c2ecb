// @vitest-environment jsdom
// Alerts pushed by main become toasts: bad news stays until dismissed, other news fades, each
// offers its screen, and only the newest few stay.
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/shell/App';
import { TOAST_MS } from '../../../renderer/src/shell/Toasts';
import { MAX_ALERTS } from '../../../renderer/src/shell/useAlerts';
import type { Alert } from '../../../shared/domain';
import { createFakeBackend } from '../helpers/fake-api';
import { renderWithBackend } from '../helpers/render-app';

let seq = 0;
const alert = (tone: Alert['tone'], title: string, screenId: Alert['screen'] = 'breakers'): Alert => ({
  alertId: `a${++seq}`,
  at: 0,
  tone,
  topic: title,
  title,
  body: `${title} body`,
  screen: screenId,
});

afterEach(() => vi.useRealTimers());

describe('alert toasts', () => {
  it('shows bad news as an alert until dismissed, and fades the rest', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /spend against the daily limit/i });
    act(() => {
      backend.emit('alert:raised', alert('bad', 'Breaker openai opened'));
      backend.emit('alert:raised', alert('ok', 'Breaker anthropic closed'));
    });
    const bad = screen.getByRole('alert', { name: 'Breaker openai opened' });
    expect(bad.textContent).toContain('Breaker openai opened body');
    expect(screen.getByRole('status', { name: 'Breaker anthropic closed' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(TOAST_MS + 100));
    expect(screen.queryByRole('status', { name: 'Breaker anthropic closed' })).toBeNull();
    expect(screen.getByRole('alert', { name: 'Breaker openai opened' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Breaker openai opened' }));
    expect(screen.queryByRole('alert', { name: 'Breaker openai opened' })).toBeNull();
  });

  it('takes the operator to the screen that shows more, and not when already there', async () => {
    const { backend } = renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /spend against the daily limit/i });
    act(() => backend.emit('alert:raised', alert('warn', 'Soft budget limit passed (95%)', 'spend')));
    // Already on Live spend: only Dismiss.
    const toast = screen.getByRole('status', { name: 'Soft budget limit passed (95%)' });
    expect(toast.querySelectorAll('button')).toHaveLength(1);
    act(() => backend.emit('alert:raised', alert('bad', 'Breaker openai opened')));
    const bad = screen.getByRole('alert', { name: 'Breaker openai opened' });
    fireEvent.click(bad.querySelector('button') as HTMLButtonElement);
    expect(await screen.findByRole('heading', { name: /circuit breakers/i })).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Breaker openai opened' })).toBeNull();
  });

  it(`keeps only the newest ${MAX_ALERTS}`, async () => {
    const { backend } = renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /spend against the daily limit/i });
    act(() => {
      for (let i = 1; i <= MAX_ALERTS + 2; i++) backend.emit('alert:raised', alert('bad', `alert ${i}`));
    });
    const shown = screen.getAllByRole('alert').map((a) => a.getAttribute('aria-label'));
    const newest = Array.from({ length: MAX_ALERTS }, (_, i) => `alert ${MAX_ALERTS + 2 - i}`);
    expect(shown).toEqual(newest);
  });

  it('shows what was raised before it connected (alerts:recent), each alert once', async () => {
    const missed = alert('warn', 'Soft budget limit reached (95%): new requests refused', 'spend');
    const backend = createFakeBackend();
    backend.handlers['alerts:recent'] = () => [missed];
    renderWithBackend(<App />, backend);
    expect(await screen.findByRole('status', { name: missed.title })).toBeTruthy();
    act(() => backend.emit('alert:raised', missed)); // the same alert pushed again: still one toast
    expect(screen.getAllByRole('status', { name: missed.title })).toHaveLength(1);
  });
});
