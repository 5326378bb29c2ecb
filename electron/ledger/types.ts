// The seed's ProofCarryingArtifact (PCAg) and the decision data it is made from.

/** A JSON value as the ledger stores it. See pyjson.ts for PyFloat (a float with an integral value). */
export type PyJson =
  null | boolean | number | bigint | string | PyJson[] | { [key: string]: PyJson } | PyFloatLike;

export interface PyFloatLike {
  readonly pyFloat: number;
}

/** What a caller hands to the ledger: the seed's `decision_data`. */
export interface DecisionData {
  decision_id: string;
  decision: string;
  reason: string;
  delta_linf?: number;
  caos_plus?: number;
  sr_score?: number;
  ethical_score?: number;
  metrics?: Record<string, PyJson>;
  violations?: PyJson[];
  gates_passed?: Record<string, PyJson>;
}

/** One ledger line: exactly the seed's 14 fields, in the seed's order. */
export interface Pcag {
  decision_id: string;
  timestamp: string;
  version: string;
  delta_linf: number | PyFloatLike;
  caos_plus: number | PyFloatLike;
  sr_score: number | PyFloatLike;
  ethical_score: number | PyFloatLike;
  decision: string;
  reason: string;
  metrics: Record<string, PyJson>;
  violations: PyJson[];
  gates_passed: Record<string, PyJson>;
  previous_hash: string;
  current_hash: string;
}

/** What the router needs of a ledger: append one decision, durably, and learn its hash. */
export interface LedgerSink {
  append(decision: DecisionData): Promise<Pcag>;
}

export const GENESIS_HASH = '0'.repeat(64);
