import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppErrorShape, ErrorCode, FieldErrors } from '../../common/errors';
import type { ClientMessage, ServerMessage } from '../../common/rpc';
import type { Core } from './core';
import { lock } from './account/service';
import { CoreError } from './errors';
import type { Logger } from './log';
import { createCaller } from './router';
import type { Connection } from './trpc';

const trpcToCode: Partial<Record<TRPCError['code'], ErrorCode>> = {
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  BAD_REQUEST: 'VALIDATION',
};

function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Every failure becomes a stable code and a message; internals never leak to the caller, they go to the log. */
export function toErrorShape(error: unknown, log?: Logger): AppErrorShape {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof CoreError)
    return { code: cause.code, message: cause.message, fieldErrors: cause.fieldErrors, details: cause.details };
  if (cause instanceof ZodError) return { code: 'VALIDATION', message: 'errors.invalid', fieldErrors: fieldErrorsOf(cause) };
  if (cause instanceof Error && 'code' in cause && (cause.code === 'SQLITE_FULL' || cause.code === 'ENOSPC')) {
    log?.log('warn', 'core.storageFull', { error: cause });
    return { code: 'STORAGE_FULL', message: 'errors.storageFull' };
  }
  if (error instanceof TRPCError) {
    const code = trpcToCode[error.code];
    if (code) return { code, message: error.message };
  }
  log?.log('error', 'core.unexpected', { error });
  return { code: 'INTERNAL', message: 'errors.internal' };
}

function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.type === 'stop') return true;
  return (m.type === 'query' || m.type === 'mutation' || m.type === 'subscription') && typeof m.path === 'string';
}

type Callable = (input?: unknown) => Promise<unknown>;

// Every open connection of this process, so the host can lock them all at once.
const lockers = new Set<(reason: string) => void>();

/**
 * Locks every signed-in connection of this process (the OS locked its screen, or the computer is going to sleep)
 * and tells each window at once, so nothing stays readable even if the window makes no call.
 */
export function lockAllConnections(reason: string): void {
  for (const lockOne of lockers) lockOne(reason);
}

/** Walks the caller by a dotted path, refusing anything that is not a procedure of the router. */
function procedureAt(caller: object, path: string): Callable | null {
  let node: unknown = caller;
  for (const segment of path.split('.')) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(segment) || (typeof node !== 'object' && typeof node !== 'function') || node === null) return null;
    node = (node as Record<string, unknown>)[segment];
  }
  return typeof node === 'function' ? (node as Callable) : null;
}

/**
 * One client of the core (a window, a socket, a test): its own sign-in state,
 * its calls, and its subscriptions, over any channel that carries messages.
 */
export function connect(core: Core, send: (message: ServerMessage) => void) {
  const connection: Connection = { user: null, locked: false };
  const context = { core, connection };
  const caller = createCaller(context);
  const subscriptions = new Map<number, AbortController>();
  const lockFromHost = (reason: string) => {
    if (!connection.user || connection.locked) return;
    try {
      lock(core, connection, reason);
    } catch (error) {
      // Covering the screen matters more than its audit entry (a store being restored, a full disk).
      connection.locked = true;
      core.log.log('error', 'account.lockNotAudited', { error });
    }
    // Id 0 answers no call: the window's session store hears "screen locked" and covers the screen.
    send({ id: 0, type: 'error', error: { code: 'LOCKED', message: 'account.errors.screenLocked' } });
  };
  lockers.add(lockFromHost);

  async function run(message: Exclude<ClientMessage, { type: 'stop' }>) {
    const { id } = message;
    const abort = new AbortController();
    // A subscription gets its own caller, so its resolver sees the signal that ends it.
    const target = procedureAt(message.type === 'subscription' ? createCaller(context, { signal: abort.signal }) : caller, message.path);
    if (!target) {
      send({ id, type: 'error', error: { code: 'NOT_FOUND', message: 'errors.noSuchProcedure' } });
      return;
    }
    try {
      if (message.type !== 'subscription') {
        send({ id, type: 'data', data: await target(message.input) });
        return;
      }
      subscriptions.set(id, abort);
      const events = (await target(message.input)) as AsyncIterable<unknown>;
      for await (const data of events) send({ id, type: 'data', data });
      send({ id, type: 'done' });
    } catch (error) {
      if (!abort.signal.aborted) send({ id, type: 'error', error: toErrorShape(error, core.log) });
    } finally {
      subscriptions.delete(id);
    }
  }

  return {
    receive(raw: unknown) {
      if (!isClientMessage(raw)) return;
      if (raw.type === 'stop') {
        subscriptions.get(raw.id)?.abort();
        return;
      }
      void run(raw);
    },
    close() {
      lockers.delete(lockFromHost);
      for (const abort of subscriptions.values()) abort.abort();
      subscriptions.clear();
      connection.user = null;
      connection.locked = false;
    },
  };
}
