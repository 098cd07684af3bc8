import { caseExportInput, dashboardExportInput, exportById, reportExportInput, tableExportInput } from '../../../common/exports';
import { router, signedIn } from '../trpc';
import { monthlyReport } from './monthly';
import { listReport } from './reports';
import * as exports from './service';

const clinicOf = (filters: { clinicId?: string | null }) => filters.clinicId ?? null;

// Status, cancel and deliver answer only the user who started the export; anyone who may export anything may call them.
export const exportsRouter = router({
  table: signedIn('exports.lists')
    .input(tableExportInput)
    .mutation(({ ctx, input }) => exports.startTable(ctx.core, ctx.user, input)),
  dashboard: signedIn('exports.lists')
    .input(dashboardExportInput)
    .mutation(({ ctx, input }) => exports.startDashboardTable(ctx.core, ctx.user, input)),
  report: signedIn('exports.lists')
    .input(reportExportInput)
    .mutation(({ ctx, input }) => {
      const document = input.page === 'monthly' ? monthlyReport(ctx.core, ctx.user, input) : listReport(ctx.core, ctx.user, input);
      const clinicId = input.page === 'monthly' ? (input.clinicId ?? null) : clinicOf(input.filters);
      const detail =
        input.page === 'monthly' ? { month: input.month, locale: input.locale } : { filters: input.filters, locale: input.locale };
      return exports.startReport(ctx.core, ctx.user, document, { entity: input.page, clinicId, detail });
    }),
  caseSummary: signedIn('exports.case')
    .input(caseExportInput)
    .mutation(({ ctx, input }) => {
      const document = listReport(ctx.core, ctx.user, { page: 'case', ...input });
      return exports.startReport(ctx.core, ctx.user, document, {
        entity: 'beneficiaries',
        clinicId: null,
        detail: { page: 'case', beneficiaryId: input.beneficiaryId, locale: input.locale },
      });
    }),
  status: signedIn('exports.case')
    .input(exportById)
    .query(({ ctx, input }) => exports.status(ctx.core, ctx.user, input.id)),
  cancel: signedIn('exports.case')
    .input(exportById)
    .mutation(({ ctx, input }) => exports.cancel(ctx.core, ctx.user, input.id)),
  deliver: signedIn('exports.case')
    .input(exportById)
    .mutation(({ ctx, input }) => exports.deliver(ctx.core, ctx.user, input.id)),
});
