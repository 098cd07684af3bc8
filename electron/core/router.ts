import { z } from 'zod';
import { setupInput, signInInput } from '../../common/account';
import { auditQuery } from '../../common/audit';
import { clinicUpdate } from '../../common/clinics';
import * as account from './account/service';
import * as audit from './audit/service';
import * as clinics from './clinics/service';
import { syncStatus } from './sync/status';
import { createCallerFactory, procedure, router, signedIn } from './trpc';

export const appRouter = router({
  account: router({
    status: procedure('public').query(({ ctx }) => account.status(ctx.core, ctx.connection.user)),
    setup: procedure('public')
      .input(setupInput)
      .mutation(async ({ ctx, input }) => {
        ctx.connection.user = await account.setup(ctx.core, input);
        return ctx.connection.user;
      }),
    signIn: procedure('public')
      .input(signInInput)
      .mutation(async ({ ctx, input }) => {
        ctx.connection.user = await account.signIn(ctx.core, input);
        return ctx.connection.user;
      }),
    signOut: signedIn('account.use').mutation(({ ctx }) => {
      ctx.core.audit({ userId: ctx.user.id }, { action: 'account.signOut', entity: 'users', rowId: ctx.user.id });
      ctx.connection.user = null;
    }),
  }),
  clinics: router({
    list: signedIn('clinics.read').query(({ ctx }) => clinics.list(ctx.core, ctx.user)),
    update: signedIn('clinics.write')
      .input(clinicUpdate)
      .mutation(({ ctx, input }) => clinics.update(ctx.core, ctx.user, input)),
  }),
  audit: router({
    recent: signedIn('audit.read')
      .input(auditQuery)
      .query(({ ctx, input }) => audit.recent(ctx.core, input)),
  }),
  sync: router({
    status: signedIn('sync.read').query(({ ctx }) => syncStatus(ctx.core)),
  }),
  changes: signedIn('account.use')
    .input(z.void())
    .subscription(({ ctx, signal }) => {
      if (!signal) throw new Error('A subscription needs an abort signal.');
      return ctx.core.changes(signal);
    }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
