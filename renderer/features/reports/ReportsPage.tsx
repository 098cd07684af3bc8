import '@mantine/charts/styles.css';
import { Alert, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ageBands } from '../../../common/beneficiaries';
import type { DashboardTable } from '../../../common/exports';
import { addDays, periodPresets, type ReportFilters } from '../../../common/reports';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { DashboardExportButton } from '../exports/DashboardExportButton';
import { MonthlyReportButton } from '../exports/MonthlyReportButton';
import { useFormat } from '../../i18n/format';
import { useClinics } from '../clinics/useClinics';
import { useSessionTypes, useStaffDirectory } from '../sessions/data';
import { useSyncStatus } from '../sync/useSyncStatus';
import { AttendanceTrendChart, AttendanceTrendTable } from './charts/AttendanceTrendChart';
import { ChartCard } from './charts/ChartCard';
import { DemographicsChart, DemographicsTable } from './charts/DemographicsChart';
import { RegistrationsChart, RegistrationsTable } from './charts/RegistrationsChart';
import { SessionsByWeekChart, SessionsByWeekTable } from './charts/SessionsByWeekChart';
import { StaffChart, StaffTable } from './charts/StaffChart';
import { useDrill } from './drill';
import { dashboardQuery, localToday, useDashboardFilters } from './filters';
import { HeadlineFigures, type HeadlineKey } from './Headline';

function Filters() {
  const { t } = useTranslation();
  const filters = useDashboardFilters((state) => state.filters);
  const set = useDashboardFilters((state) => state.set);
  const { data: clinics } = useClinics();
  const { data: types } = useSessionTypes();
  const { data: staff } = useStaffDirectory();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('reports.filters.period')}
        data={periodPresets.map((value) => ({ value, label: t(`reports.periods.${value}`) }))}
        value={filters.period}
        onChange={(value) => value && set({ period: value as typeof filters.period })}
        allowDeselect={false}
        w={170}
        size="sm"
      />
      {filters.period === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('reports.filters.from')}
            value={filters.from}
            onChange={(event) => set({ from: event.currentTarget.value })}
            w={160}
            size="sm"
          />
          <TextInput
            type="date"
            label={t('reports.filters.to')}
            value={filters.to}
            onChange={(event) => set({ to: event.currentTarget.value })}
            error={filters.from && filters.to && filters.from > filters.to ? t('reports.errors.order') : undefined}
            w={160}
            size="sm"
          />
        </>
      )}
      <Select
        label={t('reports.filters.clinic')}
        placeholder={t('reports.filters.allClinics')}
        data={(clinics ?? []).map((clinic) => ({ value: clinic.id, label: `${clinic.name} (${clinic.code})` }))}
        value={filters.clinicId}
        onChange={(value) => set({ clinicId: value })}
        clearable
        w={220}
        size="sm"
      />
      <Select
        label={t('reports.filters.type')}
        placeholder={t('reports.filters.allTypes')}
        data={(types ?? []).map((type) => ({ value: type.id, label: type.name }))}
        value={filters.typeId}
        onChange={(value) => set({ typeId: value })}
        clearable
        w={190}
        size="sm"
      />
      <Select
        label={t('reports.filters.staff')}
        placeholder={t('reports.filters.allStaff')}
        data={(staff ?? []).map((person) => ({ value: person.id, label: person.name }))}
        value={filters.staffId}
        onChange={(value) => set({ staffId: value })}
        searchable
        clearable
        w={200}
        size="sm"
      />
    </Group>
  );
}

/** The last day of a YYYY-MM month. */
const monthEnd = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

