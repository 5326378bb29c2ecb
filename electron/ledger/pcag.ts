// The seed's ProofCarryingArtifact: its 14 fields, how one is created from decision data, and
// how its current_hash is computed (SHA-256 of Python's json.dumps(entry minus current_hash, sort_keys=True)).
import { createHash, randomUUID } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { PyFloat } from './pyfloat';
import { pyDumps, pyDumpsBytes, PyJsonBytes } from './pyjson-dump';
import type { DecisionData, Pcag, PyJson } from './types';

/** The seed's dataclass field order: how Python writes a ledger line. */
export const PCAG_FIELDS = [
  'decision_id',
  'timestamp',
  'version',
  'delta_linf',
  'caos_plus',
  'sr_score',
  'ethical_score',
  'decision',
  'reason',
  'metrics',
  'violations',
  'gates_passed',
  'previous_hash',
  'current_hash',
] as const;

export type PcagField = (typeof PCAG_FIELDS)[number];

// crypto.hash (one-shot, Node >= 20.12) is much cheaper than a Hash object for small inputs.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: 'hex') => string }).hash;

/** SHA-256 hex of bytes. */
export function sha256HexOf(bytes: Uint8Array): string {
  return oneShot ? oneShot('sha256', bytes, 'hex') : createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 hex of the canonical bytes of an entry, current_hash left out. */
export function computeHash(entry: { [key: string]: PyJson }): string {
  return sha256HexOf(pyDumpsBytes(entry, { sortKeys: true, omitTopLevelKey: 'current_hash' }));
}

/** The last second formatted (epoch second → `YYYY-MM-DDTHH:MM:SS`): entries come many per second. */
let isoSecond = NaN;
let isoPrefix = '';

/** Python's datetime.utcnow().isoformat(): microseconds, no zone suffix, no fraction when it is zero. */
export function pythonUtcIsoformat(d: Date): string {
  const t = d.getTime();
  const ms = t - Math.floor(t / 1000) * 1000; // = getUTCMilliseconds(), also before 1970
  const second = t - ms;
  if (second !== isoSecond) {
    isoPrefix = d.toISOString().slice(0, 19); // 2025-10-01T12:34:56.789Z → up to the seconds
    isoSecond = second;
  }
  if (ms === 0) return isoPrefix;
  return `${isoPrefix}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}000`;
}

const score = (v: number | undefined): number | PyFloat => (v === undefined ? new PyFloat(0) : v);

/** ProofCarryingArtifact.create: the seed's defaults (0.0 scores, empty evidence), then the hash. */
export function createPcag(d: DecisionData, previousHash: string, now: Date): Pcag {
  return createPcagLine(d, previousHash, now).pcag;
}

/** The hashed fields in sorted key order (the canonical text's order). */
const SORTED_FIELDS = PCAG_FIELDS.filter((f) => f !== 'current_hash').sort();
/** Where each of SORTED_FIELDS goes in the line (PCAG_FIELDS order). */
const LINE_INDEX = SORTED_FIELDS.map((f) => PCAG_FIELDS.indexOf(f));
const CURRENT_HASH_INDEX = PCAG_FIELDS.indexOf('current_hash');
/** What precedes each sorted field's value in the canonical text: `{"caos_plus": `, `, "decision": `… */
const CANON_PREFIX = SORTED_FIELDS.map((f, i) => `${i ? ', ' : '{'}"${f}": `);
/** What precedes each field's value in the line, PCAG_FIELDS order. */
const LINE_PREFIX = PCAG_FIELDS.map((f, i) => `${i ? ', ' : '{'}"${f}": `);

/** One scratch buffer for every entry: appends are synchronous, one at a time. */
const scratch = new PyJsonBytes();
/** Each line field's value as [start, end) in scratch (current_hash's unused). */
const valueStart = new Int32Array(PCAG_FIELDS.length);
const valueEnd = new Int32Array(PCAG_FIELDS.length);

/**
 * createPcag and the entry's ledger line (with its newline), every value serialized once: nested
 * objects are written with their keys sorted, so one text serves both the canonical bytes and the
 * line (the hash does not depend on nested key order, and Python's verifier re-sorts whatever order
 * a line has). The canonical text is written as bytes into a reused buffer and hashed there; the
 * line is the one buffer allocated (PyJsonBytes in pyjson-dump.ts says why).
 */
export function createPcagLine(
  d: DecisionData,
  previousHash: string,
  now: Date,
): { pcag: Pcag; line: Buffer } {
  const entry: Pcag = {
    decision_id: d.decision_id,
    timestamp: pythonUtcIsoformat(now),
    version: '1.0',
    delta_linf: score(d.delta_linf),
    caos_plus: score(d.caos_plus),
    sr_score: score(d.sr_score),
    ethical_score: score(d.ethical_score),
    decision: d.decision,
    reason: d.reason,
    metrics: d.metrics ?? {},
    violations: d.violations ?? [],
    gates_passed: d.gates_passed ?? {},
    previous_hash: previousHash,
    current_hash: '',
  };
  const values = entry as unknown as { [key: string]: PyJson };
  scratch.reset();
  for (let i = 0; i < SORTED_FIELDS.length; i++) {
    scratch.ascii(CANON_PREFIX[i]);
    valueStart[LINE_INDEX[i]] = scratch.length;
    scratch.value(values[SORTED_FIELDS[i]], true);
    valueEnd[LINE_INDEX[i]] = scratch.length;
  }
  scratch.ascii('}');
  entry.current_hash = sha256HexOf(scratch.view());
  // The line goes after the canonical text in the same buffer, then out as one new Buffer.
  const lineStart = scratch.length;
  for (let i = 0; i < PCAG_FIELDS.length; i++) {
    scratch.ascii(LINE_PREFIX[i]);
    if (i === CURRENT_HASH_INDEX) scratch.ascii(`"${entry.current_hash}"`);
    else scratch.again(valueStart[i], valueEnd[i]);
  }
  scratch.ascii('}\n');
  const line = scratch.copyOut(lineStart, scratch.length);
  return { pcag: entry, line };
}

/** The ledger line Python's WORMLedger.append writes: json.dumps(pcag.to_dict()), field order kept. */
export function pcagLine(p: Pcag): string {
  return pyDumps(p as unknown as PyJson, { sortKeys: false });
}

export function newDecisionId(): string {
  return randomUUID();
}

const isObject = (v: PyJson): v is { [key: string]: PyJson } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyFloat);
const isNumber = (v: PyJson): boolean =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat;

