import { TRPCClientError } from '@trpc/client';
import { type AppErrorShape, isAppErrorShape } from '../../common/errors';

/** What the link throws inside a TRPCClientError's `cause`: the core's error, as the core shaped it. */
export class CoreCallError extends Error {
  readonly code: AppErrorShape['code'];
  readonly fieldErrors: AppErrorShape['fieldErrors'];

  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
    this.name = 'CoreCallError';
    this.code = shape.code;
    this.fieldErrors = shape.fieldErrors;
  }
}

export const connectionLost: AppErrorShape = { code: 'INTERNAL', message: 'errors.connectionLost' };

/** The core's error behind anything a client call threw; unknown failures become `errors.internal`. */
export function appErrorOf(error: unknown): AppErrorShape {
  if (error instanceof CoreCallError) return error.shape;
  if (error instanceof TRPCClientError) {
    if (error.cause instanceof CoreCallError) return error.cause.shape;
    if (isAppErrorShape(error.meta?.app)) return error.meta.app;
  }
  return { code: 'INTERNAL', message: 'errors.internal' };
}
