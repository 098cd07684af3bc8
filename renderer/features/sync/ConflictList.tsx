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
import { RecordCell } from './labels';

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('sync.empty')}
      </Text>
    );
  }
  // Shown as text, whatever it holds.
  return (
    <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      <bdi>{typeof value === 'string' ? value : JSON.stringify(value)}</bdi>
    </Text>
  );
}

function Side({ value, by, at }: { value: unknown; by: string | null; at: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2}>
      <Value value={value} />
      <Text size="xs" c="dimmed">
        {t('sync.byAt', { name: by ?? t('sync.unknownUser'), at: format.dateTime(at) })}
      </Text>
    </Stack>
  );
}

const fieldName = (c: Pick<OpenConflict, 'entity' | 'field'>) =>
  c.entity === 'beneficiaries' && i18n.exists(`beneficiaries.fields.${c.field}`) ? i18n.t(`beneficiaries.fields.${c.field}`) : c.field;

/** Two computers changed the same field without seeing each other's change: the value kept, beside the value lost. */
export function ConflictList() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const { data, error } = useLiveQuery(() => api.sync.conflicts.query(), ['conflicts', 'beneficiaries', 'sessions']);
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
                    <RecordCell entity={c.entity} rowId={c.rowId} label={c.label} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fieldName(c)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Side value={c.keptValue} by={c.keptBy} at={c.keptAt} />
                  </Table.Td>
                  <Table.Td>
                    <Side value={c.lostValue} by={c.lostBy} at={c.lostAt} />
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
