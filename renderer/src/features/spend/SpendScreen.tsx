// Live spend: today's budget gauge, spend over time (fitted to the data or reaching the limits),
// spend by provider and by model, and the last requests the gateway recorded.
import { useState } from 'react';
import { BudgetGauge } from './BudgetGauge';
import { Panel } from '../../ui/Panel';
import { RecentRequests } from './RecentRequests';
import { Segmented } from '../../ui/Segmented';
import { ScaleToggle } from '../../ui/charts/ScaleToggle';
import { SpendBars } from './SpendBars';
import { SpendChart } from './SpendChart';
import { QueryState } from '../../ui/QueryState';
import { EmptyState } from '../../ui/States';
import { useBudget } from './useBudget';
import { FleetSpend } from '../fleet/FleetSpend';
import { useFleetStatus } from '../fleet/useFleet';
import { useFindInLedger } from '../ledger/useFindInLedger';
import { RECENT_SHOWN, useRecentRequests } from './useRecentRequests';
import { useSpendHistory } from './useSpendHistory';
import { useValueScale } from '../../ui/charts/useValueScale';
import { formatClockSeconds } from '../../lib/format';
import './spend.css';

const SHOW_OPTIONS = [
  ['all', 'All'],
  ['problems', 'Refused & failed'],
] as const;

export function SpendScreen() {
  const budget = useBudget();
  // With instances attached (the Fleet screen), the budget panel shows the fleet's spend too.
  const fleet = useFleetStatus().data;
  const history = useSpendHistory();
  const [show, setShow] = useState<'all' | 'problems'>('all');
  const recent = useRecentRequests(show === 'problems');
  const findInLedger = useFindInLedger();
  const [scale, setScale] = useValueScale('spend');

  return (
    <QueryState query={budget} what="today's budget">
      {(b) => {
        const softUsd = (b.dailyLimitUsd * b.softLimitPct) / 100;
        const hardUsd = (b.dailyLimitUsd * b.hardLimitPct) / 100;
        return (
          <div className="screen">
            <Panel title="Today's budget" subtitle={`Updated ${formatClockSeconds(b.at)}`}>
              <BudgetGauge budget={b} />
              {fleet && fleet.instances.length > 0 ? <FleetSpend totals={fleet.totals} /> : null}
            </Panel>
            <Panel
              title="Spend over time"
              subtitle="Cumulative spend today"
              actions={<ScaleToggle scale={scale} onChange={setScale} chart="Spend over time" />}
            >
              <QueryState
                query={history}
                what="spend history"
                isEmpty={(points) => points.length === 0}
                empty={
                  <EmptyState title="No spend recorded yet today.">
                    The line starts with the first paid request routed by the gateway. To send one, point an
                    application at it: the Gateway screen gives the address, the key and code to paste.
                  </EmptyState>
                }
              >
                {(points) => (
                  <SpendChart history={points} softUsd={softUsd} hardUsd={hardUsd} scale={scale} />
                )}
              </QueryState>
            </Panel>
            <div className="grid-2">
              <Panel title="By provider">
                <SpendBars buckets={b.byProvider} what="provider" />
              </Panel>
              <Panel title="By model">
                <SpendBars buckets={b.byModel} what="model" />
              </Panel>
            </div>
            <Panel
              title="Recent requests"
              subtitle={
                show === 'all'
                  ? `The last ${RECENT_SHOWN} the gateway recorded since PENIN started, newest first`
                  : 'The requests it refused or that failed, among the last 200 it recorded'
              }
              actions={
                <Segmented
                  options={SHOW_OPTIONS}
                  value={show}
                  onChange={setShow}
                  label="Which recent requests"
                />
              }
            >
              <QueryState
                query={recent}
                what="recent requests"
                isEmpty={(requests) => requests.length === 0}
                empty={
                  show === 'problems' ? (
                    <EmptyState title="No refused or failed requests among the last 200.">
                      Requests the budget, the breakers or the providers turn away appear here.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No requests since PENIN started.">
                      Each request the gateway serves or refuses appears here as its ledger entry is written.
                    </EmptyState>
                  )
                }
              >
                {(requests) => <RecentRequests requests={requests} onFind={findInLedger ?? undefined} />}
              </QueryState>
            </Panel>
          </div>
        );
      }}
    </QueryState>
  );
}
