// Cache: hit rate, occupancy against its limits, evictions, expiries and integrity failures; an
// operator can clear it (with a reason, recorded in the ledger).
import { useState } from 'react';
import { CacheSizeChart } from './CacheSizeChart';
import { HitRateChart } from './HitRateChart';
import { Meter } from '../../ui/Meter';
import { Panel } from '../../ui/Panel';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { ScaleToggle } from '../../ui/charts/ScaleToggle';
import { Stat } from '../../ui/Stat';
import { QueryState } from '../../ui/QueryState';
import { EmptyState } from '../../ui/States';
import { useCacheHistory } from './useCacheHistory';
import { useCacheStats } from './useCacheStats';
import { useValueScale } from '../../ui/charts/useValueScale';
import { useClearCache } from './useClearCache';
import { formatBytes, formatInt, formatRatio } from '../../lib/format';
import './cache.css';

export function CacheScreen() {
  const stats = useCacheStats();
  const history = useCacheHistory();
  const clear = useClearCache();
  const [confirming, setConfirming] = useState(false);
  const [scale, setScale] = useValueScale('cache-size');

  return (
    <QueryState query={stats} what="cache statistics">
      {(s) => {
        const failing = s.integrityFailures > 0;
        return (
          <div className="screen">
            {failing ? (
              <div className="alert alert--bad" role="alert">
                <strong>{formatInt(s.integrityFailures)} cache integrity failures.</strong> Stored responses
                did not match their checksums and were not served. Check the disk holding the cache, then
                clear it.
              </div>
            ) : null}
            <Panel
              title="Response cache"
              actions={
                <button
                  type="button"
                  className="btn btn--danger-outline"
                  disabled={s.entries === 0}
                  title={s.entries === 0 ? 'The cache is empty' : undefined}
                  onClick={() => {
                    clear.reset();
                    setConfirming(true);
                  }}
                >
                  Clear cache…
                </button>
              }
            >
              <div className="stats-row">
                <Stat
                  label="Hit rate"
                  value={s.hits + s.misses === 0 ? '—' : formatRatio(s.hitRate)}
                  sub={
                    s.hits + s.misses === 0
                      ? 'no lookups yet'
                      : `${formatInt(s.hits)} hits · ${formatInt(s.misses)} misses`
                  }
                  tone={s.hits + s.misses === 0 ? 'neutral' : s.hitRate >= 0.3 ? 'ok' : 'warn'}
                />
                <Stat label="Evictions" value={formatInt(s.evictions)} sub="removed to stay within limits" />
                <Stat label="Expired" value={formatInt(s.expired)} sub="removed at end of TTL" />
                <Stat
                  label="Integrity failures"
                  value={formatInt(s.integrityFailures)}
                  sub={failing ? 'corrupted entries detected' : 'none detected'}
                  tone={failing ? 'bad' : 'ok'}
                />
              </div>
              <div className="grid-2 meters">
                <Meter label="Entries" value={s.entries} max={s.maxEntries} format={formatInt} />
                <Meter label="Bytes" value={s.bytes} max={s.maxBytes} format={formatBytes} />
              </div>
            </Panel>
            <QueryState
              query={history}
              what="cache history"
              isEmpty={(points) => points.length === 0}
              empty={
                <Panel title="Over time">
                  <EmptyState title="No cache history yet.">
                    Points are added as the gateway serves requests.
                  </EmptyState>
                </Panel>
              }
            >
              {(points) => (
                <div className="grid-2">
                  <Panel title="Hit rate over time">
                    <HitRateChart history={points} />
                  </Panel>
                  <Panel
                    title="Size over time"
                    actions={<ScaleToggle scale={scale} onChange={setScale} chart="Cache size over time" />}
                  >
                    <CacheSizeChart history={points} maxBytes={s.maxBytes} scale={scale} />
                  </Panel>
                </div>
              )}
            </QueryState>
            {confirming ? (
              <ReasonDialog
                title="Clear the response cache?"
                description={`All ${formatInt(s.entries)} cached responses (${formatBytes(s.bytes)}) are dropped: the next identical requests go to a provider again, and cost again. The ledger records who cleared it and why.`}
                confirmLabel="Clear cache"
                danger
                pending={clear.isPending}
                error={clear.error}
                onCancel={() => setConfirming(false)}
                onConfirm={(reason) => clear.mutate(reason, { onSuccess: () => setConfirming(false) })}
              />
            ) : null}
          </div>
        );
      }}
    </QueryState>
  );
}
