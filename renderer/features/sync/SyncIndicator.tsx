import { Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../common/permissions';
import { syncRunning } from '../../../common/sync';
import { api } from '../../api/client';
import { useSession } from '../../stores/session';
import { IconCloud, IconCloudOff } from '../../components/icons';
import { useNow } from '../../components/useNow';
import { useFormat } from '../../i18n/format';
import { pendingTotal, useSyncStatus } from './useSyncStatus';

/**
 * The header's sync state: whether a server is set, when this computer last synced and whether the last try failed
 * (staff offline for days see how long), and how many changes wait to be sent or were refused.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
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
  const { phase, error } = data.activity;
  const running = syncRunning(phase);
  const problem = running || !error ? null : error.code === 'NETWORK' ? t('sync.noConnection') : t('sync.didNotFinish');
  const synced = data.lastSyncedAt;
  const when = !synced
    ? t('sync.notSyncedYet')
    : now.getTime() - Date.parse(synced) < 60_000
      ? t('sync.syncedJustNow')
      : t('sync.syncedAgo', { ago: format.ago(synced, now) });
  const connection = offline ? t('sync.offlineNoServer') : running ? t(`sync.phase.${phase}`) : [problem, when].filter(Boolean).join(' · ');
  // A refused change waits for someone to correct it: that comes before what will go by itself.
  const queue =
    data.rejected > 0
      ? t('sync.refused', { count: data.rejected })
      : pending === 0
        ? t('sync.allSent')
        : t('sync.pending', { count: pending });
  const queueColor = data.rejected > 0 ? 'red.8' : pending > 0 ? 'orange.8' : 'dimmed';

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
        <ThemeIcon variant="light" color={offline ? 'gray' : problem ? 'orange' : 'teal'} size={26} radius="xl">
          {offline || error?.code === 'NETWORK' ? <IconCloudOff size={16} /> : <IconCloud size={16} />}
        </ThemeIcon>
        <div>
          <Text size="xs" fw={600} lh={1.25}>
            {connection}
          </Text>
          <Text size="xs" c={queueColor} lh={1.25}>
            {queue}
          </Text>
        </div>
      </Group>
    </Tooltip>
  );
}
