import { installFileInput, verifyFileInput, verifyUploadInput } from '../../../common/updates';
import { router, signedIn } from '../trpc';
import * as updates from './service';

export const updatesRouter = router({
  status: signedIn('updates.manage').query(({ ctx }) => updates.status(ctx.core)),
  verifyFile: signedIn('updates.manage')
    .input(verifyFileInput)
    .mutation(({ ctx, input }) => updates.verifyFile(ctx.core, { userId: ctx.user.id }, input.path)),
  checkNow: signedIn('updates.manage').mutation(({ ctx }) => updates.checkNow(ctx.core)),
  pickFile: signedIn('updates.manage').mutation(({ ctx }) => updates.pickAndVerify(ctx.core, { userId: ctx.user.id })),
  verifyUpload: signedIn('updates.manage')
    .input(verifyUploadInput)
    .mutation(({ ctx, input }) => updates.verifyUpload(ctx.core, { userId: ctx.user.id }, input.id)),
  installFile: signedIn('updates.manage')
    .input(installFileInput)
    .mutation(({ ctx, input }) => updates.installFile(ctx.core, { userId: ctx.user.id }, input.version)),
});
