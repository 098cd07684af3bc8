import { signInInput } from '../../../common/account';
import { withoutJobs } from '../backups/service';
import { CoreError } from '../errors';
import type { Core } from '../core';
import { integrityStatus, startIntegrityCheck } from '../integrity/service';
import { procedure, router } from '../trpc';
import { redownload } from './redownload';
import { damagedCopy, recoveryStatus, restoreNewest } from './service';

/** Swaps the damaged store out with no job running, then checks the new one, so that Diagnostics stops showing the old damage. */
const replacing = (core: Core) => (swap: () => void) => {
  withoutJobs(core, () => core.replaceDatabase(swap));
  void startIntegrityCheck(core);
};

/**
 * Recovery, as served by a core that is open (maybe read-only). When no core could open at all, the host
 * answers the same calls itself (./host.ts). Public: nobody can sign in to a damaged store; the restore
 * asks for an administrator of the backup instead.
 */
export const recoveryRouter = router({
  status: procedure('public').query(({ ctx }) =>
    recoveryStatus(ctx.core, ctx.core.damaged ? 'damaged' : 'ok', ctx.core.damaged ? integrityStatus(ctx.core).problems : []),
  ),
  restoreNewest: procedure('public')
    .input(signInInput)
    .mutation(async ({ ctx, input }) => {
      const { core } = ctx;
      if (!core.damaged) throw new CoreError('CONFLICT', 'recovery.errors.notDamaged');
      const contents = await restoreNewest(core, input, core.now(), replacing(core));
      core.audit({ userId: null }, { action: 'backups.restore', detail: { ...contents, recovery: true } });
      ctx.connection.user = null;
      return contents;
    }),
  /** The damaged store set aside, an empty one in its place, and everything again from the server (./redownload.ts). */
  redownload: procedure('public')
    .input(signInInput)
    .mutation(async ({ ctx, input }) => {
      const { core } = ctx;
      if (!core.damaged) throw new CoreError('CONFLICT', 'recovery.errors.notDamaged');
      const result = await redownload(core, input, damagedCopy(core, core.now()), replacing(core), () => core);
      ctx.connection.user = null;
      return result;
    }),
  /** Tries to open the store again (a folder made writable, a disk put back); an open core is already open. */
  retry: procedure('public').mutation(({ ctx }) => recoveryStatus(ctx.core, ctx.core.damaged ? 'damaged' : 'ok', [])),
});
