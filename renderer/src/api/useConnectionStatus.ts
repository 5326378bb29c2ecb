// Whether the renderer currently reaches PENIN (always 'open' in the desktop app).
import { useSyncExternalStore } from 'react';
import { useApi } from './api-context';
import type { ConnectionStatus } from './api-transport';

export function useConnectionStatus(): ConnectionStatus {
  const api = useApi();
  return useSyncExternalStore(api.connection.subscribe, api.connection.status);
}
