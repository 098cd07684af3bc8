import { Button, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { attendanceStates, type SessionListInput, sessionStatuses, type SessionSummary } from '../../../common/sessions';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVirtualTable } from '../../components/useVirtualTable';
import { IconFilterOff, IconSearch } from '../../components/icons';
import { type PageFetcher, useWindowedList } from '../../components/useWindowedList';
import { useFormat } from '../../i18n/format';
import { useClinics } from '../clinics/useClinics';
import { useSessionTypes, useStaffDirectory } from './data';
import { isFiltered, sessionListQuery, useSessionListState } from './filters';
import { useSessionFormat } from './format';
import { AttendeeNames, attendeeText, SessionStatusBadge } from './parts';
import { SessionsHeader } from './SessionsHeader';
import { ExportButton } from '../exports/ExportButton';
import { sessionExport } from '../exports/targets';
import classes from './SessionList.module.css';

const ROW = 44;
const HEADER = 40;
const cx = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ');

type Query = Omit<SessionListInput, 'offset' | 'limit'>;
const fetchPage: PageFetcher<Query, SessionSummary> = (query, offset, limit) => api.sessions.list.query({ ...query, offset, limit });
const topics = ['sessions', 'session_attendees', 'beneficiaries'] as const;

function Row({ index, start, row }: { index: number; start: number; row: SessionSummary | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const style = { transform: `translateY(${start}px)` };
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy="true" className={cx(classes.grid, classes.row)} style={style} data-index={index}>
        {[70, 60, 80, 50, 50, 50].map((width, i) => (
          <div role="cell" key={i} className={classes.cell}>
            <div className={classes.placeholder} style={{ width: `${width}%` }} />
          </div>
        ))}
      </div>
    );
  }
  const when = sessionFormat.when(row.scheduledAt, row.durationMinutes);
  const people = attendeeText(t, row);
  return (
    <div role="row" aria-rowindex={index + 2} className={cx(classes.grid, classes.row)} style={style} data-index={index}>
      <div role="cell" className={classes.cell} title={when}>
        <Link to={`/sessions/${row.id}`} className={classes.link}>
          {when}
        </Link>
      </div>
      <div role="cell" className={classes.cell} title={row.typeName}>
        <span className={classes.dot} style={{ background: row.typeColor }} aria-hidden />
        <bdi>{row.typeName}</bdi>
      </div>
      <div role="cell" className={cx(classes.cell, classes.people)} title={people}>
        <AttendeeNames session={row} />
      </div>
      <div role="cell" className={classes.cell} title={row.staffName ?? undefined}>
        {row.staffName ? <bdi>{row.staffName}</bdi> : <span className={classes.muted}>—</span>}
      </div>
      <div role="cell" className={classes.cell}>
        <SessionStatusBadge status={row.status} />
      </div>
      <div role="cell" className={classes.cell}>
        {row.followUpDate ? format.date(row.followUpDate) : <span className={classes.muted}>—</span>}
      </div>
    </div>
  );
}

function Filters() {
  const { t } = useTranslation();
  const filters = useSessionListState((state) => state.filters);
  const set = useSessionListState((state) => state.set);
  const clear = useSessionListState((state) => state.clear);
  const { data: clinics } = useClinics();
  const { data: types } = useSessionTypes();
  const { data: staff } = useStaffDirectory();
  const any = t('sessions.filters.any');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        type="date"
        label={t('sessions.filters.from')}
        value={filters.from}
        onChange={(event) => set({ from: event.currentTarget.value })}
        w={150}
        size="sm"
      />
      <TextInput
        type="date"
        label={t('sessions.filters.to')}
        value={filters.to}
        onChange={(event) => set({ to: event.currentTarget.value })}
        w={150}
        size="sm"
      />
      <Select
        label={t('sessions.filters.type')}
        placeholder={any}
        data={(types ?? []).map((type) => ({ value: type.id, label: type.name }))}
        value={filters.typeId}
        onChange={(value) => set({ typeId: value })}
        clearable
        w={170}
        size="sm"
      />
      <Select
        label={t('sessions.filters.staff')}
        placeholder={any}
        data={(staff ?? []).map((person) => ({ value: person.id, label: person.name }))}
        value={filters.staffId}
        onChange={(value) => set({ staffId: value })}
        clearable
        searchable
        w={170}
        size="sm"
      />
      <Select
        label={t('sessions.filters.status')}
        placeholder={any}
        data={sessionStatuses.map((value) => ({ value, label: t(`sessions.status.${value}`) }))}
        value={filters.status}
        onChange={(value) => set({ status: (value as typeof filters.status) ?? null })}
        clearable
        w={140}
        size="sm"
      />
      <Select
        label={t('sessions.filters.attendance')}
        placeholder={any}
        data={attendanceStates.map((value) => ({ value, label: t(`sessions.filters.attendanceOf.${value}`) }))}
        value={filters.attendance}
        onChange={(value) => set({ attendance: (value as typeof filters.attendance) ?? null })}
        clearable
        w={190}
        size="sm"
      />
      {clinics && clinics.length > 1 && (
        <Select
          label={t('sessions.filters.clinic')}
          placeholder={t('sessions.filters.anyClinic')}
          data={clinics.map((clinic) => ({ value: clinic.id, label: `${clinic.name} (${clinic.code})` }))}
          value={filters.clinicId}
          onChange={(value) => set({ clinicId: value })}
          clearable
          w={200}
          size="sm"
        />
      )}
      {isFiltered(filters) && (
        <Button variant="subtle" size="sm" leftSection={<IconFilterOff size={16} />} onClick={clear}>
          {t('sessions.filters.clear')}
        </Button>
      )}
    </Group>
  );
}

