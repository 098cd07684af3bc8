import type { ErrorCode, FieldErrors } from '../../common/errors';

/** An error the caller can act on: a stable code and, for input, messages per field. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