const FIELD_TYPES: Record<PcagField, [check: (v: PyJson) => boolean, name: string]> = {
  decision_id: [(v) => typeof v === 'string', 'a string'],
  timestamp: [(v) => typeof v === 'string', 'a string'],
  version: [(v) => typeof v === 'string', 'a string'],
  delta_linf: [isNumber, 'a number'],
  caos_plus: [isNumber, 'a number'],
  sr_score: [isNumber, 'a number'],
  ethical_score: [isNumber, 'a number'],
  decision: [(v) => typeof v === 'string', 'a string'],
  reason: [(v) => typeof v === 'string', 'a string'],
  metrics: [isObject, 'an object'],
  violations: [Array.isArray, 'an array'],
  gates_passed: [isObject, 'an object'],
  previous_hash: [(v) => typeof v === 'string', 'a string'],
  current_hash: [(v) => typeof v === 'string', 'a string'],
};

/** Why a parsed line is not a PCAg (missing, extra or mistyped field), or null when it is one. */
export function pcagShapeProblem(v: PyJson): string | null {
  if (!isObject(v)) return 'not a JSON object';
  const missing = PCAG_FIELDS.filter((f) => !Object.prototype.hasOwnProperty.call(v, f));
  if (missing.length) return `missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  const extra = Object.keys(v).filter((k) => !Object.prototype.hasOwnProperty.call(FIELD_TYPES, k));
  if (extra.length)
    return `unexpected field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (the seed's verifier rejects it)`;
  for (const f of PCAG_FIELDS) {
    const [check, name] = FIELD_TYPES[f];
    if (!check(v[f])) return `field ${f} is not ${name}`;
  }
  return null;
}
