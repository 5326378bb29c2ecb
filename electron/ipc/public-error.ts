// An error a handler throws on purpose: its code and message cross the boundary as they are.
// Anything else a handler throws becomes a generic `internal` error (see dispatch.ts).
import type { WireError } from '../../shared/ipc/contract-kit';

export class PublicError extends Error {
  readonly code: WireError['code'];

  constructor(code: WireError['code'], message: string) {
    super(message);
    this.name = 'PublicError';
    this.code = code;
  }
}

export function isPublicError(value: unknown): value is PublicError {
  return value instanceof PublicError;
}
