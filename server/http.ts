import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { syncErrorCodes } from '../common/sync';

export type ErrorCode = (typeof syncErrorCodes)[number];

/** Every refusal has the shape of `errorResponse` in common/sync.ts. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/** Parses with a common/ schema or answers 400 VALIDATION naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new HttpError(400, 'VALIDATION', message);
}
