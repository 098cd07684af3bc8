import { initTRPC, TRPCError } from '@trpc/server';
import type { SessionUser } from '../../common/account';
import { can, type Permission } from '../../common/permissions';
import type { Core } from './core';

/** Per connection: who is signed in on this window or socket. */
export interface Connection {
  user: SessionUser | null;
}

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
  return t.procedure.meta({ permission }).use(({ ctx, meta, next }) => {
    const needed = meta?.permission;
    if (!needed) throw new TRPCError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
    const user = ctx.connection.user;
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
