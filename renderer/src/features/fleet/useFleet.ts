// The attached instances as main last polled them: pushed by fleet:changed, and polled every
// 2 s besides (the poll is the fallback when a push is missed, and shows each row's age moving).
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FleetStatus } from '../../../../shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export const FLEET_POLL_MS = 2000;

export function useFleetStatus() {
  const api = useApi();
  const qc = useQueryClient();
  useEffect(
    () => api.on('fleet:changed', (status) => qc.setQueryData<FleetStatus>(queryKeys.fleet, status)),
    [api, qc],
  );
  return useQuery({
    queryKey: queryKeys.fleet,
    queryFn: () => api.invoke('fleet:status', {}),
    refetchInterval: FLEET_POLL_MS,
  });
}

export interface AttachInput {
  url: string;
  token: string;
  name?: string;
}

export function useAttachInstance() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AttachInput) => api.invoke('fleet:attach', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.fleet }),
  });
}

export function useDetachInstance() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.invoke('fleet:detach', { id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.fleet }),
  });
}
