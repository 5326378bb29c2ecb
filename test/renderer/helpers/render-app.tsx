// Renders renderer UI against a fake backend, with the app's providers around it.
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { AppProviders } from '../../../renderer/src/shell/AppProviders';
import { createFakeBackend, type FakeBackend } from './fake-api';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  // The shown screen is kept in the address (?screen=): each test starts from a bare one.
  window.history.replaceState(null, '', window.location.pathname);
});

export interface Rendered extends RenderResult {
  backend: FakeBackend;
  queryClient: QueryClient;
}

export function renderWithBackend(ui: ReactNode, backend: FakeBackend = createFakeBackend()): Rendered {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <AppProviders api={backend.api} queryClient={queryClient}>
      {ui}
    </AppProviders>,
  );
  return { ...result, backend, queryClient };
}
