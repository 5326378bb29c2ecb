// The budget's figures as the gauge shows them, so that they add up as shown: spent + reserved +
// remaining = the limit, to the last digit displayed. Each of spent, reserved and the limit is
// shown as formatUsd shows it; remaining is the shown limit minus the shown spent and reserved,
// computed exactly (in the finest unit shown, with BigInt) rather than rounded on its own.
import { moneyDecimals } from '../../lib/format';

/** Past this many decimals an amount is not worth more digits (formatUsd says "<$0.000000000001"). */
const MAX_DECIMALS = 12;

export interface ShownBudget {
  limit: string;
  spent: string;
  reserved: string;
  remaining: string;
  /** Remaining is zero or below, as shown. */
  exhausted: boolean;
}

interface Fixed {
  /** The amount in units of 10^-decimals, as displayed. */
  units: bigint;
  decimals: number;
}

const plain = new Map<number, Intl.NumberFormat>();
function plainWith(decimals: number): Intl.NumberFormat {
  let f = plain.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
    });
    plain.set(decimals, f);
  }
  return f;
}

/** `value` rounded as formatUsd shows it, as an exact decimal. */
function shown(value: number): Fixed {
  const decimals = Math.min(MAX_DECIMALS, moneyDecimals(value, 2));
  const text = plainWith(decimals).format(value); // "-1.23", "0.000012"
  return { units: BigInt(text.replace('.', '')), decimals };
}

const scaled = (f: Fixed, decimals: number): bigint => f.units * 10n ** BigInt(decimals - f.decimals);

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function formatFixed(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(decimals);
  const whole = grouped.format(abs / base);
  const frac = (abs % base).toString().padStart(decimals, '0');
  return `${negative ? '-' : ''}$${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

export function shownBudget(limitUsd: number, spendUsd: number, reservedUsd: number): ShownBudget {
  const parts = [limitUsd, spendUsd, reservedUsd].map(shown);
  const [limit, spent, reserved] = parts;
  const decimals = Math.max(...parts.map((p) => p.decimals));
  const remaining = scaled(limit, decimals) - scaled(spent, decimals) - scaled(reserved, decimals);
  const text = (f: Fixed) => formatFixed(f.units, f.decimals);
  return {
    limit: text(limit),
    spent: text(spent),
    reserved: text(reserved),
    // Zero is "$0.00", as everywhere else; other amounts keep the decimals of the finest figure.
    remaining: remaining === 0n ? '$0.00' : formatFixed(remaining, decimals),
    exhausted: remaining <= 0n,
  };
}
