// Checks the decision data handed to the ledger (the seed's decision_data) before anything is
// written: a clear error naming the field, never a half-written entry.
import { PyFloat } from './pyfloat';
import type { DecisionData, PyJson } from './types';

export class InvalidDecisionError extends Error {}

const SCORES = ['delta_linf', 'caos_plus', 'sr_score', 'ethical_score'] as const;
const EVIDENCE = ['metrics', 'violations', 'gates_passed'] as const;
const REQUIRED = ['decision_id', 'decision', 'reason'] as const;
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

/** True when every number inside `v` is finite and it holds only JSON values (no paths built: the hot path). */
function allFinite(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth > 1000) return false; // let the slow walk name it (or overflow as before)
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!allFinite(v[i], depth + 1)) return false;
    return true;
  }
  if (v instanceof PyFloat) return Number.isFinite(v.pyFloat);
  const o = v as Record<string, unknown>;
  for (const k in o)
    if (Object.prototype.hasOwnProperty.call(o, k) && !allFinite(o[k], depth + 1)) return false;
  return true;
}

const JSON_SCALARS = new Set(['string', 'boolean', 'number', 'bigint']);

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
  } else if (v !== null && !JSON_SCALARS.has(typeof v)) {
    return `${path} (not a JSON value)`;
  }
  return null;
}

export function validateDecision(input: unknown): DecisionData {
  if (!isPlainObject(input)) throw new InvalidDecisionError('a decision must be a JSON object');
  let allKnown = true;
  for (const k in input)
    if (!KNOWN.has(k) && Object.prototype.hasOwnProperty.call(input, k)) allKnown = false;
  const unknown = allKnown ? [] : Object.keys(input).filter((k) => !KNOWN.has(k));
  if (unknown.length)
    throw new InvalidDecisionError(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: a PCAg has exactly the seed's fields; put extra data inside metrics`,
    );
  for (const f of REQUIRED) {
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
  for (const f of EVIDENCE) {
    if (allFinite(input[f], 0)) continue; // the common case: no path strings built
    const bad = findNonFinite(input[f], f);
    if (bad) throw new InvalidDecisionError(`${bad} must be a finite number`);
  }
  return input as unknown as DecisionData;
}
