import { Alert, Badge, Button, Group, Loader, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { syncRunning, type SyncStatus } from '../../../common/sync';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert, IconCheck, IconCloudOff, IconSync } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { i18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { ConflictList } from './ConflictList';
import { ConnectLater } from './ConnectLater';
import { entityName } from './labels';
import { RejectedList } from './RejectedList';
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

/** While a sync runs: what it is doing and how many records went each way. */
function Activity({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const { activity } = status;
  const running = syncRunning(activity.phase);
  // A first sync knows how many rows are coming: its bar fills; any other step shows that it is working.
  const total = activity.phase === 'pulling' ? activity.pullTotal : null;
  const counts =
    total === null
      ? t('sync.counts', { pushed: format.number(activity.pushed), pulled: format.number(activity.pulled) })
      : t('sync.countsOf', { pushed: format.number(activity.pushed), pulled: format.number(activity.pulled), total: format.number(total) });
  if (running) {
    return (
      <Stack gap={6} role="status" aria-live="polite">
        <Text fw={600}>{t(`sync.phase.${activity.phase}`)}</Text>
        {total === null ? (
          <Progress value={100} striped animated aria-label={t(`sync.phase.${activity.phase}`)} />
        ) : (
          <Progress
            value={total === 0 ? 100 : Math.min(100, (activity.pulled / total) * 100)}
            aria-label={t(`sync.phase.${activity.phase}`)}
          />
        )}
        <Text size="sm" c="dimmed">
          {counts}
        </Text>
      </Stack>
    );
  }
  if (activity.massDelete) {
    const { entity, deleting, live } = activity.massDelete;
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} title={t('sync.massDelete.title')}>
        <Stack gap="sm">
          <Text size="sm">
            {t('sync.massDelete.body', { entity: entityName(entity), deleting: format.number(deleting), live: format.number(live) })}
          </Text>
          {can(role, 'sync.manage') ? (
            <Group>
              <Button color="red" variant="light" onClick={() => void api.sync.confirmMassDelete.mutate()}>
                {t('sync.massDelete.allow')}
              </Button>
            </Group>
          ) : (
            <Text size="sm">{t('sync.massDelete.askAdmin')}</Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (activity.error) {
    const code = activity.error.code;
    const known = i18n.exists(`sync.errorCodes.${code}`);
    return (
      <Alert color={activity.phase === 'waiting' ? 'orange' : 'red'} variant="light" icon={<IconAlert />} title={t('sync.lastRunFailed')}>
        <Stack gap={4}>
          <Text size="sm">{known ? t(`sync.errorCodes.${code}`) : activity.error.message}</Text>
          {activity.nextAttemptAt && (
            <Text size="sm" c="dimmed">
              {t('sync.nextAttempt', { at: format.dateTime(activity.nextAttemptAt) })}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  return null;
}

/** The real state of sync: the server (if any), progress, what waits per table, what was refused, and conflicts to review. */
export function SyncPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const deployedServerUrl = useSession((state) => state.deployedServerUrl);
  const { data, error } = useSyncStatus();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const syncNow = async () => {
    setFailure(null);
    setRunning(true);
    try {
      await api.sync.run.mutate();
    } catch (e) {
      setFailure(e);
    } finally {
      setRunning(false);
    }
  };

  const connected = data?.serverUrl != null;
  const busy = running || (data !== undefined && syncRunning(data.activity.phase));

  return (
    <>
      <PageHeader
        title={t('sync.title')}
        description={t('sync.description')}
        actions={
          connected && can(role, 'sync.run') ? (
            <Button leftSection={<IconSync size={16} />} loading={busy} onClick={() => void syncNow()}>
              {t('sync.syncNow')}
            </Button>
          ) : undefined
        }
      />
      {error && <ErrorAlert error={error} />}
      {failure !== null && <ErrorAlert error={appErrorOf(failure)} />}
      {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
      {data && (
        <Stack gap="lg">
          {!connected ? (
            <Alert color="gray" variant="light" icon={<IconCloudOff />} title={t('sync.offlineNoServer')}>
              {t('sync.noServer')}
            </Alert>
          ) : (
            <Group gap="xl" align="flex-start">
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('sync.server')}
                </Text>
                <Text fw={500}>
                  <bdi>{data.serverUrl}</bdi>
                </Text>
              </Stack>
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('sync.verification')}
                </Text>
                {data.lastVerifiedAt ? (
                  <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
                    {t('sync.verifiedAt', { at: format.dateTime(data.lastVerifiedAt) })}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('sync.notVerified')}
                  </Badge>
                )}
              </Stack>
            </Group>
          )}
          {connected && <Activity status={data} />}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Stat
              label={t('sync.pendingTotal')}
              value={format.number(pendingTotal(data))}
              tone={pendingTotal(data) > 0 ? 'orange.8' : undefined}
            />
            <Stat label={t('sync.rejected')} value={format.number(data.rejected)} tone={data.rejected > 0 ? 'red.8' : undefined} />
            <Stat
              label={t('sync.openConflicts')}
              value={format.number(data.conflicts)}
              tone={data.conflicts > 0 ? 'orange.8' : undefined}
            />
            <Stat label={t('sync.lastSync')} value={data.lastSyncedAt ? format.dateTime(data.lastSyncedAt) : t('sync.never')} />
          </SimpleGrid>
          <Section title={t('sync.pendingTitle')}>
            {pendingTotal(data) === 0 ? (
              <Text c="dimmed">{t(data.pendingAudit > 0 ? 'sync.changesSent' : 'sync.nothingPending')}</Text>
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
                        <Table.Td>{entityName(entity)}</Table.Td>
                        <Table.Td ta="end">{format.number(n)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
            {data.pendingAudit > 0 && (
              <Text size="sm" c="dimmed" mt="xs">
                {t('sync.pendingAudit', { count: data.pendingAudit })}
              </Text>
            )}
          </Section>
          {data.rejected > 0 && (
            <Section title={t('sync.rejectedTitle')}>
              <RejectedList />
            </Section>
          )}
          {data.conflicts > 0 && (
            <Section title={t('sync.conflictsTitle')}>
              <ConflictList />
            </Section>
          )}
          {!connected && can(role, 'sync.manage') && (
            <Section title={t('sync.connect.laterTitle')}>
              <Stack gap="sm" maw={480}>
                <Text size="sm" c="dimmed">
                  {t('sync.connect.laterIntro')}
                </Text>
                <ConnectLater deployedServerUrl={deployedServerUrl} />
              </Stack>
            </Section>
          )}
        </Stack>
      )}
    </>
  );
}
