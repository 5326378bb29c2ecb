// The app's mode, version, demo folder, gateway address and ledger paths: fixed while it runs.
import { useKeptQuery } from './kept-query';
import { queryKeys } from './query-keys';

export function useAppInfo() {
  return useKeptQuery(queryKeys.appInfo, (api) => api.invoke('app:info', {}));
}
