import { VisuallyHidden, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import type { OpenConflict } from '../../../common/sync';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { i18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { fieldText } from '../audit/describe';
import { useClinics } from '../clinics/useClinics';
import { useSessionTypes, useStaffDirectory } from '../sessions/data';
import { sessionFieldText } from '../sessions/fieldText';
import { useSessionFormat } from '../sessions/format';
import { RecordCell } from './labels';

/** A value in words; an empty one says so. */
function Value({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (text === null) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('sync.empty')}
      </Text>
    );
  }
  return (
    <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      <bdi>{text}</bdi>
    </Text>
  );
}

function Side({ text, by, at }: { text: string | null; by: string | null; at: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2}>
      <Value text={text} />
      <Text size="xs" c="dimmed">
        {t('sync.byAt', { name: by ?? t('sync.unknownUser'), at: format.dateTime(at) })}
      </Text>
    </Stack>
  );
}

// A session's and an attendee's fields, by the labels their forms use.
const sessionFields: Record<string, string> = {
  scheduledAt: 'sessions.fields.when',
  durationMinutes: 'sessions.fields.duration',
  status: 'sessions.fields.status',
  typeId: 'sessions.fields.type',
  staffId: 'sessions.fields.staff',
  clinicId: 'sessions.fields.clinic',
  location: 'sessions.fields.location',
  notes: 'sessions.fields.notes',
  followUpDate: 'sessions.fields.followUpDate',
  attendance: 'sessions.grid.attendance',
  outcome: 'sessions.grid.outcome',
};
const isSession = (entity: string) => entity === 'sessions' || entity === 'session_attendees';

function fieldName({ entity, field }: Pick<OpenConflict, 'entity' | 'field'>): string {
  const key = entity === 'beneficiaries' ? `beneficiaries.fields.${field}` : isSession(entity) ? sessionFields[field] : undefined;
  return key && i18n.exists(key) ? i18n.t(key) : field;
}

/** Stored values in words, as the rest of the app shows them: "Attended", a session type's name, a date. */
function useValueText() {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const { data: types } = useSessionTypes();
  const { data: staff } = useStaffDirectory();
  const { data: clinics } = useClinics();
  const clinicName = (id: string) => clinics?.find((clinic) => clinic.id === id)?.name;
  return (c: Pick<OpenConflict, 'entity' | 'field'>, value: unknown): string | null => {
    if (value === null || value === undefined || value === '') return null;
    if (isSession(c.entity))
      return sessionFieldText({ t, types, staff, clinicName, dateTime: sessionFormat.dateTime, date: format.date }, c.field, value);
    if ((c.field === 'birthDate' || c.field === 'consentDate') && typeof value === 'string') return format.date(value);
    return fieldText(t, { clinicName }, c.field, value, c.entity);
  };
}

/** Two computers changed the same field without seeing each other's change: the value kept, beside the value lost. */
export function ConflictList() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const valueText = useValueText();
  const { data, error } = useLiveQuery(() => api.sync.conflicts.query(), ['conflicts', 'beneficiaries', 'sessions', 'session_attendees']);
  const [failure, setFailure] = useState<unknown>(null);
  const act = async (call: Promise<unknown>) => {
    setFailure(null);
    try {
      await call;
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('sync.conflictsHint')}
      </Text>
      {error && <ErrorAlert error={error} />}
      {failure !== null && <ErrorAlert error={appErrorOf(failure)} />}
      {data && (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('sync.conflictsTitle')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.record')}</Table.Th>
                <Table.Th>{t('sync.field')}</Table.Th>
                <Table.Th>{t('sync.keptValue')}</Table.Th>
                <Table.Th>{t('sync.lostValue')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('sync.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <RecordCell {...c} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fieldName(c)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Side text={valueText(c, c.keptValue)} by={c.keptBy} at={c.keptAt} />
                  </Table.Td>
                  <Table.Td>
                    <Side text={valueText(c, c.lostValue)} by={c.lostBy} at={c.lostAt} />
                  </Table.Td>
                  <Table.Td>
                    {can(role, 'sync.resolve') && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => void act(api.sync.restore.mutate({ id: c.id }))}
                          aria-label={t('sync.restoreFor', { field: fieldName(c), name: c.label })}
                        >
                          {t('sync.restore')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void act(api.sync.dismiss.mutate({ id: c.id }))}
                          aria-label={t('sync.keepFor', { field: fieldName(c), name: c.label })}
                        >
                          {t('sync.keep')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
