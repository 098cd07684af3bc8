import { z } from 'zod';
import { changePasswordInput, pinInput, setupInput, signInInput, unlockInput } from '../../common/account';
import { passwordReset, userCreate, userUpdate } from '../../common/users';
import { auditExportInput, auditQuery } from '../../common/audit';
import { backupName } from '../../common/backups';
import {
  beneficiaryStatuses,
  byId,
  duplicatesInput,
  eraseInput,
  listInput,
  mergeInput,
  registerInput,
  updateInput,
} from '../../common/beneficiaries';
import { clinicUpdate } from '../../common/clinics';
import { dashboardInput } from '../../common/reports';
import {
  agendaInput,
  clashInput,
  attendanceInput,
  rescheduleInput,
  sessionInput,
  sessionListInput,
  sessionTypeInput,
  sessionTypeUpdate,
  sessionUpdate,
  todayInput,
} from '../../common/sessions';
import * as account from './account/service';
import { startAuditExport } from './audit/export';
import * as audit from './audit/service';
import * as backups from './backups/service';
import * as diagnostics from './diagnostics/service';
import { diagnosticsBundle } from './diagnostics/bundle';
import * as reports from './reports/service';
import { verifyAuditChain } from './audit/verify';
import { listBeneficiaries } from './beneficiaries/queries';
import * as beneficiaries from './beneficiaries/service';
import * as clinics from './clinics/service';
import * as sessionQueries from './sessions/queries';
import * as sessions from './sessions/service';
import * as sessionTypes from './sessions/types';
import * as sessionViews from './sessions/views';
import { exportsRouter } from './exports/router';
import { importsRouter } from './imports/router';
import { passphraseRouter } from './passphrase/router';
import { recoveryRouter } from './recovery/router';
import { settingsRouter } from './settings/router';
import { guardSignOut, signInLocalOrServer } from './sync/connect';
import { syncRouter } from './sync/router';
import { updatesRouter } from './updates/router';
import * as users from './users/service';
import { createCallerFactory, procedure, router, signedIn } from './trpc';

