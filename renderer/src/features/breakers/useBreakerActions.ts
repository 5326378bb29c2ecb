// Operator actions on a breaker: reset it, or force it open. Both need a reason, which ends up in
// the breaker's transition cause.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BreakerSnapshot } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export interface BreakerActionInput {
  provider: string;
  reason: string;
}

function useReplaceBreaker() {
  const qc = useQueryClient();
  return (updated: BreakerSnapshot) =>
    qc.setQueryData<BreakerSnapshot[]>(queryKeys.breakers, (old) =>
      old ? old.map((b) => (b.provider === updated.provider ? updated : b)) : old,
    );
}

export function useResetBreaker() {
  const api = useApi();
  const replace = useReplaceBreaker();
  return useMutation({
    mutationFn: (input: BreakerActionInput) => api.invoke('breakers:reset', input),
    onSuccess: replace,
  });
}

export function useForceOpenBreaker() {
  const api = useApi();
  const replace = useReplaceBreaker();
  return useMutation({
    mutationFn: (input: BreakerActionInput) => api.invoke('breakers:forceOpen', input),
    onSuccess: replace,
  });
}
