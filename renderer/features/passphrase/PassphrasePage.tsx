import { Alert, Code, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconLock } from '../../components/icons';
import { useSession } from '../../stores/session';
import { AuthLayout } from '../account/AuthLayout';
import { ChoosePassphraseForm } from './ChoosePassphraseForm';
import { EnterPassphraseForm } from './EnterPassphraseForm';

/**
 * Shown before anything else where the computer has no keyring: the data's key is sealed with a recovery
 * passphrase. At first start an administrator chooses it; at every later start it is asked for. The core
 * checks it; once the store opens, the app carries on as usual (first-run setup, or sign-in).
 */
export function PassphrasePage() {
  const { t } = useTranslation();
  const load = useSession((state) => state.load);
  const { data: status, error } = useLiveQuery(() => api.passphrase.status.query(), []);

  const choosing = status?.state === 'new';
  return (
    <AuthLayout
      title={choosing ? t('passphrase.choose.title') : t('passphrase.enter.title')}
      intro={choosing ? t('passphrase.choose.intro') : t('passphrase.enter.intro')}
      width={520}
    >
      <Stack gap="md">
        {error && <ErrorAlert error={error} />}
        {!status && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {status && (
          <>
            {choosing ? <ChoosePassphraseForm onOpen={load} /> : <EnterPassphraseForm onOpen={load} />}
            <Alert color="gray" variant="light" icon={<IconLock />} title={t('passphrase.where')} role="note">
              <Code block dir="ltr">
                {status.dataDir}
              </Code>
            </Alert>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