export const appRouter = router({
  account: router({
    status: procedure('public').query(({ ctx }) => account.status(ctx.core, ctx.connection)),
    setup: procedure('public')
      .input(setupInput)
      .mutation(async ({ ctx, input }) => {
        ctx.connection.user = await account.setup(ctx.core, input);
        return ctx.connection.user;
      }),
    signIn: procedure('public')
      .input(signInInput)
      .mutation(async ({ ctx, input }) => {
        ctx.connection.user = await signInLocalOrServer(ctx.core, input);
        return ctx.connection.user;
      }),
    signOut: signedIn('account.use')
      .input(z.object({ confirmUnsynced: z.boolean().default(false) }).optional())
      .mutation(({ ctx, input }) => {
        guardSignOut(ctx.core, ctx.user, input?.confirmUnsynced ?? false);
        ctx.core.audit({ userId: ctx.user.id }, { action: 'account.signOut', entity: 'users', rowId: ctx.user.id });
        ctx.connection.user = null;
        ctx.connection.locked = false;
      }),
    lock: signedIn('account.use').mutation(({ ctx }) => account.lock(ctx.core, ctx.connection)),
    unlock: signedIn('account.use')
      .input(unlockInput)
      .mutation(({ ctx, input }) => account.unlock(ctx.core, ctx.connection, input)),
    setPin: signedIn('account.use')
      .input(pinInput)
      .mutation(({ ctx, input }) => account.setPin(ctx.core, ctx.user, input)),
    changePassword: signedIn('account.use')
      .input(changePasswordInput)
      .mutation(({ ctx, input }) => account.changePassword(ctx.core, ctx.user, input)),
  }),
  clinics: router({
    list: signedIn('clinics.read').query(({ ctx }) => clinics.list(ctx.core, ctx.user)),
    update: signedIn('clinics.write')
      .input(clinicUpdate)
      .mutation(({ ctx, input }) => clinics.update(ctx.core, ctx.user, input)),
  }),
  beneficiaries: router({
    list: signedIn('beneficiaries.read')
      .input(listInput)
      .query(({ ctx, input }) => listBeneficiaries(ctx.core.store.sqlite, ctx.user, input, ctx.core.now())),
    duplicates: signedIn('beneficiaries.read')
      .input(duplicatesInput)
      .query(({ ctx, input }) => beneficiaries.duplicates(ctx.core, ctx.user, input)),
    get: signedIn('beneficiaries.read')
      .input(byId)
      .query(({ ctx, input }) => beneficiaries.view(ctx.core, ctx.user, input.id)),
    history: signedIn('beneficiaries.read')
      .input(byId)
      .query(({ ctx, input }) => beneficiaries.history(ctx.core, ctx.user, input.id)),
    register: signedIn('beneficiaries.write')
      .input(registerInput)
      .mutation(({ ctx, input }) => beneficiaries.register(ctx.core, ctx.user, input)),
    update: signedIn('beneficiaries.write')
      .input(updateInput)
      .mutation(({ ctx, input }) => beneficiaries.update(ctx.core, ctx.user, input)),
    setStatus: signedIn('beneficiaries.write')
      .input(byId.extend({ status: z.enum(beneficiaryStatuses) }))
      .mutation(({ ctx, input }) => beneficiaries.setStatus(ctx.core, ctx.user, input.id, input.status)),
    merge: signedIn('beneficiaries.merge')
      .input(mergeInput)
      .mutation(({ ctx, input }) => {
        // A merge rewrites two records and their sessions: keep the way back.
        backups.backupNow(ctx.core, { userId: ctx.user.id }, 'pre-merge');
        return beneficiaries.merge(ctx.core, ctx.user, input.survivorId, input.duplicateId);
      }),
    erase: signedIn('beneficiaries.erase')
      .input(eraseInput)
      .mutation(({ ctx, input }) => beneficiaries.erase(ctx.core, ctx.user, input.id, input.reason)),
  }),
  sessionTypes: router({
    list: signedIn('sessions.read').query(({ ctx }) => sessionTypes.list(ctx.core)),
    create: signedIn('sessionTypes.write')
      .input(sessionTypeInput)
      .mutation(({ ctx, input }) => sessionTypes.create(ctx.core, ctx.user, input)),
    update: signedIn('sessionTypes.write')
      .input(sessionTypeUpdate)
      .mutation(({ ctx, input }) => sessionTypes.update(ctx.core, ctx.user, input)),
  }),
  sessions: router({
    get: signedIn('sessions.read')
      .input(byId)
      .query(({ ctx, input }) => sessions.read(ctx.core, ctx.user, input.id)),
    history: signedIn('sessions.read')
      .input(byId)
      .query(({ ctx, input }) => sessions.history(ctx.core, ctx.user, input.id)),
    list: signedIn('sessions.read')
      .input(sessionListInput)
      .query(({ ctx, input }) => sessionViews.list(ctx.core.store.sqlite, ctx.user, input)),
    agenda: signedIn('sessions.read')
      .input(agendaInput)
      .query(({ ctx, input }) => sessionViews.agenda(ctx.core.store.sqlite, ctx.user, input)),
    clashes: signedIn('sessions.read')
      .input(clashInput)
      .query(({ ctx, input }) => sessionViews.clashes(ctx.core.store.sqlite, ctx.user, input)),
    today: signedIn('sessions.read')
      .input(todayInput)
      .query(({ ctx, input }) => sessionViews.today(ctx.core.store.sqlite, ctx.user, input, ctx.core.now())),
    timeline: signedIn('sessions.read')
      .input(byId)
      .query(({ ctx, input }) => sessionQueries.timeline(ctx.core.store.sqlite, ctx.user, input.id)),
    create: signedIn('sessions.write')
      .input(sessionInput)
      .mutation(({ ctx, input }) => sessions.create(ctx.core, ctx.user, input)),
    update: signedIn('sessions.write')
      .input(sessionUpdate)
      .mutation(({ ctx, input }) => sessions.update(ctx.core, ctx.user, input)),
    markAttendance: signedIn('sessions.write')
      .input(attendanceInput)
      .mutation(({ ctx, input }) => sessions.markAttendance(ctx.core, ctx.user, input)),
    reschedule: signedIn('sessions.write')
      .input(rescheduleInput)
      .mutation(({ ctx, input }) => sessions.reschedule(ctx.core, ctx.user, input)),
  }),
  users: router({
    directory: signedIn('users.directory').query(({ ctx }) => account.directory(ctx.core, ctx.user)),
    list: signedIn('users.manage').query(({ ctx }) => users.list(ctx.core)),
    create: signedIn('users.manage')
      .input(userCreate)
      .mutation(({ ctx, input }) => users.create(ctx.core, ctx.user, input)),
    update: signedIn('users.manage')
      .input(userUpdate)
      .mutation(({ ctx, input }) => users.update(ctx.core, ctx.user, input)),
    resetPassword: signedIn('users.manage')
      .input(passwordReset)
      .mutation(({ ctx, input }) => users.resetPassword(ctx.core, ctx.user, input)),
  }),
  imports: importsRouter,
  settings: settingsRouter,
  updates: updatesRouter,
  passphrase: passphraseRouter,
  recovery: recoveryRouter,
  exports: exportsRouter,
  diagnostics: router({
    summary: signedIn('diagnostics.read').query(({ ctx }) => diagnostics.summary(ctx.core)),
    export: signedIn('diagnostics.read').mutation(({ ctx }) => diagnosticsBundle(ctx.core, { userId: ctx.user.id })),
  }),
  backups: router({
    list: signedIn('backups.manage').query(({ ctx }) => backups.list(ctx.core)),
    create: signedIn('backups.manage').mutation(({ ctx }) => {
      const made = backups.backupNow(ctx.core, { userId: ctx.user.id }, 'manual');
      backups.rotate(ctx.core);
      return made;
    }),
    inspect: signedIn('backups.manage')
      .input(z.object({ name: backupName }))
      .query(({ ctx, input }) => backups.inspect(ctx.core, input.name)),
    restore: signedIn('backups.manage')
      .input(z.object({ name: backupName }))
      .mutation(({ ctx, input }) => backups.restore(ctx.core, { userId: ctx.user.id }, input.name)),
  }),
  audit: router({
    verify: signedIn('audit.verify').query(({ ctx }) => verifyAuditChain(ctx.core.store.sqlite)),
    recent: signedIn('audit.read')
      .input(auditQuery)
      .query(({ ctx, input }) => audit.list(ctx.core, ctx.user, input)),
    export: signedIn('audit.read')
      .input(auditExportInput)
      .mutation(({ ctx, input }) => startAuditExport(ctx.core, ctx.user, input)),
  }),
  reports: router({
    dashboard: signedIn('reports.read')
      .input(dashboardInput)
      .query(({ ctx, input }) => reports.dashboard(ctx.core.store.sqlite, ctx.user, input)),
  }),
  sync: syncRouter,
  changes: signedIn('account.use')
    .input(z.void())
    .subscription(({ ctx, signal }) => {
      if (!signal) throw new Error('A subscription needs an abort signal.');
      return ctx.core.changes(signal);
    }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
