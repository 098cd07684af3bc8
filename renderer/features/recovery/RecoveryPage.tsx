import { Alert, Button, Code, Divider, Loader, Spoiler, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert } from '../../components/icons';
import { AuthLayout } from '../account/AuthLayout';
import { RedownloadForm } from './RedownloadForm';
import { RestoreNewestForm } from './RestoreNewestForm';

/** Shown instead of sign-in when this computer's data cannot be used: what is wrong, where, and the way out. */
export function RecoveryPage() {
  const { t } = useTranslation();
  const { data: status, error } = useLiveQuery(() => api.recovery.status.query(), []);
  const [retrying, setRetrying] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  const retry = async () => {
    setRetrying(true);
    setFailure(null);
    try {
      const after = await api.recovery.retry.mutate();
      if (after.mode === 'ok') window.location.reload();
      else
        setFailure({
          code: 'STORE_DAMAGED',
          message: after.mode === 'notWritable' ? 'recovery.stillNotWritable' : 'recovery.stillDamaged',
        });
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setRetrying(false);
    }
  };

  const notWritable = status?.mode === 'notWritable';
  return (
    <AuthLayout
      title={notWritable ? t('recovery.notWritable.title') : t('recovery.damaged.title')}
      intro={notWritable ? t('recovery.notWritable.intro') : t('recovery.damaged.intro')}
      width={560}
    >
      <Stack gap="md">
        {error && <ErrorAlert error={error} />}
        {!status && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {status && (
          <>
            <Alert color="orange" variant="light" icon={<IconAlert />} title={t('recovery.folder')} role="note">
              <Stack gap={6}>
                <Code block dir="ltr">
                  {status.dataDir}
                </Code>
                {status.problems.length > 0 && (
                  // SQLite's own words are for support, and can run to a page: folded to two lines.
                  <Spoiler maxHeight={40} showLabel={t('recovery.details.show')} hideLabel={t('recovery.details.hide')}>
                    <Text size="xs" c="dimmed" dir="ltr">
                      {status.problems.join(' · ')}
                    </Text>
                  </Spoiler>
                )}
              </Stack>
            </Alert>
            {notWritable && <Text size="sm">{t('recovery.notWritable.fix')}</Text>}
            {status.canRestore && <RestoreNewestForm status={status} />}
            {status.canRestore && status.redownload && <Divider label={t('recovery.redownload.or')} />}
            {status.redownload && <RedownloadForm offer={status.redownload} />}
            {!notWritable && !status.canRestore && !status.redownload && <Text size="sm">{t('recovery.damaged.noBackup')}</Text>}
            {failure && <ErrorAlert error={failure} />}
            <Button variant="default" onClick={() => void retry()} loading={retrying}>
              {t('recovery.retry')}
            </Button>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
