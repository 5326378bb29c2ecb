// One row of the ledger browser's table, from a parsed entry (or a line that is not one).
import { isPyFloat } from './pyfloat';
import type { PyJson } from './types';
import type { LedgerRow } from '../../shared/ledger-view';
import type { BreakKind } from '../../shared/domain';

const text = (v: PyJson | undefined): string => (typeof v === 'string' ? v : '');
function num(v: PyJson | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isPyFloat(v)) return v.pyFloat;
  return null;
}

export function rowFromEntry(
  index: number,
  entry: { [k: string]: PyJson } | null,
  breaks: BreakKind[],
): LedgerRow {
  const metrics = entry?.metrics;
  const m =
    metrics && typeof metrics === 'object' && !Array.isArray(metrics) && !isPyFloat(metrics)
      ? (metrics as { [k: string]: PyJson })
      : {};
  const provider = m.provider;
  return {
    index,
    decisionId: text(entry?.decision_id),
    timestamp: text(entry?.timestamp),
    decision: entry ? text(entry.decision) : '(unreadable)',
    reason: text(entry?.reason),
    provider: typeof provider === 'string' ? provider : null,
    costUsd: num(m.cost_usd),
    previousHash: text(entry?.previous_hash),
    currentHash: text(entry?.current_hash),
    breaks,
    ...(typeof m.instance === 'string' ? { instance: m.instance } : {}),
  };
}
