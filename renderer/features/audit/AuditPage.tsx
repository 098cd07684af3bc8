import { Button, CloseButton, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditQuery } from '../../../common/audit';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconFilterOff } from '../../components/icons';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { sortName } from '../beneficiaries/person';
import { useClinics } from '../clinics/useClinics';
import { actionGroups } from './actions';
import { AuditTable, type RecordRef } from './AuditTable';
import { ExportAudit } from './ExportAudit';
import { actionLabel, entityLabel } from './describe';
import { VerifyAudit } from './VerifyAudit';

const PAGE = 50;
const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Colleagues to filter by: every account for an admin (the departed too), else the directory of one's clinics. */
function usePeople() {
  const role = useSession((state) => state.user?.role ?? null);
  return useLiveQuery(
    async () => {
      const people = can(role, 'users.manage') ? await api.users.list.query() : await api.users.directory.query();
      return people.map((person) => ({ id: person.id, name: person.name }));
    },
    ['users'],
    [role],
  );
}

/** Finds a beneficiary by name, code or phone, to read their record's trail. */
function BeneficiaryPicker({ value, onPick }: { value: RecordRef | null; onPick(record: RecordRef | null): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const selected = value?.entity === 'beneficiaries' ? value : null;
  const query = selected && debounced === selected.label ? '' : debounced.trim();
  const { data } = useLiveQuery(
    () => (query ? api.beneficiaries.list.query({ search: query, limit: 20 }) : Promise.resolve(null)),
    ['beneficiaries'],
    [query],
  );
  const found = (data?.rows ?? []).map((person) => ({ value: person.id, label: `${sortName(t, person)} · ${person.code}` }));
  const options = selected ? [{ value: selected.rowId, label: selected.label }, ...found.filter((o) => o.value !== selected.rowId)] : found;
  return (
    <Select
      label={t('audit.viewer.beneficiary')}
      placeholder={t('audit.viewer.beneficiaryPlaceholder')}
      searchable
      clearable
      data={options}
      value={selected?.rowId ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      // The core searched already (without accents, by fragments): show what it found.
      filter={({ options: all }) => all}
      nothingFoundMessage={query ? t('audit.viewer.noBeneficiary') : undefined}
      onChange={(id, option) => onPick(id && option ? { entity: 'beneficiaries', rowId: id, label: option.label } : null)}
    />
  );
}

/** The audit trail, filtered by who, what, which record and when, newest first, page by page. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const [params, setParams] = useSearchParams();
  const { data: clinics } = useClinics();
  const { data: people } = usePeople();

  const userId = params.get('user');
  const action = params.get('action');
  const entity = params.get('entity');
  const rowId = params.get('rowId');
  const record: RecordRef | null = entity && rowId ? { entity, rowId, label: params.get('record') ?? rowId } : null;
  const from = params.get('from');
  const to = params.get('to');
  const page = Math.max(0, Number(params.get('page')) || 0);
  const backwards = isDate(from) && isDate(to) && from > to;

  // react-router's functional setParams sees this render's parameters, not the latest: two changes
  // made before a re-render (type a date, then the other) would undo each other. Keep the latest here.
  const latest = useRef(params);
  latest.current = params;
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(latest.current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // A new filter starts again from the newest entries.
    if (!('page' in changes)) next.delete('page');
    latest.current = next;
    setParams(next, { replace: true });
  };
  const pickRecord = (picked: RecordRef | null) =>
    update({ entity: picked?.entity ?? null, rowId: picked?.rowId ?? null, record: picked?.label ?? null });

  const query: AuditQuery = {
    userId: userId ?? undefined,
    action: action ?? undefined,
    entity: record?.entity,
    rowId: record?.rowId,
    from: isDate(from) ? from : undefined,
    to: isDate(to) ? to : undefined,
    offset: page * PAGE,
    // One more than a page: whether there is an older page.
    limit: PAGE + 1,
  };
  const key = JSON.stringify(query);
  const { offset: _offset, limit: _limit, ...exportFilters } = query;
  const { data, error, loading } = useLiveQuery(
    () => (backwards ? Promise.resolve([]) : api.audit.recent.query(JSON.parse(key) as AuditQuery)),
    ['audit_log'],
    [key, backwards],
  );
  const entries = data?.slice(0, PAGE) ?? [];
  const older = (data?.length ?? 0) > PAGE;
  const filtered = !!(userId || action || record || from || to);
  // Records named on this page: the one filtered on, and people whose registration is in view.
  const names = new Map<string, string>();
  for (const entry of entries) {
    const diff = entry.detail?.diff as Record<string, [unknown, unknown]> | undefined;
    const [given, family] = [diff?.givenName?.[1], diff?.familyName?.[1]];
    if (entry.action === 'beneficiaries.register' && entry.rowId && typeof given === 'string' && typeof family === 'string')
      names.set(entry.rowId, `${given} ${family}`);
  }
  if (record) names.set(record.rowId, record.label);

  const actionData = Object.entries(actionGroups).map(([group, actions]) => ({
    group: t(`audit.groups.${group}`),
    items: [
      { value: `${group}.`, label: t('audit.viewer.everyAction', { group: t(`audit.groups.${group}`) }) },
      ...actions.map((name) => ({ value: `${group}.${name}`, label: actionLabel(t, `${group}.${name}`) })),
    ],
  }));

  return (
    <Stack gap="lg">
      <Section title={t('audit.viewer.title')} description={t('audit.viewer.description')}>
        <Stack gap="md">
          <Paper withBorder radius="md" p="md" bg="gray.0" role="search" aria-label={t('audit.viewer.filters')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
                <Select
                  label={t('audit.viewer.user')}
                  placeholder={t('audit.viewer.anyone')}
                  searchable
                  clearable
                  data={(people ?? []).map((person) => ({ value: person.id, label: person.name }))}
                  value={userId}
                  onChange={(value) => update({ user: value })}
                />
                <Select
                  label={t('audit.viewer.action')}
                  placeholder={t('audit.viewer.anyAction')}
                  searchable
                  clearable
                  data={actionData}
                  value={action}
                  onChange={(value) => update({ action: value })}
                  maxDropdownHeight={320}
                />
                <BeneficiaryPicker value={record} onPick={pickRecord} />
              </SimpleGrid>
              <Group gap="sm" align="flex-start" wrap="wrap">
                <TextInput
                  type="date"
                  label={t('audit.viewer.from')}
                  value={from ?? ''}
                  max={to ?? undefined}
                  onChange={(event) => update({ from: event.currentTarget.value || null })}
                  error={backwards ? t('audit.viewer.backwards') : undefined}
                  w={180}
                />
                <TextInput
                  type="date"
                  label={t('audit.viewer.to')}
                  value={to ?? ''}
                  min={from ?? undefined}
                  onChange={(event) => update({ to: event.currentTarget.value || null })}
                  w={180}
                />
                {filtered && (
                  <Button
                    variant="subtle"
                    color="gray"
                    mt={25}
                    leftSection={<IconFilterOff size={16} />}
                    onClick={() => setParams(new URLSearchParams(), { replace: true })}
                  >
                    {t('audit.viewer.clear')}
                  </Button>
                )}
              </Group>
              {record && record.entity !== 'beneficiaries' && (
                <Group gap={6}>
                  <Text size="sm">
                    {t('audit.viewer.onlyRecordShown', { kind: entityLabel(t, record.entity) })} <bdi>{record.label}</bdi>
                  </Text>
                  <CloseButton size="sm" aria-label={t('audit.viewer.clearRecord')} onClick={() => pickRecord(null)} />
                </Group>
              )}
            </Stack>
          </Paper>

          {!backwards && <ExportAudit filters={exportFilters} />}
          {error && <ErrorAlert error={error} />}
          {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
          {data && entries.length === 0 && <Text c="dimmed">{filtered ? t('audit.viewer.noMatch') : t('audit.empty')}</Text>}
          {entries.length > 0 && (
            <AuditTable
              entries={entries}
              label={t('audit.viewer.tableLabel')}
              context={{
                clinicName: (id) => clinics?.find((clinic) => clinic.id === id)?.name,
                userName: (id) => people?.find((person) => person.id === id)?.name,
                recordName: (id) => names.get(id),
              }}
              // Filtered on one record, every entry is about it: no column to repeat its name.
              onRecord={record ? undefined : pickRecord}
            />
          )}
          {data && (page > 0 || older) && (
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" role="status">
                {t('audit.viewer.range', {
                  first: format.number(page * PAGE + 1),
                  last: format.number(page * PAGE + entries.length),
                })}
                {loading && <Loader size={12} ml="xs" aria-label={t('common.loading')} />}
              </Text>
              <Group gap="xs">
                <Button variant="default" disabled={page === 0} onClick={() => update({ page: page > 1 ? String(page - 1) : null })}>
                  {t('audit.viewer.newer')}
                </Button>
                <Button variant="default" disabled={!older} onClick={() => update({ page: String(page + 1) })}>
                  {t('audit.viewer.older')}
                </Button>
              </Group>
            </Group>
          )}
        </Stack>
      </Section>
      {can(role, 'audit.verify') && (
        <Section title={t('audit.verify.title')} description={t('audit.verify.description')}>
          <VerifyAudit />
        </Section>
      )}
    </Stack>
  );
}
