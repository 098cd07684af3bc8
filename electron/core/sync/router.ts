import { z } from 'zod';
import { procedure, router, signedIn } from '../trpc';
import { connectAtSetup, connectInput, connectLater } from './connect';
import { syncEngine } from './engine';
import * as review from './review';
import { syncStatus } from './status';

const byId = z.object({ id: z.string().min(1).max(64) });

export const syncRouter = router({
  // The first window to ask starts the background syncs (start-up, then every few minutes), whichever host runs the core.
  status: signedIn('sync.read').query(({ ctx }) => {
    syncEngine(ctx.core).start();
    return syncStatus(ctx.core, ctx.user);
  }),
  /** "Sync now", and the window's "back online". Answers when the run ends; progress shows in `status` meanwhile. */
  run: signedIn('sync.run').mutation(({ ctx }) => syncEngine(ctx.core).run()),
  rejected: signedIn('sync.read').query(({ ctx }) => review.listRejected(ctx.core, ctx.user)),
  resubmit: signedIn('sync.run')
    .input(z.object({ seq: z.number().int().positive() }))
    .mutation(({ ctx, input }) => review.resubmit(ctx.core, ctx.user, input.seq)),
  conflicts: signedIn('sync.read').query(({ ctx }) => review.listConflicts(ctx.core, ctx.user)),
  restore: signedIn('sync.resolve')
    .input(byId)
    .mutation(({ ctx, input }) => review.restoreLostValue(ctx.core, ctx.user, input.id)),
  dismiss: signedIn('sync.resolve')
    .input(byId)
    .mutation(({ ctx, input }) => review.dismissConflict(ctx.core, ctx.user, input.id)),
  confirmMassDelete: signedIn('sync.manage').mutation(({ ctx }) => syncEngine(ctx.core).confirmMassDelete()),
  /** First run: connect to the organisation's server instead of setting up standalone. */
  connectAtSetup: procedure('public')
    .input(connectInput)
    .mutation(async ({ ctx, input }) => {
      ctx.connection.user = await connectAtSetup(ctx.core, input);
      return ctx.connection.user;
    }),
  /** A standalone installation joins a server; the signed-in admin stays signed in as the server's account. */
  connect: signedIn('sync.manage')
    .input(connectInput)
    .mutation(async ({ ctx, input }) => {
      ctx.connection.user = await connectLater(ctx.core, input);
      return ctx.connection.user;
    }),
});
