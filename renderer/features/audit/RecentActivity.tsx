import { Badge, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useClinics } from '../clinics/useClinics';
import { actionLabel, type DiffContext, diffLines } from './describe';

/** The latest audit entries: when (in the user's locale), who, what, and what changed. */
export function RecentActivity({ limit = 25 }: { limit?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useLiveQuery(() => api.audit.recent.query({ limit }), ['audit_log'], [limit]);
  const { data: clinics } = useClinics();
  const context: DiffContext = { clinicName: (id) => clinics?.find((clinic) => clinic.id === id)?.name };
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (data.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  const arrow = t('audit.arrow');

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('audit.tableLabel')} verticalSpacing="sm" striped="even" stripedColor="gray.0">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t('audit.when')}</Table.Th>
            <Table.Th w={180}>{t('audit.who')}</Table.Th>
            <Table.Th w={170}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((entry) => {
            const lines = diffLines(t, context, entry);
            return (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={entry.at}>
                    {format.dateTime(entry.at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.userName ?? (entry.userId ? t('audit.unknownUser') : t('audit.system'))}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={entry.action.endsWith('Failed') ? 'red' : 'teal'} radius="sm" tt="none" fw={500}>
                    {actionLabel(t, entry.action)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {lines.map((line) => (
                      <Text size="sm" key={line.field}>
                        <Text span c="dimmed">
                          <bdi>{line.field}</bdi>:
                        </Text>{' '}
                        {line.from !== null && (
                          <>
                            <bdi>{line.from}</bdi> {arrow}{' '}
                          </>
                        )}
                        <Text span fw={500}>
                          <bdi>{line.to}</bdi>
                        </Text>
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
