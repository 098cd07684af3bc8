import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import type { RecoveryStatus } from '../../../common/recovery';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { IconAlert, IconRestore, IconSync } from '../../components/icons';
import { useSession } from '../../stores/session';
import { RedownloadForm } from './RedownloadForm';
import { RestoreNewestForm } from './RestoreNewestForm';

// The integrity check runs in the background after start-up: ask now and then whether it found damage.
const POLL_MS = 20_000;

/** For everyone signed in when the store turns out damaged: it is read-only now; an admin can restore. */
export function DamagedBanner() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [way, setWay] = useState<'restore' | 'redownload' | null>(null);

  useEffect(() => {
    let live = true;
    const ask = () =>
      api.recovery.status.query().then(
        (next) => live && setStatus(next),
        () => undefined,
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (status?.mode !== 'damaged') return null;
  return (
    <>
      <Alert color="red" variant="filled" icon={<IconAlert />} title={t('recovery.banner.title')} mb="md" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('recovery.banner.readOnly')}</Text>
          {can(role, 'backups.manage') && (status.canRestore || status.redownload) ? (
            <Group gap="xs">
              {status.canRestore && (
                <Button size="xs" variant="white" color="red" leftSection={<IconRestore size={14} />} onClick={() => setWay('restore')}>
                  {t('recovery.banner.restore')}
                </Button>
              )}
              {status.redownload && (
                <Button size="xs" variant="white" color="red" leftSection={<IconSync size={14} />} onClick={() => setWay('redownload')}>
                  {t('recovery.banner.redownload')}
                </Button>
              )}
            </Group>
          ) : (
            <Text size="sm">{t('recovery.banner.askAdmin')}</Text>
          )}
        </Stack>
      </Alert>
      {way === 'restore' && (
        <Dialog opened onClose={() => setWay(null)} title={t('recovery.banner.restore')} size="md">
          <RestoreNewestForm status={status} />
        </Dialog>
      )}
      {way === 'redownload' && status.redownload && (
        <Dialog opened onClose={() => setWay(null)} title={t('recovery.banner.redownload')} size="md">
          <RedownloadForm offer={status.redownload} />
        </Dialog>
      )}
    </>
  );
}
