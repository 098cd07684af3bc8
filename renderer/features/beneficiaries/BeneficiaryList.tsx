import { Button, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ageBands, beneficiarySorts, beneficiaryStatuses, type BeneficiarySummary, sexes } from '../../../common/beneficiaries';
import { can } from '../../../common/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVirtualTable } from '../../components/useVirtualTable';
import { IconFilterOff, IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { useClinics } from '../clinics/useClinics';
import classes from './BeneficiaryList.module.css';
import { ExportButton } from '../exports/ExportButton';
import { beneficiaryExport } from '../exports/targets';
import { isFiltered, listQuery, type ListSort, useListState } from './filters';
import { ageText, sortName } from './person';
import { StatusBadge } from './StatusBadge';
import { useWindowedList } from './useWindowedList';

const ROW = 44;
const HEADER = 40;

const cx = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ');

/** Which way each sort runs, for `aria-sort` on its column. */
const sortDirection: Record<ListSort, 'ascending' | 'descending'> = { name: 'ascending', code: 'ascending', registered: 'descending' };

function Row({ index, start, row }: { index: number; start: number; row: BeneficiarySummary | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const style = { transform: `translateY(${start}px)` };
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy="true" className={cx(classes.grid, classes.row)} style={style} data-index={index}>
        {[62, 70, 40, 60, 70, 60, 50, 60].map((width, i) => (
          <div role="cell" key={i} className={classes.cell}>
            <div className={classes.placeholder} style={{ width: `${width}%` }} />
          </div>
        ))}
      </div>
    );
  }
  const name = sortName(t, row);
  const age = ageText(t, row);
  const born = row.birthDate
    ? row.birthDateEstimated
      ? t('beneficiaries.age.aroundYear', { year: format.year(row.birthDate) })
      : format.date(row.birthDate)
    : null;
  const bornTitle = row.birthDate
    ? row.birthDateEstimated
      ? t('beneficiaries.age.estimatedYear', { year: format.year(row.birthDate) })
      : format.date(row.birthDate)
    : undefined;
  return (
    <div role="row" aria-rowindex={index + 2} className={cx(classes.grid, classes.row)} style={style} data-index={index}>
      <div role="cell" className={classes.cell} title={name}>
        <Link to={`/beneficiaries/${row.id}`} className={classes.link}>
          <bdi>{name}</bdi>
        </Link>
      </div>
      <div role="cell" className={cx(classes.cell, classes.mono)} title={row.code}>
        {row.code}
      </div>
      <div role="cell" className={classes.cell}>
        {row.sex ? t(`beneficiaries.sex.${row.sex}`) : <span className={classes.muted}>—</span>}
      </div>
      <div role="cell" className={classes.cell} title={bornTitle}>
        {age ? (
          <>
            {age} <span className={classes.muted}>· {born}</span>
          </>
        ) : (
          <span className={classes.muted}>—</span>
        )}
      </div>
      <div role="cell" className={classes.cell} title={row.phone ?? undefined}>
        {row.phone ? <bdi dir="ltr">{row.phone}</bdi> : <span className={classes.muted}>—</span>}
      </div>
      <div role="cell" className={cx(classes.cell, classes.mono)} title={row.nationalId ?? undefined}>
        {row.nationalId ? <bdi>{row.nationalId}</bdi> : <span className={classes.muted}>—</span>}
      </div>
      <div role="cell" className={classes.cell}>
        <StatusBadge status={row.status} />
      </div>
      <div role="cell" className={classes.cell}>
        {format.day(row.createdAt)}
      </div>
    </div>
  );
}

