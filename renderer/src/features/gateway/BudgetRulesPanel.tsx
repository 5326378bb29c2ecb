// What the gateway does at the budget's limits, with the soft-limit mode in force (`softLimitMode`
// in the config): the same words as the budget panel and the alerts (shared/budget-rules.ts).
import { SOFT_LIMIT_MODE_LABEL, softLimitRule } from '../../../../shared/budget-rules';
import type { BudgetSnapshot } from '../../../../shared/domain';
import { useBudget } from '../spend/useBudget';
import { formatPct, formatUsd } from '../../lib/format';
import { Panel } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';

export function BudgetRulesPanel() {
  const budget = useBudget();
  return (
    <QueryState query={budget} what="the budget's limits">
      {(b) => <BudgetRules b={b} />}
    </QueryState>
  );
}

function BudgetRules({ b }: { b: BudgetSnapshot }) {
  const at = (pct: number) => `${formatPct(pct, 0)} (${formatUsd((b.dailyLimitUsd * pct) / 100)})`;
  return (
    <Panel
      title="Budget limits"
      subtitle={`${formatUsd(b.dailyLimitUsd)} a day, calendar days in ${b.timeZone}`}
    >
      <dl className="connect">
        <dt>Soft limit</dt>
        <dd>
          {at(b.softLimitPct)} ·{' '}
          <strong data-testid="soft-limit-mode">{SOFT_LIMIT_MODE_LABEL[b.softLimitMode]}</strong>
        </dd>
        <dt>Hard limit</dt>
        <dd>{at(b.hardLimitPct)} · refuse</dd>
      </dl>
      <p className="small" data-testid="soft-limit-rule">
        {softLimitRule(b)}
      </p>
      <p className="muted small">
        A request is admitted only if its worst-case cost fits under the hard limit; past it, 429
        budget_exceeded (hard). Cached answers cost nothing and are served either way. Set{' '}
        <code>softLimitMode</code> to <code>refuse</code> (the default) or <code>warn</code> in the config
        file, then restart.
      </p>
    </Panel>
  );
}
