import { Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../common/permissions';
import { syncRunning } from '../../../common/sync';
import { api } from '../../api/client';
import { useSession } from '../../stores/session';
import { IconCloud, IconCloudOff } from '../../components/icons';
import { pendingTotal, useSyncStatus } from './useSyncStatus';

/** The header's online/sync state: whether a server is configured, and how many changes wait to be sent. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { data } = useSyncStatus();
  const role = useSession((state) => state.user?.role ?? null);
  const connected = data?.serverUrl != null;

  // Back online: sync at once rather than at the next interval.
  useEffect(() => {
    if (!connected || !can(role, 'sync.run')) return;
    const online = () => void api.sync.run.mutate().catch(() => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [connected, role]);

  if (!data) return null;
  const pending = pendingTotal(data);
  const offline = data.serverUrl === null;
  const { phase } = data.activity;
  const running = syncRunning(phase);
  const connection = offline ? t('sync.offlineNoServer') : running ? t(`sync.phase.${phase}`) : t('sync.serverConfigured');
  const queue = pending === 0 ? t('sync.allSent') : t('sync.pending', { count: pending });

  return (
    <Tooltip label={t('sync.title')} withArrow>
      <Group
        renderRoot={(props) => <Link to="/sync" {...props} />}
        role="status"
        aria-label={t('sync.indicatorText', { connection, queue })}
        gap={8}
        wrap="nowrap"
        px="sm"
        py={6}
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          textDecoration: 'none',
          color: 'inherit',
          background: 'var(--mantine-color-gray-0)',
          border: '1px solid var(--mantine-color-gray-2)',
        }}
      >
        <ThemeIcon variant="light" color={offline ? 'gray' : 'teal'} size={26} radius="xl">
          {offline ? <IconCloudOff size={16} /> : <IconCloud size={16} />}
        </ThemeIcon>
        <div>
          <Text size="xs" fw={600} lh={1.25}>
            {connection}
          </Text>
          <Text size="xs" c={pending > 0 ? 'orange.8' : 'dimmed'} lh={1.25}>
            {queue}
          </Text>
        </div>
      </Group>
    </Tooltip>
  );
}
