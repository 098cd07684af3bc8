import { settingsUpdate } from '../../../common/settings';
import { router, signedIn } from '../trpc';
import * as settings from './service';

export const settingsRouter = router({
  get: signedIn('account.use').query(({ ctx }) => settings.read(ctx.core, ctx.user)),
  update: signedIn('settings.write')
    .input(settingsUpdate)
    .mutation(({ ctx, input }) => settings.update(ctx.core, ctx.user, input)),
});