/** The filters beside the search: each narrows the list, and they combine with the search. */
function Filters() {
  const { t } = useTranslation();
  const filters = useListState((state) => state.filters);
  const set = useListState((state) => state.set);
  const clear = useListState((state) => state.clear);
  const { data: clinics } = useClinics();
  const [tag, setTag] = useState(filters.tag);
  const [debouncedTag] = useDebouncedValue(tag, 250);
  useEffect(() => {
    if (debouncedTag !== useListState.getState().filters.tag) set({ tag: debouncedTag });
  }, [debouncedTag, set]);
  const typed = useRef(tag);
  typed.current = tag;
  useEffect(
    () => () => {
      const state = useListState.getState();
      if (typed.current !== state.filters.tag) state.set({ tag: typed.current });
    },
    [],
  );
  useEffect(() => setTag(filters.tag), [filters.tag]);

  const any = t('beneficiaries.filters.any');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('beneficiaries.filters.status')}
        placeholder={any}
        data={beneficiaryStatuses.map((value) => ({ value, label: t(`beneficiaries.status.${value}`) }))}
        value={filters.status}
        onChange={(value) => set({ status: (value as typeof filters.status) ?? null })}
        clearable
        w={140}
        size="sm"
      />
      <Select
        label={t('beneficiaries.filters.sex')}
        placeholder={any}
        data={sexes.map((value) => ({ value, label: t(`beneficiaries.sex.${value}`) }))}
        value={filters.sex}
        onChange={(value) => set({ sex: (value as typeof filters.sex) ?? null })}
        clearable
        w={130}
        size="sm"
      />
      <Select
        label={t('beneficiaries.filters.age')}
        placeholder={any}
        data={ageBands.map((value) => ({ value, label: t(`beneficiaries.ageBands.${value}`) }))}
        value={filters.ageBand}
        onChange={(value) => set({ ageBand: (value as typeof filters.ageBand) ?? null })}
        clearable
        w={150}
        size="sm"
      />
      <TextInput
        label={t('beneficiaries.filters.tag')}
        placeholder={any}
        value={tag}
        onChange={(event) => setTag(event.currentTarget.value)}
        maxLength={40}
        w={130}
        size="sm"
      />
      <TextInput
        type="date"
        label={t('beneficiaries.filters.registeredFrom')}
        value={filters.registeredFrom}
        onChange={(event) => set({ registeredFrom: event.currentTarget.value })}
        w={150}
        size="sm"
      />
      <TextInput
        type="date"
        label={t('beneficiaries.filters.registeredTo')}
        value={filters.registeredTo}
        onChange={(event) => set({ registeredTo: event.currentTarget.value })}
        w={150}
        size="sm"
      />
      {clinics && clinics.length > 1 && (
        <Select
          label={t('beneficiaries.filters.clinic')}
          placeholder={t('beneficiaries.filters.anyClinic')}
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
          {t('beneficiaries.filters.clear')}
        </Button>
      )}
    </Group>
  );
}

