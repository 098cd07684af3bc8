import type { z } from 'zod';
import {
  auditPushResponse,
  checksumResponse,
  errorResponse,
  loginResponse,
  pullResponse,
  pushResponse,
  refreshResponse,
  type AuditPushRequest,
  type LoginRequest,
  type PullEntity,
  type PushRequest,
} from '../../../common/sync';

/** A refusal or failure from the sync server, or a network error (status 0). */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  /** Worth trying again later: the server is busy or down, or the network dropped or garbled the answer. */
  get transient(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Seconds before a request is given up as lost: a slow server is retried later rather than waited on forever. */
const TIMEOUT_MS = 30_000;

/** Sends of a request that is safe to repeat while connections reset: one per stale connection the pool may hold. */
const RESET_ATTEMPTS = 4;

export interface Timing {
  /** Local time when the request left and when its answer came, to learn the clock offset. */
  sentAt: number;
  receivedAt: number;
}

/** One JSON request to the sync API, validated against the protocol's schemas. Never inside a SQLite transaction. */
export async function request<S extends z.ZodType>(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  options: { body?: unknown; token?: string; signal?: AbortSignal; now: () => number; timeoutMs?: number; idempotent?: boolean },
): Promise<{ data: z.output<S>; timing: Timing }> {
  const sentAt = options.now();
  const signals = [AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
  const send = () =>
    fetch(`${baseUrl.replace(/\/+$/, '')}/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.any(signals),
    });
  let response: Response;
  let text: string;
  try {
    // Kept-alive connections the server has meanwhile closed (the core was busy past its idle timeout) reset on
    // first use, each then leaving the pool; a request that is safe to repeat goes again until one is fresh.
    for (let attempt = 1; ; attempt++) {
      try {
        response = await send();
        break;
      } catch (error) {
        if (!options.idempotent || options.signal?.aborted || !isReset(error) || attempt === RESET_ATTEMPTS) throw error;
      }
    }
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new SyncHttpError(0, 'NETWORK', (error as Error).message);
  }
  const receivedAt = options.now();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A truncated or garbled answer: the request may or may not have taken effect, so it is simply sent again later.
    throw new SyncHttpError(
      response.ok ? 0 : response.status,
      'BAD_ANSWER',
      `The server's answer could not be read (HTTP ${response.status}).`,
    );
  }
  if (!response.ok) {
    const parsed = errorResponse.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : 'HTTP';
    throw new SyncHttpError(response.status, code, parsed.success ? parsed.data.error.message : `HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SyncHttpError(0, 'BAD_ANSWER', 'The server answered in a shape this version does not understand.');
  return { data: parsed.data, timing: { sentAt, receivedAt } };
}

function isReset(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

export const endpoints = {
  login: (body: LoginRequest) => ({ method: 'POST' as const, path: '/auth/login', schema: loginResponse, body }),
  /** `deviceId`: move the sign-in to this device id (a restored device's new one). */
  refresh: (refreshToken: string, deviceId?: string) => ({
    method: 'POST' as const,
    path: '/auth/refresh',
    schema: refreshResponse,
    body: { refresh_token: refreshToken, ...(deviceId && { device_id: deviceId }) },
  }),
  push: (body: PushRequest) => ({ method: 'POST' as const, path: '/sync/push', schema: pushResponse, body }),
  audit: (body: AuditPushRequest) => ({ method: 'POST' as const, path: '/sync/audit', schema: auditPushResponse, body }),
  pull: (cursor: string | null, limit: number) => ({
    method: 'GET' as const,
    path: `/sync/pull?${new URLSearchParams({ ...(cursor !== null && { cursor }), limit: String(limit) })}`,
    schema: pullResponse,
    body: undefined,
  }),
  checksum: (entity: PullEntity) => ({
    method: 'GET' as const,
    path: `/sync/checksum?${new URLSearchParams({ entity })}`,
    schema: checksumResponse,
    body: undefined,
  }),
};
