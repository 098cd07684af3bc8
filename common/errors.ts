export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  // The disk is full: nothing was written, and writing works again once there is space.
  'STORAGE_FULL',
  // The local store is damaged: it is read-only until an administrator restores a backup.
  'STORE_DAMAGED',
  // The local store waits for its recovery passphrase (no OS keyring): nothing opens until it is given.
  'STORE_LOCKED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field messages are i18n keys (e.g. `errors.required`) or plain text. */
export type FieldErrors = Record<string, string[]>;

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** Data the caller can act on, e.g. the existing record a duplicate national ID links to. */
  details?: Record<string, unknown>;
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && errorCodes.includes(v.code as ErrorCode);
}
