// Today's spend over time; each budget:changed push appends a point (see useLiveSync).
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useSpendHistory() {
  return useKeptQuery(queryKeys.spendHistory, (api) => api.invoke('budget:history', {}));
}
