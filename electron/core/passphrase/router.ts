import { passphraseChoice, passphraseEntry, type PassphraseStatus } from '../../../common/passphrase';
import { CoreError } from '../errors';
import { procedure, router } from '../trpc';

/**
 * The recovery passphrase, as answered by a core that is open: there is nothing left to unlock. While the
 * store waits for its passphrase, the host answers these calls itself (./host.ts). Public: nobody can sign
 * in before the store opens.
 */
export const passphraseRouter = router({
  status: procedure('public').query(({ ctx }): PassphraseStatus => ({ state: 'open', dataDir: ctx.core.dataDir })),
  create: procedure('public')
    .input(passphraseChoice)
    .mutation((): PassphraseStatus => {
      throw new CoreError('CONFLICT', 'passphrase.errors.alreadyOpen');
    }),
  unlock: procedure('public')
    .input(passphraseEntry)
    .mutation((): PassphraseStatus => {
      throw new CoreError('CONFLICT', 'passphrase.errors.alreadyOpen');
    }),
});
