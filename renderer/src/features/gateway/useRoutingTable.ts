// The configured providers and which serve each model: fixed while the core runs (the config is
// read at start), so it is fetched once.
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useRoutingTable() {
  return useKeptQuery(queryKeys.routing, (api) => api.invoke('routing:table', {}));
}
