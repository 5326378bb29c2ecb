// Wires PENIN's push events into the query cache, once for the whole app, so every screen is live
// without polling: snapshots are replaced, histories get a point appended. After a reconnect the
// pushes missed while away are unknown, so everything is refetched once.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CachePoint, SpendPoint } from '../../../shared/ipc/contract';
import type { BudgetSnapshot } from '../../../shared/domain';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';
import { appendPoint } from './refresh';

export function useLiveSync(): void {
  const api = useApi();
  const qc = useQueryClient();

  useEffect(() => {
    const offs = [
      api.on('budget:changed', (snap) => {
        const prev = qc.getQueryData<BudgetSnapshot>(queryKeys.budget);
        qc.setQueryData(queryKeys.budget, snap);
        if (prev && prev.day !== snap.day) {
          // A new budget day: the history restarts on the server too.
          void qc.invalidateQueries({ queryKey: queryKeys.spendHistory });
          return;
        }
        qc.setQueryData<SpendPoint[]>(queryKeys.spendHistory, (old) =>
          appendPoint(old, { at: snap.at, spendUsd: snap.spendUsd }),
        );
      }),
      api.on('breakers:changed', (list) => qc.setQueryData(queryKeys.breakers, list)),
      api.on('cache:changed', (stats) => {
        qc.setQueryData(queryKeys.cacheStats, stats);
        qc.setQueryData<CachePoint[]>(queryKeys.cacheHistory, (old) =>
          appendPoint(old, {
            at: Date.now(),
            hitRate: stats.hits + stats.misses === 0 ? null : stats.hitRate,
            entries: stats.entries,
            bytes: stats.bytes,
          }),
        );
      }),
      api.on('ledger:progress', (progress) =>
        qc.setQueryData(queryKeys.ledgerProgress(progress.sessionId), progress),
      ),
    ];
    return () => offs.forEach((off) => off());
  }, [api, qc]);

  useEffect(() => {
    let wasOpen = api.connection.status() === 'open';
    return api.connection.subscribe((status) => {
      if (status === 'open' && !wasOpen) void qc.invalidateQueries();
      wasOpen = status === 'open';
    });
  }, [api, qc]);
}
