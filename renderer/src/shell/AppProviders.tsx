// Everything the screens need above them: the API, the query cache, the theme, the ledger session.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider } from '../api/api-context';
import type { PeninApi } from '../api/create-api';
import { LedgerSessionProvider } from '../features/ledger/ledger-session';
import { ThemeProvider } from '../ui/theme-context';

export function AppProviders({
  api,
  queryClient,
  children,
}: {
  api: PeninApi;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <ThemeProvider>
          <LedgerSessionProvider>{children}</LedgerSessionProvider>
        </ThemeProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
