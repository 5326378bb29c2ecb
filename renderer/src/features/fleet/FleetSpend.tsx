// The fleet's spend against its limits, for the Spend screen's budget panel: shown once at least
// one instance is attached.
import type { FleetTotals } from '../../../../shared/ipc/contract';
import { formatUsd } from '../../lib/format';
import { Meter } from '../../ui/Meter';

export function FleetSpend({ totals }: { totals: FleetTotals }) {
  return (
    <div className="fleet-spend" data-testid="fleet-spend">
      <Meter
        label={`Fleet spend today (${totals.instances} ${totals.instances === 1 ? 'instance' : 'instances'}, ${totals.healthy} up)`}
        value={totals.spentUsd}
        max={totals.limitUsd}
        format={formatUsd}
      />
      <p className="muted small">
        {totals.source === 'gateway'
          ? 'As the gateways report their shared budget (counted once), plus any other instance.'
          : 'The attached instances’ spend added up (this console’s own gateway is above).'}
      </p>
    </div>
  );
}
