import { Alert, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconCloudOff } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { i18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { pendingTotal, useSyncStatus } from './useSyncStatus';

function Stat({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Stack gap={2} p="md" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }} bg="white">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="xl" fw={650} c={tone}>
        {value}
      </Text>
    </Stack>
  );
}

/** The real state of sync: the server (if any), what waits per table, what was rejected, when it last ran. */
export function SyncPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useSyncStatus();

  return (
    <>
      <PageHeader title={t('sync.title')} description={t('sync.description')} />
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
      {data && (
        <Stack gap="lg">
          {data.serverUrl === null ? (
            <Alert color="gray" variant="light" icon={<IconCloudOff />} title={t('sync.offlineNoServer')}>
              {t('sync.noServer')}
            </Alert>
          ) : (
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('sync.server')}
              </Text>
              <Text fw={500}>
                <bdi>{data.serverUrl}</bdi>
              </Text>
            </Stack>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stat
              label={t('sync.pendingTotal')}
              value={format.number(pendingTotal(data))}
              tone={pendingTotal(data) > 0 ? 'orange.8' : undefined}
            />
            <Stat label={t('sync.rejected')} value={format.number(data.rejected)} tone={data.rejected > 0 ? 'red.8' : undefined} />
            <Stat label={t('sync.lastSync')} value={data.lastSyncedAt ? format.dateTime(data.lastSyncedAt) : t('sync.never')} />
          </SimpleGrid>
          <Section title={t('sync.pendingTitle')}>
            {pendingTotal(data) === 0 ? (
              <Text c="dimmed">{t('sync.nothingPending')}</Text>
            ) : (
              <Table aria-label={t('sync.pendingTableLabel')} maw={520} verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sync.recordType')}</Table.Th>
                    <Table.Th ta="end">{t('sync.count')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {Object.entries(data.pending)
                    .filter(([, n]) => n > 0)
                    .map(([entity, n]) => (
                      <Table.Tr key={entity}>
                        <Table.Td>{i18n.exists(`sync.entities.${entity}`) ? t(`sync.entities.${entity}`) : entity}</Table.Td>
                        <Table.Td ta="end">{format.number(n)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
            {data.rejected > 0 && (
              <Text size="sm" c="dimmed" mt="md">
                {t('sync.rejectedHint')}
              </Text>
            )}
          </Section>
        </Stack>
      )}
    </>
  );
}
