import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Redownload } from '../../../common/recovery';
import { api } from '../../api/client';
import { IconAlert, IconSync } from '../../components/icons';
import { AdminCredentialsForm } from './AdminCredentialsForm';

/**
 * On a computer that syncs: set the damaged file aside and download everything again from the server. Says plainly
 * what would not come along (changes that never reached the server) before an administrator on the server allows it.
 */
export function RedownloadForm({ offer }: { offer: Redownload }) {
  const { t } = useTranslation();
  const server = new URL(offer.serverUrl).host;
  const loss =
    offer.unsynced === null ? t('recovery.redownload.unsyncedUnknown') : t('recovery.redownload.unsynced', { count: offer.unsynced });
  return (
    <AdminCredentialsForm
      texts="recovery.redownload"
      icon={<IconSync size={18} />}
      action={(values) => api.recovery.redownload.mutate(values)}
    >
      <Text size="sm">{t('recovery.redownload.intro', { server })}</Text>
      <Alert color={offer.unsynced === 0 ? 'teal' : 'orange'} variant="light" icon={<IconAlert />} role="note">
        {loss}
      </Alert>
      <Text size="sm" c="dimmed">
        {t('recovery.redownload.who')}
      </Text>
    </AdminCredentialsForm>
  );
}
