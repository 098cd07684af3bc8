import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { PrintDocument, reportExportInput } from '../../../common/exports';
import { attendanceRate, type Compared } from '../../../common/reports';
import type { Core } from '../core';
import { dashboard } from '../reports/service';
import { baseDocument } from './reports';

type MonthlyInput = Extract<z.output<typeof reportExportInput>, { page: 'monthly' }>;

const lastDay = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, m!, 0)).toISOString().slice(0, 10);
};

// Percent with one decimal; a week where nobody was marked is a gap, not a fall to zero.
const rateOf = (week: Parameters<typeof attendanceRate>[0]) => {
  const rate = attendanceRate(week);
  return rate === null ? null : Math.round(rate * 1000) / 10;
};

/** The monthly activity report: the dashboard's own figures and charts for one calendar month, and its tables. */
export function monthlyReport(core: Core, user: SessionUser, input: MonthlyInput): PrintDocument {
  const from = `${input.month}-01`;
  const to = lastDay(input.month);
  const data = dashboard(core.store.sqlite, user, {
    period: 'custom',
    from,
    to,
    today: core.now().toISOString().slice(0, 10),
    clinicId: input.clinicId ?? null,
    typeId: null,
    staffId: null,
  });
  const doc = baseDocument(core, user, 'monthly', input.locale, input.clinicId, [{ label: 'exports.scope.period', period: [from, to] }]);
  const { headline } = data;
  const compared = (label: string, figure: Compared) => ({ label, value: figure.current, previous: figure.previous });
  doc.figures.push(
    compared('exports.figures.activeBeneficiaries', headline.activeBeneficiaries),
    compared('exports.figures.newRegistrations', headline.newRegistrations),
    compared('exports.figures.sessionsHeld', headline.sessionsHeld),
    compared('exports.figures.beneficiariesServed', headline.beneficiariesServed),
    {
      label: 'exports.figures.attendanceRate',
      value: attendanceRate(headline.attendance.current),
      previous: attendanceRate(headline.attendance.previous),
      percent: true,
    },
    compared('exports.figures.overdueFollowUps', headline.overdueFollowUps),
  );

  const typeName = new Map(data.types.map((type) => [type.id, type.name]));
  const usedTypes = data.types.filter((type) => data.sessionsByWeek.some((week) => week.byType.some((t) => t.typeId === type.id)));
  doc.charts.push(
    {
      kind: 'stackedBars',
      caption: 'exports.charts.sessionsByWeek',
      xKey: 'week',
      data: data.sessionsByWeek.map((week) => ({ week: week.week, ...Object.fromEntries(week.byType.map((t) => [t.typeId, t.count])) })),
      series: usedTypes.map((type) => ({ key: type.id, label: type.name, color: type.color })),
    },
    {
      kind: 'line',
      caption: 'exports.charts.attendanceRate',
      xKey: 'week',
      data: data.attendanceByWeek.map((week) => ({ week: week.week, rate: rateOf(week) })),
      series: [{ key: 'rate', label: 'exports.figures.attendanceRate', color: '#0c8599' }],
    },
    {
      kind: 'bars',
      caption: 'exports.charts.registrationsByMonth',
      xKey: 'month',
      data: data.registrationsByMonth.map((month) => ({ month: month.month, count: month.count })),
      series: [{ key: 'count', label: 'exports.figures.newRegistrations', color: '#5c7cfa' }],
    },
    {
      kind: 'bars',
      caption: 'exports.charts.sessionsByStaff',
      xKey: 'staff',
      data: data.sessionsByStaff.map((staff) => ({ staff: staff.staffName ?? '—', count: staff.count })),
      series: [{ key: 'count', label: 'exports.figures.sessionsHeld', color: '#2b8a3e' }],
    },
  );

  const byType = new Map<string, number>();
  for (const week of data.sessionsByWeek) for (const t of week.byType) byType.set(t.typeId, (byType.get(t.typeId) ?? 0) + t.count);
  const typeRows = [...byType].map(([id, count]) => [typeName.get(id) ?? '—', count] as [string, number]).sort((a, b) => b[1] - a[1]);
  const held = headline.sessionsHeld.current;
  doc.tables.push(
    {
      caption: 'exports.tables.byType',
      columns: [{ label: 'exports.columns.type' }, { label: 'exports.columns.sessionsHeld', kind: 'number' }],
      rows: typeRows,
      total: typeRows.length,
      footer: ['exports.tables.total', held],
    },
    {
      caption: 'exports.tables.byStaff',
      columns: [{ label: 'exports.columns.staff' }, { label: 'exports.columns.sessionsHeld', kind: 'number' }],
      rows: data.sessionsByStaff.map((staff) => [staff.staffName, staff.count]),
      total: data.sessionsByStaff.length,
      footer: ['exports.tables.total', held],
    },
  );
  return doc;
}
