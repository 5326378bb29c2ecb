// Whether a float as written in a ledger line is exactly Python's repr of its value, decided on
// the bytes (the fast canonicalizer copies such floats as they are).
import { pyFloatRepr } from './pyfloat';

// With at most 15 significant digits a decimal text is the only shortest text of its double
// (DBL_DIG), so it is Python's repr when it has no superfluous zero and the notation Python picks.

/** Fixed notation, as Python prints 1e-4 <= |x| < 1e16 (and 0.0). */
export function fixedIsRepr(
  b: Uint8Array,
  intAt: number,
  intDigits: number,
  fracAt: number,
  fracEnd: number,
): boolean {
  const fracDigits = fracEnd - fracAt;
  const zeroInt = intDigits === 1 && b[intAt] === 0x30;
  if (fracDigits === 1 && b[fracAt] === 0x30) return zeroInt || intDigits <= 15; // 0.0, -0.0, 100.0
  if (b[fracEnd - 1] === 0x30) return false;
  if (!zeroInt) return intDigits + fracDigits <= 15; // 181.25
  let lead = 0;
  while (b[fracAt + lead] === 0x30) lead++;
  return lead < 4 && fracDigits - lead <= 15; // 0.0042
}

/** Exponent notation, as Python prints |x| < 1e-4 and |x| >= 1e16: 6e-05, 1.5e+16. */
export function exponentIsRepr(
  b: Uint8Array,
  intAt: number,
  intDigits: number,
  fracAt: number,
  fracEnd: number,
  e: number,
  i: number,
): boolean {
  if (intDigits !== 1 || b[intAt] === 0x30 || b[e] !== 0x65) return false;
  const fracDigits = fracEnd - fracAt;
  if (fracDigits > 0 && (b[fracEnd - 1] === 0x30 || fracDigits > 14)) return false;
  const sign = b[e + 1];
  if (sign !== 0x2b && sign !== 0x2d) return false;
  const expDigits = i - e - 2;
  if (expDigits < 2 || expDigits > 3 || (expDigits === 3 && b[e + 2] === 0x30)) return false;
  let exp = 0;
  for (let k = e + 2; k < i; k++) exp = exp * 10 + b[k] - 0x30;
  return sign === 0x2d ? exp >= 5 && exp <= 300 : exp >= 16 && exp <= 300;
}

/** Whether the float lexeme b[p, i) is Python's repr of the value it reads as (both round correctly). */
export function floatIsRepr(b: Uint8Array, p: number, i: number): boolean {
  let lexeme = '';
  for (let k = p; k < i; k++) lexeme += String.fromCharCode(b[k]);
  return pyFloatRepr(Number(lexeme)) === lexeme;
}
