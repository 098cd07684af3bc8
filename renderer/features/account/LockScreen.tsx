import { Button, Divider, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconLock, IconSwitchUser } from '../../components/icons';
import { translateMessage } from '../../i18n';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';
import { useLeave } from './switchUser';

type Method = 'pin' | 'password';

/** What covers the app while it is locked: who it belongs to, and a way back in with a PIN or the password. */
export function LockScreen() {
  const { t, i18n } = useTranslation();
  const user = useSession((state) => state.user);
  const hasPin = useSession((state) => state.hasPin);
  const unlock = useSession((state) => state.unlock);
  const leave = useLeave();
  const [method, setMethod] = useState<Method>(hasPin ? 'pin' : 'password');
  const [secret, setSecret] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const usePin = hasPin && method === 'pin';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!secret) {
      setFieldError('errors.required');
      return;
    }
    setBusy(true);
    try {
      await unlock(usePin ? { pin: secret } : { password: secret });
    } catch (error) {
      const shape = appErrorOf(error);
      setSecret('');
      // Deactivated meanwhile: the core has signed this window out, and the sign-in page says so.
      if (shape.code === 'UNAUTHENTICATED' && shape.message !== 'account.errors.badCredentials') await useSession.getState().refresh();
      if (shape.message === 'account.errors.badCredentials') setFieldError(usePin ? 'account.lock.wrongPin' : 'account.lock.wrongPassword');
      else if (shape.fieldErrors && Object.keys(shape.fieldErrors).length > 0)
        setFieldError(Object.values(shape.fieldErrors)[0]?.[0] ?? 'errors.invalid');
      else setFailure(shape);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('account.lock.title')} intro={t('account.lock.intro', { name: user?.name ?? '' })} width={480}>
      <form onSubmit={submit} noValidate aria-label={t('account.lock.formLabel')}>
        <Stack gap="md">
          {failure && <ErrorAlert error={failure} />}
          {hasPin && (
            <Stack gap={6}>
              <Text size="sm" fw={500} id="unlock-method-label">
                {t('account.lock.method')}
              </Text>
              <SegmentedControl
                // Its sliding highlight is measured once: a new language (and direction) measures it again.
                key={i18n.language}
                aria-labelledby="unlock-method-label"
                value={method}
                onChange={(value) => {
                  setMethod(value as Method);
                  setSecret('');
                  setFieldError(null);
                }}
                data={[
                  { value: 'pin', label: t('account.lock.pin') },
                  { value: 'password', label: t('account.lock.password') },
                ]}
                fullWidth
              />
            </Stack>
          )}
          <PasswordInput
            key={usePin ? 'pin' : 'password'}
            label={usePin ? t('account.lock.pin') : t('account.lock.password')}
            autoComplete={usePin ? 'off' : 'current-password'}
            inputMode={usePin ? 'numeric' : undefined}
            maxLength={usePin ? 8 : 200}
            value={secret}
            onChange={(event) => {
              setSecret(event.currentTarget.value);
              setFieldError(null);
            }}
            error={fieldError ? translateMessage(fieldError) : undefined}
            autoFocus
            size="md"
          />
          <Button type="submit" size="md" loading={busy} leftSection={<IconLock size={18} />}>
            {t('account.lock.unlock')}
          </Button>
          <Divider label={t('account.lock.notYou', { name: user?.name ?? '' })} labelPosition="center" />
          <Button variant="default" leftSection={<IconSwitchUser size={18} />} onClick={() => leave({ comeBack: true })}>
            {t('account.lock.switchUser')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('account.lock.switchHint')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
