import { Alert, Button, DataList, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContents, BackupInfo } from '../../../common/backups';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert, IconRestore } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { kindLabel, useBackupTime } from './format';

/**
 * Restore, in two steps: first what the backup holds (checked by the core:
 * our key, intact, not from a newer version), then the confirmation.
 */

export function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose(restored?: BackupContents): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = useBackupTime();
  const { data, error } = useLiveQuery(() => api.backups.inspect.query({ name: backup.name }), [], [backup.name]);
  const { data: sync } = useLiveQuery(() => api.sync.status.query(), ['outbox']);
  const unsent = sync ? Object.values(sync.pending).reduce((sum, n) => sum + n, 0) + sync.rejected : 0;
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const restore = async () => {
    setFailure(null);
    setBusy(true);
    try {
      onClose(await api.backups.restore.mutate({ name: backup.name }));
    } catch (caught) {
      setFailure(appErrorOf(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      opened
      onClose={() => !busy && onClose()}
      title={t('backups.restore.title')}
      size="lg"

      closeOnClickOutside={!busy}
    >
      <Stack gap="md">
        <Text size="sm">{t('backups.restore.which', { at: when(backup.at), kind: kindLabel(t, backup.kind) })}</Text>
        {error && <ErrorAlert title={t('backups.restore.cannot')} error={error} />}
        {!data && !error && (
          <Group gap="xs">
            <Loader size="sm" aria-label={t('backups.restore.checking')} />
            <Text size="sm" c="dimmed">
              {t('backups.restore.checking')}
            </Text>
          </Group>
        )}
        {data && (
          <>
            <DataList aria-label={t('backups.restore.contents')} withDivider labelWidth={200}>
              <DataList.Item>
                <DataList.ItemLabel>{t('backups.restore.beneficiaries')}</DataList.ItemLabel>
                <DataList.ItemValue>{format.number(data.beneficiaries)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('backups.restore.sessions')}</DataList.ItemLabel>
                <DataList.ItemValue>{format.number(data.sessions)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('backups.restore.lastChange')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {data.lastChange ? format.dateTime(data.lastChange) : t('backups.restore.noChange')}
                </DataList.ItemValue>
              </DataList.Item>
            </DataList>
            <Alert color="orange" variant="light" icon={<IconAlert />} title={t('backups.restore.warningTitle')}>
              <Stack gap={4}>
                <Text size="sm">{t('backups.restore.warning')}</Text>
                {sync?.serverUrl && <Text size="sm">{t('backups.restore.fromServer')}</Text>}
                {sync?.serverUrl && unsent > 0 && <Text size="sm">{t('backups.restore.unsent', { count: unsent })}</Text>}
                <Text size="sm">{t('backups.restore.safety')}</Text>
              </Stack>
            </Alert>
          </>
        )}
        {failure && <ErrorAlert error={failure} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onClose()} disabled={busy}>
            {t('backups.restore.cancel')}
          </Button>
          <Button color="orange" leftSection={<IconRestore size={18} />} disabled={!data} loading={busy} onClick={() => void restore()}>
            {t('backups.restore.confirm')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
