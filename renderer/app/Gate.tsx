import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenLock } from '../features/account/ScreenLock';
import { SetupPage } from '../features/account/SetupPage';
import { SignInPage } from '../features/account/SignInPage';
import { PassphrasePage } from '../features/passphrase/PassphrasePage';
import { RecoveryPage } from '../features/recovery/RecoveryPage';
import { useSession } from '../stores/session';
import { Shell } from './Shell';

/** First run → setup; signed out → sign-in; signed in → the shell, behind the screen lock. */
export function Gate() {
  const { t } = useTranslation();
  const phase = useSession((state) => state.phase);
  const error = useSession((state) => state.error);
  const load = useSession((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  switch (phase) {
    case 'loading':
      return (
        <Center mih="100vh">
          <Stack align="center" gap="sm">
            <Loader color="teal" />
            <Text c="dimmed">{t('app.loading')}</Text>
          </Stack>
        </Center>
      );
    case 'failed':
      // The store is damaged or its folder cannot be written: the way out, not a dead end.
      if (error?.code === 'STORE_DAMAGED') return <RecoveryPage />;
      // No keyring on this computer: the data's key waits behind the recovery passphrase.
      if (error?.code === 'STORE_LOCKED') return <PassphrasePage />;
      return (
        <Center mih="100vh" p="md">
          <Stack maw={480}>
            <ErrorAlert title={t('app.failedTitle')} error={error ?? 'errors.internal'} />
            <Button variant="default" onClick={() => void load()}>
              {t('app.retry')}
            </Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return <SetupPage />;
    case 'signIn':
      return <SignInPage />;
    case 'ready':
      return (
        <ScreenLock>
          <Shell />
        </ScreenLock>
      );
  }
}
