import { initTRPC, TRPCError } from '@trpc/server';
import type { SessionUser } from '../../common/account';
import { can, type Permission } from '../../common/permissions';
import { currentUser } from './account/service';
import type { Core } from './core';
import { CoreError } from './errors';

/** Per connection: who is signed in on this window or socket. */
export interface Connection {
  user: SessionUser | null;
  /** Auto-lock or "Lock": nothing but unlock, sign-out and status answers until unlocked. */
  locked: boolean;
}

// What a locked screen may still call. `changes` carries topic names only, never data.
const openWhileLocked = new Set(['account.status', 'account.unlock', 'account.signOut', 'changes']);

export interface Context {
  core: Core;
  connection: Connection;
}

export interface Meta {
  permission: Permission;
}

const t = initTRPC.context<Context>().meta<Meta>().create({ isServer: true });

export const router = t.router;

/**
 * The only way to declare a procedure: it names its permission, and the
 * middleware refuses the call unless the connection's user holds it.
 */
export function procedure(permission: Permission) {
  return t.procedure.meta({ permission }).use(({ ctx, meta, path, next }) => {
    const needed = meta?.permission;
    if (!needed) throw new TRPCError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
    const { connection } = ctx;
    if (connection.user) {
      // The store decides, on every call: a deactivation or role change applies at once.
      connection.user = currentUser(ctx.core, connection.user.id);
      if (!connection.user) connection.locked = false;
    }
    // A damaged store: whoever was signed in keeps reading; anyone else meets the recovery screen.
    if (ctx.core.damaged && !connection.user && !path.startsWith('recovery.'))
      throw new CoreError('STORE_DAMAGED', 'recovery.errors.damaged');
    if (connection.locked && !openWhileLocked.has(path)) throw new CoreError('LOCKED', 'account.errors.screenLocked');
    const user = connection.user;
    if (needed !== 'public' && !user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'errors.unauthenticated' });
    if (!can(user?.role ?? null, needed)) throw new TRPCError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
    return next({ ctx: { ...ctx, user } });
  });
}

/** For procedures that need a signed-in user; narrows ctx.user. */
export function signedIn(permission: Exclude<Permission, 'public'>) {
  return procedure(permission).use(({ ctx, next }) => next({ ctx: { ...ctx, user: ctx.user! } }));
}

export const createCallerFactory = t.createCallerFactory;
