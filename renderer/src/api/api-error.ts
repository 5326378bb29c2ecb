// The Error every failed call rejects with: the WireError's code and message, as an Error.
import type { WireError } from '../../../shared/ipc/contract-kit';

export type ApiErrorCode = WireError['code'];

export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** A sentence for the screen, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