function PeriodLine({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const range = (r: { from: string; to: string }) => `${format.date(r.from)} – ${format.date(r.to)}`;
  return (
    <Text size="sm" c="dimmed">
      {t('reports.periodLine', { period: range(filters.period), previous: range(filters.previous) })}
    </Text>
  );
}

/** The manager's dashboard: what happened in a period, against the one before, with the lists behind every figure. */
export function ReportsPage() {
  const { t } = useTranslation();
  const filters = useDashboardFilters((state) => state.filters);
  const today = localToday();
  const input = useMemo(() => dashboardQuery(filters, today), [filters, today]);
  const { data, error, loading } = useLiveQuery(
    () => (input ? api.reports.dashboard.query(input) : Promise.resolve(null)),
    ['beneficiaries', 'sessions', 'session_attendees', 'session_types', 'users'],
    [input],
  );
  const incomplete = useSyncStatus().data?.reportsIncomplete;
  const drill = useDrill(data?.filters);
  const period = data?.filters.period;
  const exportOf = (table: DashboardTable, title: string) => input && <DashboardExportButton title={title} table={table} filters={input} />;

  const openFigure = (key: HeadlineKey) => {
    if (!period) return;
    if (key === 'activeBeneficiaries') drill({ list: 'beneficiaries', status: 'active', registeredTo: period.to });
    else if (key === 'newRegistrations') drill({ list: 'beneficiaries', registeredFrom: period.from, registeredTo: period.to });
    else if (key === 'beneficiariesServed') drill({ list: 'sessions', ...period, attendance: 'attended' });
    else drill({ list: 'sessions', ...period });
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        actions={<MonthlyReportButton month={period?.from.slice(0, 7) ?? null} clinicId={filters.clinicId} />}
      />
      <Filters />
      {incomplete && <Alert color="yellow">{t(`reports.incomplete.${incomplete}`)}</Alert>}
      {error && <ErrorAlert error={error} />}
      {!input && <Alert color="yellow">{t('reports.customHint')}</Alert>}
      {loading && !data && <Loader aria-label={t('reports.loading')} />}
      {data && period && (
        <>
          <PeriodLine filters={data.filters} />
          <HeadlineFigures headline={data.headline} onOpen={openFigure} />
          <ChartCard
            title={t('reports.charts.sessionsByWeek')}
            summary={t('reports.charts.sessionsByWeekSummary')}
            actions={exportOf('sessionsByWeek', t('reports.charts.sessionsByWeek'))}
            chart={
              <SessionsByWeekChart
                weeks={data.sessionsByWeek}
                types={data.types}
                onSelect={(week, typeId) => drill({ list: 'sessions', ...clip(week, addDays(week, 6), period), typeId })}
              />
            }
            table={
              <SessionsByWeekTable
                weeks={data.sessionsByWeek}
                types={data.types}
                onSelect={(week, typeId) => drill({ list: 'sessions', ...clip(week, addDays(week, 6), period), typeId })}
              />
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ChartCard
              title={t('reports.charts.attendanceTrend')}
              summary={t('reports.charts.attendanceTrendSummary')}
              actions={exportOf('attendanceByWeek', t('reports.charts.attendanceTrend'))}
              chart={<AttendanceTrendChart weeks={data.attendanceByWeek} />}
              table={<AttendanceTrendTable weeks={data.attendanceByWeek} />}
            />
            <ChartCard
              title={t('reports.charts.registrationsByMonth')}
              summary={t('reports.charts.registrationsByMonthSummary')}
              actions={exportOf('registrationsByMonth', t('reports.charts.registrationsByMonth'))}
              chart={
                <RegistrationsChart
                  months={data.registrationsByMonth}
                  onSelect={(month) => drill({ list: 'beneficiaries', registeredFrom: `${month}-01`, registeredTo: monthEnd(month) })}
                />
              }
              table={
                <RegistrationsTable
                  months={data.registrationsByMonth}
                  onSelect={(month) => drill({ list: 'beneficiaries', registeredFrom: `${month}-01`, registeredTo: monthEnd(month) })}
                />
              }
            />
            <ChartCard
              title={t('reports.charts.demographics')}
              summary={t('reports.charts.demographicsSummary')}
              actions={exportOf('demographics', t('reports.charts.demographics'))}
              chart={
                <DemographicsChart
                  counts={data.demographics}
                  onSelect={(sex, band) =>
                    drill({
                      list: 'beneficiaries',
                      status: 'active',
                      sex,
                      registeredTo: period.to,
                      ...(isBand(band) ? { ageBand: band } : {}),
                    })
                  }
                />
              }
              table={
                <DemographicsTable
                  counts={data.demographics}
                  onSelect={(sex, band) =>
                    drill({
                      list: 'beneficiaries',
                      status: 'active',
                      sex,
                      registeredTo: period.to,
                      ...(isBand(band) ? { ageBand: band } : {}),
                    })
                  }
                />
              }
            />
            <ChartCard
              title={t('reports.charts.byStaff')}
              summary={t('reports.charts.byStaffSummary')}
              actions={exportOf('sessionsByStaff', t('reports.charts.byStaff'))}
              chart={<StaffChart staff={data.sessionsByStaff} onSelect={(staffId) => drill({ list: 'sessions', ...period, staffId })} />}
              table={<StaffTable staff={data.sessionsByStaff} onSelect={(staffId) => drill({ list: 'sessions', ...period, staffId })} />}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

const isBand = (band: string): band is (typeof ageBands)[number] => (ageBands as readonly string[]).includes(band);

/** A week cut to the period, so its first and last weeks open only the days that were counted. */
function clip(from: string, to: string, period: { from: string; to: string }) {
  return { from: from < period.from ? period.from : from, to: to > period.to ? period.to : to };
}
