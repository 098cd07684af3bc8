import { settingsInput } from '../../../common/settings';
import { router, signedIn } from '../trpc';
import * as settings from './service';

export const settingsRouter = router({
  get: signedIn('account.use').query(({ ctx }) => settings.read(ctx.core)),
  update: signedIn('settings.write')
    .input(settingsInput)
    .mutation(({ ctx, input }) => settings.update(ctx.core, ctx.user, input)),
});
