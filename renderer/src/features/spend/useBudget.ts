// Today's budget snapshot; kept live by the budget:changed push (see useLiveSync).
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useBudget() {
  return useKeptQuery(queryKeys.budget, (api) => api.invoke('budget:get', {}), { safetyPoll: true });
}
