// Checks the decision data handed to the ledger (the seed's decision_data) before anything is
// written: a clear error naming the field, never a half-written entry.
import { PyFloat } from './pyfloat';
import type { DecisionData, PyJson } from './types';

export class InvalidDecisionError extends Error {}

const SCORES = ['delta_linf', 'caos_plus', 'sr_score', 'ethical_score'] as const;
const KNOWN = new Set<string>([
  'decision_id',
  'decision',
  'reason',
  ...SCORES,
  'metrics',
  'violations',
  'gates_passed',
]);

const isPlainObject = (v: unknown): v is Record<string, PyJson> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyFloat);

function finiteNumber(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v instanceof PyFloat) return Number.isFinite(v.pyFloat);
  return typeof v === 'bigint';
}

/** Every number inside evidence must be finite: NaN and Infinity are not JSON to most readers. */
function findNonFinite(v: unknown, path: string): string | null {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return path;
  if (v instanceof PyFloat) return Number.isFinite(v.pyFloat) ? null : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findNonFinite(v[i], `${path}[${i}]`);
      if (r) return r;
    }
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      const r = findNonFinite(v[k], `${path}.${k}`);
      if (r) return r;
    }
  } else if (v !== null && !['string', 'boolean', 'number', 'bigint'].includes(typeof v)) {
    return `${path} (not a JSON value)`;
  }
  return null;
}

export function validateDecision(input: unknown): DecisionData {
  if (!isPlainObject(input)) throw new InvalidDecisionError('a decision must be a JSON object');
  const unknown = Object.keys(input).filter((k) => !KNOWN.has(k));
  if (unknown.length)
    throw new InvalidDecisionError(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: a PCAg has exactly the seed's fields; put extra data inside metrics`,
    );
  for (const f of ['decision_id', 'decision', 'reason'] as const) {
    const v = input[f];
    if (typeof v !== 'string' || v.length === 0)
      throw new InvalidDecisionError(`${f} must be a non-empty string`);
  }
  for (const f of SCORES)
    if (input[f] !== undefined && !finiteNumber(input[f]))
      throw new InvalidDecisionError(`${f} must be a finite number`);
  if (input.metrics !== undefined && !isPlainObject(input.metrics))
    throw new InvalidDecisionError('metrics must be a JSON object');
  if (input.gates_passed !== undefined && !isPlainObject(input.gates_passed))
    throw new InvalidDecisionError('gates_passed must be a JSON object');
  if (input.violations !== undefined && !Array.isArray(input.violations))
    throw new InvalidDecisionError('violations must be a JSON array');
  for (const f of ['metrics', 'violations', 'gates_passed'] as const) {
    const bad = findNonFinite(input[f], f);
    if (bad) throw new InvalidDecisionError(`${bad} must be a finite number`);
  }
  return input as unknown as DecisionData;
}
