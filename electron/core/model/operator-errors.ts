// What the core's operator actions (Core.resetBreaker, forceOpenBreaker, clearCache) throw on
// purpose. Typed, so a caller maps them by class or `code`, never by the wording of the message.

export type OperatorErrorCode = 'unknown_provider' | 'ledger_unavailable' | 'fleet_unavailable';

export abstract class OperatorError extends Error {
  abstract readonly code: OperatorErrorCode;
}

/** The provider named is not an active one: nothing was recorded or done. */
export class UnknownProviderError extends OperatorError {
  override readonly name = 'UnknownProviderError';
  readonly code = 'unknown_provider';

  constructor(
    readonly provider: string,
    readonly active: readonly string[],
  ) {
    super(`unknown provider "${provider}"; active providers: ${active.join(', ') || '(none)'}`);
  }
}

/** The ledger refused to record the action, so it was not done (fail closed). */
export class LedgerRefusedError extends OperatorError {
  override readonly name = 'LedgerRefusedError';
  readonly code = 'ledger_unavailable';

  constructor(
    /** Why the ledger refused (its last error). */
    readonly detail: string,
    /** What was not done, e.g. `the cache was not cleared`. */
    readonly notDone: string,
  ) {
    super(`ledger unavailable (${detail}): ${notDone}`);
  }
}

/** The fleet's Redis cannot be reached, so a fleet-wide action was not done (nor recorded). */
export class FleetUnavailableError extends OperatorError {
  override readonly name = 'FleetUnavailableError';
  readonly code = 'fleet_unavailable';

  constructor(
    readonly detail: string,
    /** What was not done, e.g. `the RESET of "openai" was not done`. */
    readonly notDone: string,
  ) {
    super(`fleet unavailable (${detail}): ${notDone}`);
  }
}