/** The registry: one search box, filters, and every matching person in one scrolling list, however many there are. */
export function BeneficiaryList() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const filters = useListState((state) => state.filters);
  const set = useListState((state) => state.set);
  const clear = useListState((state) => state.clear);
  const [search, setSearch] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(search, 120);
  useEffect(() => {
    if (debouncedSearch !== useListState.getState().filters.search) set({ search: debouncedSearch });
  }, [debouncedSearch, set]);
  const query = useMemo(() => listQuery(filters), [filters]);
  const key = JSON.stringify(query);
  const list = useWindowedList(query);
  const count = list.total ?? 0;
  const table = useVirtualTable({
    count,
    queryKey: key,
    loading: list.loading,
    setRange: list.setRange,
    store: useListState,
    typed: search,
    rowHeight: ROW,
    headerHeight: HEADER,
  });

  const searching = filters.search.trim() !== '';
  const countText =
    list.total === undefined
      ? ''
      : t(searching || isFiltered(filters) ? 'beneficiaries.list.matches' : 'beneficiaries.list.count', {
          count: list.total,
        });

  return (
    <>
      <PageHeader
        title={t('beneficiaries.title')}
        description={t('beneficiaries.description')}
        actions={
          <Group gap="sm">
            <ExportButton target={beneficiaryExport(t, query, list.total ?? null)} />
            {can(role, 'beneficiaries.write') && (
              <Button component={Link} to="/beneficiaries/new" leftSection={<IconPlus size={18} />}>
                {t('beneficiaries.list.register')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            type="search"
            aria-label={t('beneficiaries.list.searchLabel')}
            placeholder={t('beneficiaries.list.searchPlaceholder')}
            leftSection={<IconSearch size={18} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maxLength={200}
            autoFocus
            style={{ flex: 1 }}
            size="md"
          />
          <Select
            label={t('beneficiaries.list.sortBy')}
            data={beneficiarySorts.map((value) => ({ value, label: t(`beneficiaries.sorts.${value}`) }))}
            value={filters.sort}
            onChange={(value) => value && set({ sort: value as ListSort })}
            allowDeselect={false}
            w={200}
            size="md"
          />
        </Group>
        <Filters />
        <Group justify="space-between" gap="sm" mih={28}>
          <Group gap="xs">
            <Text role="status" aria-live="polite" size="sm" fw={600} c="gray.8">
              {countText}
            </Text>
            {list.loading && list.total !== undefined && <Loader size={14} aria-hidden />}
            {!list.loading && count > table.shown.to - table.shown.from && (
              // Where the screen is in a long list; not announced on every scroll.
              <Text size="sm" c="dimmed" aria-hidden>
                {t('beneficiaries.list.position', { from: format.number(table.shown.from + 1), to: format.number(table.shown.to) })}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t('beneficiaries.list.keyboardHint')}
          </Text>
        </Group>
        {list.error && <ErrorAlert error={list.error} />}
        {table.empty ? (
          <Paper withBorder radius="md" p="xl">
            <Stack align="center" gap="sm" py="lg" ta="center">
              {!(searching || isFiltered(filters)) && <Text fw={600}>{t('beneficiaries.list.empty')}</Text>}
              <Text c="dimmed" size="sm" maw={460}>
                {searching || isFiltered(filters) ? t('beneficiaries.list.noMatchHint') : t('beneficiaries.list.emptyHint')}
              </Text>
              {(searching || isFiltered(filters)) && (
                <Button
                  variant="default"
                  onClick={() => {
                    setSearch('');
                    set({ search: '' });
                    clear();
                  }}
                >
                  {t('beneficiaries.list.clearAll')}
                </Button>
              )}
            </Stack>
          </Paper>
        ) : (
          <div
            role="table"
            aria-label={t('beneficiaries.list.tableLabel')}
            aria-rowcount={count + 1}
            aria-busy={list.loading}
            ref={table.scrollRef}
            onScroll={table.onScroll}
            className={classes.scroller}
            style={{ height: table.height }}
          >
            <div role="rowgroup" className={cx(classes.grid, classes.header)}>
              <div role="row" aria-rowindex={1} style={{ display: 'contents' }}>
                <div role="columnheader" aria-sort={filters.sort === 'name' ? sortDirection.name : undefined}>
                  {t('beneficiaries.columns.name')}
                </div>
                <div role="columnheader" aria-sort={filters.sort === 'code' ? sortDirection.code : undefined}>
                  {t('beneficiaries.columns.code')}
                </div>
                <div role="columnheader">{t('beneficiaries.columns.sex')}</div>
                <div role="columnheader">{t('beneficiaries.columns.age')}</div>
                <div role="columnheader">{t('beneficiaries.columns.phone')}</div>
                <div role="columnheader">{t('beneficiaries.columns.nationalId')}</div>
                <div role="columnheader">{t('beneficiaries.columns.status')}</div>
                <div role="columnheader" aria-sort={filters.sort === 'registered' ? sortDirection.registered : undefined}>
                  {t('beneficiaries.columns.registered')}
                </div>
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
