// Rebuilds today's spend from the ledger after a restart: every entry of the current budget day
// (in the budget's time zone) whose metrics carry a positive cost_usd, whatever its decision
// (a BLOCK can carry spend too: a stream that broke, an answer withheld because the ledger was down).
import { ledgerTimeMs } from '../../ledger/ledger-time';
import { isPyFloat } from '../../ledger/pyfloat';
import { readEntries } from '../../ledger/read';
import type { Pcag, PyJson } from '../../ledger/types';
import { dayBounds } from './budget-day';
import { MAX_CHARGE_USD } from './budget-money';
import { systemClock, type Clock } from '../model/clock';

export interface SpendEntry {
  at: number;
  costUsd: number;
  tokens: number;
  provider?: string;
  model?: string;
}

function num(v: PyJson | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isPyFloat(v)) return v.pyFloat;
  return 0;
}

function str(v: PyJson | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The spend an entry records, or null if none. */
export function spendOf(entry: Pcag): SpendEntry | null {
  const m = entry.metrics;
  const cost = num(m.cost_usd);
  if (!(cost > 0)) return null;
  const at = ledgerTimeMs(entry.timestamp);
  if (at === null) return null;
  const tokens = Math.min(
    Number.MAX_SAFE_INTEGER,
    Math.max(0, Math.trunc(num(m.prompt_tokens) + num(m.completion_tokens))),
  );
  // Capped as the router caps a charge, so that an absurd figure cannot stop the restore.
  const costUsd = Math.min(cost, MAX_CHARGE_USD);
  return { at, costUsd, tokens, provider: str(m.provider), model: str(m.model) };
}

/** Today's spend entries from the ledger at `path` (none if the file does not exist). */
export async function loadTodaySpend(
  path: string,
  timeZone: string,
  clock: Clock = systemClock,
): Promise<SpendEntry[]> {
  const { startMs, endMs } = dayBounds(clock.now(), timeZone);
  const out: SpendEntry[] = [];
  for await (const { entry } of readEntries(path)) {
    if (entry === null || typeof entry.metrics !== 'object' || entry.metrics === null) continue;
    const s = spendOf(entry);
    if (s && s.at >= startMs && s.at < endMs) out.push(s);
  }
  return out;
}
