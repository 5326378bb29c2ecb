// Provides the one API object to the component tree.
import { createContext, useContext, type ReactNode } from 'react';
import type { PeninApi } from './create-api';

const ApiContext = createContext<PeninApi | null>(null);

export function ApiProvider({ api, children }: { api: PeninApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PeninApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it');
  return api;
}
