// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/shell/App';
import { takeToken } from '../../../renderer/src/api/connect-token';
import { createFakeBackend } from '../helpers/fake-api';
import { ledgerRow } from '../helpers/fixtures';
import { renderWithBackend } from '../helpers/render-app';

describe('App shell', () => {
  it('shows the mode, the demo label and the gateway URL, never its token', async () => {
    renderWithBackend(<App />);
    expect(await screen.findByText('Browser')).toBeTruthy();
    expect(screen.getByText('DEMO')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:8787')).toBeTruthy();
    expect(document.body.textContent).not.toContain('gw-secret-token');
  });

  it('opens each screen at its top, not where the previous one was scrolled to', async () => {
    renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /daily limit/ });
    const main = screen.getByRole('main');
    main.scrollTop = 700;
    fireEvent.click(screen.getByRole('button', { name: 'Gateway' }));
    await screen.findByRole('region', { name: 'Connect an application' });
    expect(main.scrollTop).toBe(0);
  });

  it('switches screens from the navigation', async () => {
    renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /daily limit/ });
    fireEvent.click(screen.getByRole('button', { name: 'Breakers' }));
    expect(await screen.findByRole('article', { name: 'Breaker openai' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cache' }));
    expect(await screen.findByRole('group', { name: 'Integrity failures' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Ledger' }));
    expect(screen.getByText(/No ledger open/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ledger' }).getAttribute('aria-current')).toBe('page');
  });

  it('keeps the shown screen across a reload, in the address (?screen=), beside a #token= fragment', async () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/console#token=s3cret');
    expect(takeToken()).toBe('s3cret');
    const first = renderWithBackend(<App />);
    await screen.findByRole('meter', { name: /daily limit/ });
    fireEvent.click(screen.getByRole('button', { name: 'Breakers' }));
    await screen.findByRole('article', { name: 'Breaker openai' });
    expect(new URLSearchParams(window.location.search).get('screen')).toBe('breakers');
    // A reload: the page is built again from the same address.
    first.unmount();
    renderWithBackend(<App />);
    expect(await screen.findByRole('article', { name: 'Breaker openai' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Breakers' }).getAttribute('aria-current')).toBe('page');
    // The token still comes back on a reload, and never went into the address.
    expect(takeToken()).toBe('s3cret');
    expect(window.location.href).not.toContain('s3cret');
  });

  it('a token arriving in the fragment with a screen in the query keeps both', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/console?screen=cache#token=t0k');
    expect(takeToken()).toBe('t0k');
    expect(window.location.search).toBe('?screen=cache');
    expect(window.location.hash).toBe('');
  });

  it('an unknown or hostile screen name in the address shows Live spend', async () => {
    for (const bad of ['nope', '__proto__', 'constructor', 'ledger%00', '']) {
      window.history.replaceState(null, '', `/?screen=${bad}`);
      const r = renderWithBackend(<App />);
      expect(await screen.findByRole('meter', { name: /daily limit/ })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Live spend' }).getAttribute('aria-current')).toBe('page');
      r.unmount();
    }
  });

  it("Find in ledger shows a recent request's entry: the live ledger, filtered by its decision_id, and opens it", async () => {
    const backend = createFakeBackend();
    const rows = backend.handlers['ledger:rows'];
    // Entry 42 is the one whose line holds decision_id d-4 (the fake's own filter reads no ids).
    backend.handlers['ledger:rows'] = (req) =>
      req.text === 'd-4' ? { rows: [ledgerRow(42)], total: 1 } : rows(req);
    renderWithBackend(<App />, backend);
    const recent = await screen.findByRole('region', { name: 'Recent requests' });
    const finds = await within(recent).findAllByRole('button', {
      name: /^Find the .* gpt-4o request in the ledger$/,
    });
    fireEvent.click(finds[0]); // the newest gpt-4o request: d-4, which failed
    expect(screen.getByRole('button', { name: 'Ledger' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(backend.callsTo('ledger:openLive')).toHaveLength(1));
    const text = await screen.findByRole('searchbox', { name: 'Filter by text' });
    expect((text as HTMLInputElement).value).toBe('d-4'); // the newest gpt-4o request's decision_id
    await waitFor(() => expect(backend.callsTo('ledger:rows').some((r) => r.text === 'd-4')).toBe(true));
    // The one match is selected and its entry opened, as the operator asked for that request.
    expect(await screen.findByRole('complementary', { name: 'Entry 42' })).toBeTruthy();
  });

  it('an audit left open does not take the search: the live ledger opens and gets it', async () => {
    const { backend } = renderWithBackend(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Ledger' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Ledger file to audit' }), {
      target: { value: '/audit/old.jsonl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open for audit' }));
    await screen.findByText(/Read-only audit/);
    fireEvent.click(screen.getByRole('button', { name: 'Live spend' }));
    const recent = await screen.findByRole('region', { name: 'Recent requests' });
    fireEvent.click((await within(recent).findAllByRole('button', { name: /in the ledger$/ }))[3]);
    await waitFor(() => expect(backend.callsTo('ledger:openLive')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText(/Read-only audit/)).toBeNull());
    const text = await screen.findByRole('searchbox', { name: 'Filter by text' });
    await waitFor(() => expect((text as HTMLInputElement).value).toBe('d-1'));
  });

  it('says how to reconnect when the connection drops, and refetches when it is back', async () => {
    const backend = createFakeBackend();
    renderWithBackend(<App />, backend);
    await screen.findByRole('meter', { name: /daily limit/ });
    act(() => backend.setStatus('closed'));
    expect(screen.getByRole('alert').textContent).toMatch(/Not connected to PENIN: start penin serve/);
    const before = backend.callsTo('budget:get').length;
    act(() => backend.setStatus('open'));
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(backend.callsTo('budget:get').length).toBeGreaterThan(before));
  });

  it('explains a refused token', async () => {
    const backend = createFakeBackend();
    renderWithBackend(<App />, backend);
    act(() => backend.setStatus('unauthorized'));
    expect(screen.getByRole('alert').textContent).toMatch(/refused this page’s access token/);
  });

  it('remembers the theme chosen with the toggle', async () => {
    renderWithBackend(<App />);
    const toggle = screen.getByRole('button', { name: /Theme: system/ });
    fireEvent.click(toggle);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: /Theme: dark/ }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(window.localStorage.getItem('penin.theme')).toBe('light');
  });
});

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it for reloads and strips it from the URL', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/console?x=1#token=s3cret');
    expect(takeToken()).toBe('s3cret');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.href).not.toContain('s3cret');
    // A reload has no fragment any more: the token comes from sessionStorage.
    expect(takeToken()).toBe('s3cret');
  });

  it('is null when there is none', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    expect(takeToken()).toBeNull();
  });
});

describe('opening a ledger on main’s request', () => {
  it('an app:openLedger push (File ▸ Open, a second instance) opens it for audit on the Ledger screen', async () => {
    const backend = createFakeBackend();
    renderWithBackend(<App />, backend);
    await screen.findByRole('meter', { name: /daily limit/ });
    act(() => backend.emit('app:openLedger', { path: '/audits/q3.jsonl' }));
    await waitFor(() => expect(backend.callsTo('ledger:openAudit')).toEqual([{ path: '/audits/q3.jsonl' }]));
    expect(screen.getByRole('button', { name: 'Ledger' }).getAttribute('aria-current')).toBe('page');
  });

  it('a ledger named at start (AppInfo.auditLedgerPath) is opened once', async () => {
    const backend = createFakeBackend();
    const info = backend.handlers['app:info'];
    backend.handlers['app:info'] = async (req) => ({ ...(await info(req)), auditLedgerPath: '/start.jsonl' });
    renderWithBackend(<App />, backend);
    await waitFor(() => expect(backend.callsTo('ledger:openAudit')).toEqual([{ path: '/start.jsonl' }]));
  });
});
