import type { TFunction } from 'i18next';
import type { ListInput } from '../../../common/beneficiaries';
import type { DashboardTable, ExportColumn } from '../../../common/exports';
import type { DashboardInput } from '../../../common/reports';
import type { SessionListInput } from '../../../common/sessions';
import { api } from '../../api/client';
import type { ExportTarget } from './ExportDialog';

/** The beneficiary list as it is filtered now: CSV or Excel of the rows, or the printed list. */
export function beneficiaryExport(t: TFunction, filters: Omit<ListInput, 'offset' | 'limit'>, count: number | null): ExportTarget {
  return {
    what: t('exports.lists.beneficiaries'),
    count,
    lists: ['beneficiaries'],
    table: (_list, format, columns, labels) =>
      api.exports.table.mutate({ list: 'beneficiaries', format, columns: columns as ExportColumn<'beneficiaries'>[], filters, labels }),
    report: (locale) => api.exports.report.mutate({ page: 'beneficiaries', filters, locale }),
  };
}

/** The session list as it is filtered now: sessions or attendance rows, or the printed session log. */
export function sessionExport(t: TFunction, filters: Omit<SessionListInput, 'offset' | 'limit'>, count: number | null): ExportTarget {
  return {
    what: t('exports.lists.sessions'),
    count,
    lists: ['sessions', 'attendance'],
    table: (list, format, columns, labels) =>
      list === 'attendance'
        ? api.exports.table.mutate({ list, format, columns: columns as ExportColumn<'attendance'>[], filters, labels })
        : api.exports.table.mutate({ list: 'sessions', format, columns: columns as ExportColumn<'sessions'>[], filters, labels }),
    report: (locale) => api.exports.report.mutate({ page: 'sessions', filters, locale }),
  };
}

/** One dashboard table (a chart's Table view) with the dashboard's filters: CSV or Excel, its own columns. */
export function dashboardExport(what: string, table: DashboardTable, filters: DashboardInput): ExportTarget {
  return {
    what,
    count: null,
    lists: [],
    fixedColumns: true,
    table: (_list, format, _columns, labels) => api.exports.dashboard.mutate({ table, format, filters, labels }),
  };
}
