// @vitest-environment jsdom
// Demo mode says so on every screen and names the folder its simulated ledger and spend are kept in.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/shell/App';
import { createFakeBackend } from '../helpers/fake-api';
import { appInfo } from '../helpers/fixtures';
import { renderWithBackend } from '../helpers/render-app';

describe('demo banner', () => {
  it('names the demo data folder, and stays on every screen', async () => {
    renderWithBackend(<App />);
    const banner = await screen.findByRole('note', { name: 'Demo mode' });
    expect(banner.textContent).toContain('/home/op/.penin-console/demo');
    expect(banner.textContent).toMatch(/the real ledger and budget are not touched/);
    fireEvent.click(screen.getByRole('button', { name: 'Ledger' }));
    expect(screen.getByRole('note', { name: 'Demo mode' })).toBeTruthy();
  });

  it('is absent outside demo mode', async () => {
    const backend = createFakeBackend();
    backend.handlers['app:info'] = () => ({ ...appInfo, demo: false, demoDataDir: null });
    renderWithBackend(<App />, backend);
    expect(await screen.findByText('Browser')).toBeTruthy();
    expect(screen.queryByRole('note', { name: 'Demo mode' })).toBeNull();
  });
});
