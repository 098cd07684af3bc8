import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus } from '../../../common/recovery';
import { api } from '../../api/client';
import { IconRestore } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { AdminCredentialsForm } from './AdminCredentialsForm';

/**
 * Restores the newest backup that passes its checks. Nobody can sign in to a damaged store, so an
 * administrator proves who they are with their account as the backup knows it. The app then starts afresh.
 */
export function RestoreNewestForm({ status }: { status: RecoveryStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <AdminCredentialsForm
      texts="recovery.restore"
      icon={<IconRestore size={18} />}
      action={(values) => api.recovery.restoreNewest.mutate(values)}
    >
      {status.newestBackup && <Text size="sm">{t('recovery.restore.newest', { at: format.dateTime(status.newestBackup.at) })}</Text>}
      <Text size="sm" c="dimmed">
        {t('recovery.restore.who')}
      </Text>
    </AdminCredentialsForm>
  );
}
