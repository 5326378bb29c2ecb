// @vitest-environment jsdom
// The Gateway screen: how an application connects (the key stays hidden until asked for), which
// providers serve each model in the router's order and which it skips, and every provider's status.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveSync } from '../../../../renderer/src/api/useLiveSync';
import { GatewayScreen } from '../../../../renderer/src/features/gateway/GatewayScreen';
import { createFakeBackend, FakeWireError } from '../../helpers/fake-api';
import * as fx from '../../helpers/fixtures';
import { renderWithBackend } from '../../helpers/render-app';

const TOKEN = 'gw-secret-token';

function Live() {
  useLiveSync();
  return <GatewayScreen />;
}

function stubClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('Gateway screen', () => {
  it('shows the base URL, and the API key only while asked to', async () => {
    renderWithBackend(<GatewayScreen />);
    expect(await screen.findByText('http://127.0.0.1:8787/v1')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByLabelText('API key').textContent).toBe(TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('copies the key without showing it, and says when the clipboard refuses', async () => {
    const copied: string[] = [];
    stubClipboard(async (t) => void copied.push(t));
    renderWithBackend(<GatewayScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy API key' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(copied).toEqual([TOKEN]);
    expect(document.body.textContent).not.toContain(TOKEN);

    stubClipboard(() => Promise.reject(new Error('denied')));
    fireEvent.click(screen.getByRole('button', { name: 'Copy base URL' }));
    expect(await screen.findByText(/Could not copy: select it and copy by hand/)).toBeTruthy();
  });

  it('gives snippets that name a served model and read the key from the environment', async () => {
    const copied: string[] = [];
    stubClipboard(async (t) => void copied.push(t));
    renderWithBackend(<GatewayScreen />);
    const curl = await screen.findByRole('tabpanel', { name: 'curl snippet' });
    await vi.waitFor(() => expect(curl.textContent).toContain('"model":"claude-sonnet"'));
    expect(curl.textContent).toContain('curl http://127.0.0.1:8787/v1/chat/completions');
    expect(curl.textContent).toContain('Bearer $PENIN_API_KEY');
    fireEvent.click(screen.getByRole('tab', { name: 'Python' }));
    const py = screen.getByRole('tabpanel', { name: 'Python snippet' });
    expect(py.textContent).toContain(
      'OpenAI(base_url="http://127.0.0.1:8787/v1", api_key=os.environ["PENIN_API_KEY"])',
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Node.js' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy Node.js snippet' }));
    await screen.findByText('Copied');
    expect(copied[0]).toContain('baseURL: "http://127.0.0.1:8787/v1", apiKey: process.env.PENIN_API_KEY');
    expect(copied[0]).not.toContain(TOKEN);
  });

  it('lists each model’s providers in order, with those the router skips and why', async () => {
    renderWithBackend(<GatewayScreen />);
    const models = await screen.findByRole('region', { name: 'Models' });
    expect(within(models).getByText(/tried in priority order/)).toBeTruthy();
    const claude = within(models).getByRole('row', { name: 'claude-sonnet' });
    const items = within(claude)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    // anthropic's breaker is open in the fixtures; openrouter has no key.
    expect(items).toEqual([
      'anthropic$3.00 / $15.00skipped: breaker open',
      'openrouter$3.00 / $15.00skipped: no API key',
    ]);
    const mini = within(models).getByRole('row', { name: 'gpt-4o-mini' });
    expect(within(mini).getAllByRole('listitem')[0].textContent).toBe('openai$0.15 / $0.60');
    // A model no active provider serves is folded away below the served ones, saying why.
    const more = within(models).getByText(/1 model is not served: none of its providers has its API key/);
    const folded = more.closest('details');
    expect(folded?.open).toBe(false);
    expect(
      within(folded as HTMLElement).getByRole('row', { name: 'llama-3.1-70b', hidden: true }),
    ).toBeTruthy();
    const rows = within(models)
      .getAllByRole('row', { hidden: true })
      .map((r) => r.getAttribute('aria-label'));
    expect(rows.filter(Boolean)).toEqual(['claude-sonnet', 'gpt-4o-mini', 'llama-3.1-70b']);
  });

  it('says so when no configured provider has its key, and what to do', async () => {
    const backend = createFakeBackend();
    backend.handlers['routing:table'] = () => ({
      ...fx.routing,
      providers: fx.routing.providers.map((p) => ({
        ...p,
        active: false,
        note: `set ${p.name.toUpperCase()}_API_KEY`,
      })),
      models: fx.routing.models.map((m) => ({
        ...m,
        candidates: m.candidates.map((c) => ({ ...c, active: false })),
      })),
    });
    renderWithBackend(<GatewayScreen />, backend);
    const models = await screen.findByRole('region', { name: 'Models' });
    expect(within(models).getByText('No model is served.')).toBeTruthy();
    expect(within(models).getByText(/3 models are not served/)).toBeTruthy();
    expect(screen.getByText('3 configured · 0 active')).toBeTruthy();
  });

  it('lists the providers with their breaker, or what to set when inactive', async () => {
    renderWithBackend(<GatewayScreen />);
    const providers = await screen.findByRole('region', { name: 'Providers' });
    expect(within(providers).getByText('3 configured · 2 active')).toBeTruthy();
    expect(within(providers).getByRole('row', { name: 'openai' }).textContent).toContain('Closed');
    expect(within(providers).getByRole('row', { name: 'anthropic' }).textContent).toContain('Open');
    const off = within(providers).getByRole('row', { name: 'openrouter' });
    expect(off.textContent).toContain('Inactive');
    expect(off.textContent).toContain('set OPENROUTER_API_KEY');
  });

  it('says once that the gateway is not running when the core could not start', async () => {
    const backend = createFakeBackend();
    backend.handlers['app:info'] = () => ({ ...fx.appInfo, gateway: null });
    backend.handlers['routing:table'] = () => {
      throw new FakeWireError('unavailable', 'the router core is not running');
    };
    renderWithBackend(<GatewayScreen />, backend);
    expect(await screen.findByText('The gateway is not running.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy API key' })).toBeNull();
    // One explanation, not a second error about the routing table the stopped core cannot give.
    await vi.waitFor(() => expect(backend.callsTo('routing:table')).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Models' })).toBeNull();
  });

  it('follows breaker pushes: a provider whose breaker closes is no longer skipped', async () => {
    const { backend } = renderWithBackend(<Live />);
    const models = await screen.findByRole('region', { name: 'Models' });
    await within(models).findByText('skipped: breaker open');
    act(() =>
      backend.emit(
        'breakers:changed',
        fx.breakers.map((b) => ({ ...b, state: 'closed' as const })),
      ),
    );
    await vi.waitFor(() => expect(within(models).queryByText('skipped: breaker open')).toBeNull());
    expect(within(models).getAllByText('skipped: no API key')).toHaveLength(3);
  });
});
