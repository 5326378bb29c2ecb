// Today's spend against the daily limit: a bar with the soft and hard limit marks, the money
// reserved by requests in flight, and where the day is projected to end.
import { budgetAdvice, SOFT_LIMIT_MODE_LABEL } from '../../../../shared/budget-rules';
import type { BudgetSnapshot, BudgetStatus, SoftLimitMode } from '../../../../shared/domain';
import { shownBudget } from './budget-figures';
import { formatInt, formatPct, formatUsd } from '../../lib/format';
import { limitEtaText, projectionBasisText } from './projection-text';
import { Stat, type Tone } from '../../ui/Stat';

// What the gateway does in each status: shared/budget-rules.ts, which the alerts use too.
const STATUS: Record<BudgetStatus, { label: (mode: SoftLimitMode) => string; tone: Tone }> = {
  OK: { label: () => 'Within budget', tone: 'ok' },
  SOFT_LIMIT_EXCEEDED: {
    label: (mode) => (mode === 'refuse' ? 'Soft limit: refusing' : 'Soft limit passed: routing'),
    tone: 'warn',
  },
  HARD_LIMIT_EXCEEDED: { label: () => 'Hard limit reached', tone: 'bad' },
};

/** Position (0..100) of `usd` on a scale that ends at `scaleMax`. */
function at(usd: number, scaleMax: number): number {
  return scaleMax > 0 ? Math.max(0, Math.min(100, (usd / scaleMax) * 100)) : 0;
}

/**
 * How a label placed at `pct` (0..100) hangs off its mark: centred in the middle, and starting or
 * ending at the mark near the edges, so that it never runs out of the card.
 */
function labelShift(pct: number): string {
  if (pct < 15) return 'none';
  if (pct > 85) return 'translateX(-100%)';
  return 'translateX(-50%)';
}

export function BudgetGauge({ budget }: { budget: BudgetSnapshot }) {
  const limit = budget.dailyLimitUsd;
  const softUsd = (limit * budget.softLimitPct) / 100;
  const hardUsd = (limit * budget.hardLimitPct) / 100;
  const scaleMax = Math.max(hardUsd * 1.12, budget.spendUsd + budget.reservedUsd);
  const status = STATUS[budget.status];
  const advice = budgetAdvice(budget.status, budget);
  // Spent + reserved + remaining add up to the limit as shown.
  const shown = shownBudget(limit, budget.spendUsd, budget.reservedUsd);
  const projectedTone: Tone =
    budget.projectedEndOfDayUsd >= hardUsd ? 'bad' : budget.projectedEndOfDayUsd >= softUsd ? 'warn' : 'ok';

  return (
    <div className="gauge">
      <div className="gauge__headline">
        <div>
          <div className="gauge__spend">
            <span className="gauge__spend-value">{shown.spent}</span>
            <span className="muted"> spent of {shown.limit} daily limit</span>
          </div>
          <div className="muted small">
            {budget.day} ({budget.timeZone}) · {formatPct(budget.percentUsed)} used
          </div>
        </div>
        <span className={`pill pill--${status.tone}`} title={advice}>
          {status.label(budget.softLimitMode)}
        </span>
      </div>

      <div className="gauge__above">
        <span
          className={`gauge__projection-label gauge__projection-label--${projectedTone}`}
          data-testid="projection-label"
          style={{
            left: `${at(budget.projectedEndOfDayUsd, scaleMax)}%`,
            transform: labelShift(at(budget.projectedEndOfDayUsd, scaleMax)),
          }}
        >
          projected {formatUsd(budget.projectedEndOfDayUsd)}
          {budget.projectedEndOfDayUsd > scaleMax ? ' ▸' : ''}
        </span>
      </div>
      <div
        className="gauge__track"
        role="meter"
        aria-label="Spend against the daily limit"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={budget.spendUsd}
        aria-valuetext={`${formatUsd(budget.spendUsd)} of ${formatUsd(limit)}`}
      >
        <div
          className={`gauge__fill gauge__fill--${status.tone}`}
          style={{ width: `${at(budget.spendUsd, scaleMax)}%` }}
        />
        {budget.reservedUsd > 0 ? (
          <div
            className="gauge__reserved"
            title={`${shown.reserved} reserved by requests in flight`}
            style={{
              left: `${at(budget.spendUsd, scaleMax)}%`,
              width: `${at(budget.spendUsd + budget.reservedUsd, scaleMax) - at(budget.spendUsd, scaleMax)}%`,
            }}
          />
        ) : null}
        <div
          className="gauge__mark gauge__mark--soft"
          style={{ left: `${at(softUsd, scaleMax)}%` }}
          data-testid="soft-mark"
        />
        <div
          className="gauge__mark gauge__mark--hard"
          style={{ left: `${at(hardUsd, scaleMax)}%` }}
          data-testid="hard-mark"
        />
        <div
          className={`gauge__projection gauge__projection--${projectedTone}`}
          style={{ left: `${at(budget.projectedEndOfDayUsd, scaleMax)}%` }}
          title={`Projected end of day: ${formatUsd(budget.projectedEndOfDayUsd)}${budget.projectedEndOfDayUsd > scaleMax ? ' (off the scale)' : ''}`}
        />
      </div>
      <div className="gauge__labels">
        <span className="gauge__label gauge__label--soft" style={{ left: `${at(softUsd, scaleMax)}%` }}>
          Soft {formatPct(budget.softLimitPct, 0)} · {formatUsd(softUsd)} ·{' '}
          {SOFT_LIMIT_MODE_LABEL[budget.softLimitMode]}
        </span>
        <span className="gauge__label gauge__label--hard" style={{ left: `${at(hardUsd, scaleMax)}%` }}>
          Hard {formatPct(budget.hardLimitPct, 0)} · {formatUsd(hardUsd)}
        </span>
      </div>

      <div className="stats-row">
        <Stat label="Remaining" value={shown.remaining} tone={shown.exhausted ? 'bad' : 'neutral'} />
        <Stat label="Reserved in flight" value={shown.reserved} />
        <Stat
          label="Projected end of day"
          value={formatUsd(budget.projectedEndOfDayUsd)}
          sub={limitEtaText(budget)}
          title={projectionBasisText(budget)}
          tone={projectedTone}
        />
        <Stat
          label="Requests"
          value={formatInt(budget.requests)}
          sub={`${formatInt(budget.tokens)} tokens`}
        />
      </div>
      <p className="muted small" data-testid="budget-advice">
        {advice}
      </p>
    </div>
  );
}