/** Every session, newest first, in one scrolling list however many there are; filters and a search by attendee combine. */
export function SessionList() {
  const { t } = useTranslation();
  const filters = useSessionListState((state) => state.filters);
  const set = useSessionListState((state) => state.set);
  const clear = useSessionListState((state) => state.clear);
  const [search, setSearch] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(search, 150);
  useEffect(() => {
    if (debouncedSearch !== useSessionListState.getState().filters.search) set({ search: debouncedSearch });
  }, [debouncedSearch, set]);
  const query = useMemo(() => sessionListQuery(filters), [filters]);
  const key = JSON.stringify(query);
  const list = useWindowedList(query, fetchPage, topics);
  const count = list.total ?? 0;
  const table = useVirtualTable({
    count,
    queryKey: key,
    loading: list.loading,
    setRange: list.setRange,
    store: useSessionListState,
    typed: search,
    rowHeight: ROW,
    headerHeight: HEADER,
  });

  const narrowed = filters.search.trim() !== '' || isFiltered(filters);
  const countText = list.total === undefined ? '' : t(narrowed ? 'sessions.list.matches' : 'sessions.list.count', { count: list.total });

  return (
    <>
      <SessionsHeader extra={<ExportButton target={sessionExport(t, query, list.total ?? null)} />} />
      <Stack gap="sm">
        <TextInput
          type="search"
          aria-label={t('sessions.list.searchLabel')}
          placeholder={t('sessions.list.searchPlaceholder')}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maxLength={200}
          size="md"
        />
        <Filters />
        <Group justify="space-between" gap="sm" mih={28}>
          <Group gap="xs">
            <Text role="status" aria-live="polite" size="sm" fw={600} c="gray.8">
              {countText}
            </Text>
            {list.loading && list.total !== undefined && <Loader size={14} aria-hidden />}
          </Group>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t('sessions.list.keyboardHint')}
          </Text>
        </Group>
        {list.error && <ErrorAlert error={list.error} />}
        {table.empty ? (
          <Paper withBorder radius="md" p="xl">
            <Stack align="center" gap="sm" py="lg" ta="center">
              {!narrowed && <Text fw={600}>{t('sessions.list.empty')}</Text>}
              <Text c="dimmed" size="sm" maw={460}>
                {narrowed ? t('sessions.list.noMatchHint') : t('sessions.list.emptyHint')}
              </Text>
              {narrowed && (
                <Button
                  variant="default"
                  onClick={() => {
                    setSearch('');
                    set({ search: '' });
                    clear();
                  }}
                >
                  {t('sessions.list.clearAll')}
                </Button>
              )}
            </Stack>
          </Paper>
        ) : (
          <div
            role="table"
            aria-label={t('sessions.list.tableLabel')}
            aria-rowcount={count + 1}
            aria-busy={list.loading}
            ref={table.scrollRef}
            onScroll={table.onScroll}
            className={classes.scroller}
            style={{ height: table.height }}
          >
            <div role="rowgroup" className={cx(classes.grid, classes.header)}>
              <div role="row" aria-rowindex={1} style={{ display: 'contents' }}>
                <div role="columnheader" aria-sort="descending">
                  {t('sessions.columns.when')}
                </div>
                <div role="columnheader">{t('sessions.columns.type')}</div>
                <div role="columnheader">{t('sessions.columns.people')}</div>
                <div role="columnheader">{t('sessions.columns.staff')}</div>
                <div role="columnheader">{t('sessions.columns.status')}</div>
                <div role="columnheader">{t('sessions.columns.followUp')}</div>
              </div>
            </div>
            <div role="rowgroup" className={classes.body} style={{ height: table.totalSize }} onKeyDown={table.onKeyDown}>
              {table.items.map((item) => (
                <Row key={item.key} index={item.index} start={item.start - HEADER} row={list.row(item.index)} />
              ))}
            </div>
          </div>
        )}
      </Stack>
    </>
  );
}
