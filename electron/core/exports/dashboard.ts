import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import { type DashboardTable, dashboardLabelKeys, type dashboardExportInput, type ExportLabels } from '../../../common/exports';
import { demographicBands, demographicSexes, type ReportFilters, resolveFilters } from '../../../common/reports';
import type { Sqlite } from '../../../db/open';
import * as q from '../reports/queries';
import type { Cell } from './cells';

export interface DashboardRows {
  header: string[];
  rows: Cell[][];
}

type Label = (key: string) => string;

/** A dashboard table's words: the renderer's translation, or the stable field key. */
const labeller =
  (labels: ExportLabels): Label =>
  (key) =>
    labels?.[key] ?? dashboardLabelKeys[key] ?? key;

// Each table in the shape its Table view shows, from the queries the dashboard itself runs. Dates stay ISO (a week by its Monday).
const tables: Record<DashboardTable, (sqlite: Sqlite, user: SessionUser, filters: ReportFilters, label: Label) => DashboardRows> = {
  sessionsByWeek(sqlite, user, filters, label) {
    const weeks = q.sessionsByWeek(sqlite, user, filters);
    // Only the types that have sessions in these weeks, in the legend's order (by name): type names are user data.
    const used = q.reportTypes(sqlite).filter((type) => weeks.some((w) => w.byType.some((t) => t.typeId === type.id)));
    return {
      header: [label('reports.charts.weekOf'), ...used.map((type) => type.name), label('reports.charts.total')],
      rows: weeks.map((w) => [
        w.week,
        ...used.map((type) => w.byType.find((t) => t.typeId === type.id)?.count ?? 0),
        w.byType.reduce((n, t) => n + t.count, 0),
      ]),
    };
  },
  attendanceByWeek(sqlite, user, filters, label) {
    return {
      header: ['reports.charts.weekOf', 'reports.charts.attended', 'reports.charts.marked', 'exports.dashboard.attendancePercent'].map(
        label,
      ),
      rows: q
        .attendanceByWeek(sqlite, user, filters)
        .map((w) => [w.week, w.attended, w.marked, w.marked === 0 ? null : Math.round((w.attended / w.marked) * 1000) / 10]),
    };
  },
  registrationsByMonth(sqlite, user, filters, label) {
    return {
      header: ['reports.charts.month', 'reports.charts.registrations'].map(label),
      rows: q.registrationsByMonth(sqlite, user, filters).map((m) => [m.month, m.count]),
    };
  },
  demographics(sqlite, user, filters, label) {
    const counts = q.demographics(sqlite, user, filters);
    const sexes = demographicSexes.filter((sex) => counts.some((c) => c.sex === sex));
    return {
      header: [label('reports.charts.ageBand'), ...sexes.map((sex) => label(`beneficiaries.sex.${sex}`))],
      rows: demographicBands.map((band) => [
        label(`reports.bands.${band}`),
        ...sexes.map((sex) => counts.find((c) => c.sex === sex && c.band === band)?.count ?? 0),
      ]),
    };
  },
  sessionsByStaff(sqlite, user, filters, label) {
    return {
      header: ['reports.charts.staff', 'reports.charts.sessions'].map(label),
      rows: q.sessionsByStaff(sqlite, user, filters).map((s) => [s.staffName ?? label('reports.charts.formerStaff'), s.count]),
    };
  },
};

/** One dashboard table as rows, with the dashboard's own filters and clinic scope. */
export function dashboardRows(sqlite: Sqlite, user: SessionUser, input: z.output<typeof dashboardExportInput>): DashboardRows {
  return tables[input.table](sqlite, user, resolveFilters(input.filters), labeller(input.labels));
}
