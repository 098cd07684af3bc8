import { VisuallyHidden, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { i18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { RecordCell } from './labels';

const fieldName = (entity: string, field: string) =>
  entity === 'beneficiaries' && i18n.exists(`beneficiaries.fields.${field}`) ? i18n.t(`beneficiaries.fields.${field}`) : field;

/** Changes the server refused, with its reason: the data stays here; once fixed, the user sends the record again. */
export function RejectedList() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const { data, error } = useLiveQuery(() => api.sync.rejected.query(), ['outbox', 'beneficiaries', 'sessions']);
  const [failure, setFailure] = useState<unknown>(null);

  const resubmit = async (seq: number) => {
    setFailure(null);
    try {
      await api.sync.resubmit.mutate({ seq });
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('sync.rejectedHint')}
      </Text>
      {error && <ErrorAlert error={error} />}
      {failure !== null && <ErrorAlert error={appErrorOf(failure)} />}
      {data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('sync.rejectedTitle')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.record')}</Table.Th>
                <Table.Th>{t('sync.changedFields')}</Table.Th>
                <Table.Th>{t('sync.reason')}</Table.Th>
                <Table.Th>{t('sync.when')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('sync.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((r) => (
                <Table.Tr key={r.seq}>
                  <Table.Td>
                    <RecordCell {...r} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.op === 'delete' ? t('sync.deletion') : r.fields.map((f) => fieldName(r.entity, f)).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {i18n.exists(`sync.reasons.${r.reason.code}`) ? t(`sync.reasons.${r.reason.code}`) : r.reason.code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.reason.message}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.dateTime(r.at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {can(role, 'sync.run') && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => void resubmit(r.seq)}
                        aria-label={t('sync.resubmitFor', { name: r.label })}
                      >
                        {t('sync.resubmit')}
                      </Button>
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
