import {
  importById,
  importListInput,
  previewInput,
  reportInput,
  savedMappingInput,
  savedMappingName,
  startInput,
  uploadBegin,
  uploadChunk,
  uploadFinish,
} from '../../../common/imports';
import { router, signedIn } from '../trpc';
import * as files from './files';
import { plan } from './preview';
import * as run from './run';
import * as imports from './service';

// Every step needs imports.run: an import writes (or undoes) thousands of records at once.
export const importsRouter = router({
  begin: signedIn('imports.run')
    .input(uploadBegin)
    .mutation(({ ctx, input }) => files.beginUpload(ctx.core, ctx.user.id, input.fileName, input.size)),
  chunk: signedIn('imports.run')
    .input(uploadChunk)
    .mutation(({ ctx, input }) => files.receiveChunk(ctx.core, ctx.user.id, input.uploadId, input.offset, input.data)),
  finish: signedIn('imports.run')
    .input(uploadFinish)
    .mutation(({ ctx, input }) => files.finishUpload(ctx.core, ctx.user.id, input.uploadId)),
  preview: signedIn('imports.run')
    .input(previewInput)
    .mutation(async ({ ctx, input }) => (await plan(ctx.core, ctx.user, input)).preview),
  start: signedIn('imports.run')
    .input(startInput)
    .mutation(({ ctx, input }) => run.start(ctx.core, ctx.user, input)),
  list: signedIn('imports.run')
    .input(importListInput)
    .query(({ ctx, input }) => run.list(ctx.core, ctx.user, input.limit)),
  get: signedIn('imports.run')
    .input(importById)
    .query(({ ctx, input }) => run.get(ctx.core, ctx.user, input.id)),
  cancel: signedIn('imports.run')
    .input(importById)
    .mutation(({ ctx, input }) => run.cancel(ctx.core, ctx.user, input.id)),
  resume: signedIn('imports.run')
    .input(importById)
    .mutation(({ ctx, input }) => run.resume(ctx.core, ctx.user, input.id)),
  rollback: signedIn('imports.run')
    .input(importById)
    .mutation(({ ctx, input }) => run.rollback(ctx.core, ctx.user, input.id)),
  report: signedIn('imports.run')
    .input(reportInput)
    .query(({ ctx, input }) => imports.report(ctx.core, ctx.user, input.id, input.offset, input.limit)),
  mappings: signedIn('imports.run').query(({ ctx }) => imports.mappings(ctx.core)),
  saveMapping: signedIn('imports.run')
    .input(savedMappingInput)
    .mutation(({ ctx, input }) => imports.saveMapping(ctx.core, ctx.user, input)),
  deleteMapping: signedIn('imports.run')
    .input(savedMappingName)
    .mutation(({ ctx, input }) => imports.deleteMapping(ctx.core, ctx.user, input.name)),
});
