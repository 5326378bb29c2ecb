// Python's float semantics for the ledger's JSON: a float stays a float (`100.0` is not `100`),
// and is printed exactly as Python's repr() prints it.
import type { PyFloatLike } from './types';

/** A float whose value is integral (or -0.0): JSON text `100.0` / `-0.0`, which a JS number cannot tell from an int. */
export class PyFloat implements PyFloatLike {
  constructor(readonly pyFloat: number) {}
}

/** instanceof, never a shape check: a JSON object with a "pyFloat" key is still an object. */
export function isPyFloat(v: unknown): v is PyFloat {
  return v instanceof PyFloat;
}

/** The decimal digits (no leading/trailing zeros) and decimal-point position of |x|: |x| = 0.DIGITS × 10^decpt. */
function shortestDigits(abs: number): { digits: string; decpt: number } {
  const s = String(abs); // ECMAScript Number::toString: shortest round-trip digits, closest to the value
  const e = s.indexOf('e');
  if (e >= 0) {
    const mantissa = s.slice(0, e).replace('.', '');
    return { digits: mantissa, decpt: Number(s.slice(e + 1)) + 1 };
  }
  const dot = s.indexOf('.');
  const intPart = dot >= 0 ? s.slice(0, dot) : s;
  const fracPart = dot >= 0 ? s.slice(dot + 1) : '';
  if (intPart !== '0') {
    const digits = (intPart + fracPart).replace(/0+$/, '');
    return { digits, decpt: intPart.length };
  }
  const lead = fracPart.length - fracPart.replace(/^0+/, '').length;
  return { digits: fracPart.slice(lead), decpt: -lead };
}

/** Python's repr(float), as json.dumps writes it: `1e-05`, `1e+16`, `100.0`, `-0.0`, `NaN`, `Infinity`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const abs = Math.abs(x);
  // Fast path: where both languages print fixed notation with a fraction, they print the same digits.
  if (abs >= 1e-4 && abs < 1e16 && !Number.isInteger(abs)) return sign + String(abs);
  const { digits, decpt } = shortestDigits(abs);
  // CPython float_repr_style 'short': fixed notation when -4 < decpt <= 16, else exponent.
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const exp = decpt - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expAbs = Math.abs(exp);
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
}
