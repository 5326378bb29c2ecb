// @vitest-environment jsdom
// The reason dialog (Reset, Force open, Clear cache) is modal: focus stays inside it, Esc cancels,
// focus goes back to the button that opened it, and nothing switches the screen from under it.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/shell/App';
import { createFakeBackend } from '../helpers/fake-api';
import { renderWithBackend } from '../helpers/render-app';

async function openReset() {
  const card = await screen.findByRole('article', { name: 'Breaker anthropic' });
  const opener = within(card).getByRole('button', { name: 'Reset' });
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: /Reset/ });
  return { opener, dialog };
}

const active = () => document.activeElement as HTMLElement;
const tab = (shiftKey = false) => fireEvent.keyDown(active(), { key: 'Tab', shiftKey });

describe('reason dialog focus', () => {
  it('opens with the reason focused; Tab and Shift+Tab cycle inside it, never to the page behind', async () => {
    renderWithBackend(<App initialScreen="breakers" />);
    const { dialog } = await openReset();
    const reason = within(dialog).getByRole('textbox');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(active()).toBe(reason);
    // The confirm button is disabled until a reason is typed: Cancel is the last stop.
    tab(true);
    expect(active()).toBe(cancel);
    tab();
    expect(active()).toBe(reason);
    fireEvent.change(reason, { target: { value: 'incident resolved' } });
    const confirm = within(dialog).getByRole('button', { name: 'Reset breaker' });
    confirm.focus();
    for (let i = 0; i < 25; i++) {
      tab(i % 3 === 0);
      expect(dialog.contains(active())).toBe(true);
    }
    confirm.focus();
    tab();
    expect(active()).toBe(reason);
  });

  it('brings focus back when it lands outside (a click, a script)', async () => {
    renderWithBackend(<App initialScreen="breakers" />);
    const { dialog } = await openReset();
    act(() => screen.getByRole('button', { name: 'Cache' }).focus());
    expect(dialog.contains(active())).toBe(true);
  });

  it('Esc cancels and focus returns to the button that opened it', async () => {
    const { backend } = renderWithBackend(<App initialScreen="breakers" />);
    const { opener, dialog } = await openReset();
    fireEvent.keyDown(within(dialog).getByRole('textbox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(active()).toBe(opener);
    expect(backend.callsTo('breakers:reset')).toHaveLength(0);
  });

  it('the native cancel event (Esc in Chromium) cancels too, without closing the element under React', async () => {
    renderWithBackend(<App initialScreen="breakers" />);
    const { opener, dialog } = await openReset();
    const event = new Event('cancel', { cancelable: true });
    act(() => {
      dialog.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(active()).toBe(opener);
  });

  it('the navigation does not drop an open dialog', async () => {
    renderWithBackend(<App initialScreen="breakers" />);
    const { dialog } = await openReset();
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'half-typed reason' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ledger' }));
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect((within(dialog).getByRole('textbox') as HTMLTextAreaElement).value).toBe('half-typed reason');
    expect(screen.getByRole('button', { name: 'Breakers' }).getAttribute('aria-current')).toBe('page');
  });

  it("the menu's Open Ledger waits for the dialog: the ledger opens, its screen shows once the dialog closes", async () => {
    const backend = createFakeBackend();
    renderWithBackend(<App initialScreen="breakers" />, backend);
    const { dialog } = await openReset();
    act(() => backend.emit('app:openLedger', { path: '/audits/q3.jsonl' }));
    await waitFor(() => expect(backend.callsTo('ledger:openAudit')).toEqual([{ path: '/audits/q3.jsonl' }]));
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(screen.getByRole('button', { name: 'Breakers' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Ledger' }).getAttribute('aria-current')).toBe('page'),
    );
  });

  it('the Clear cache dialog behaves the same', async () => {
    renderWithBackend(<App initialScreen="cache" />);
    const opener = await screen.findByRole('button', { name: 'Clear cache…' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: /Clear the response cache/ });
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    tab();
    expect(active()).toBe(within(dialog).getByRole('textbox'));
    fireEvent.keyDown(active(), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(active()).toBe(opener);
  });
});
