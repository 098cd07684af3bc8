import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SignInInput, signInInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import type { RecoveryStatus } from '../../../common/recovery';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconRestore } from '../../components/icons';
import { useFormat } from '../../i18n/format';

/**
 * Restores the newest backup that passes its checks. Nobody can sign in to a damaged store, so an
 * administrator proves who they are with their account as the backup knows it. The app then starts afresh.
 */
export function RestoreNewestForm({ status }: { status: RecoveryStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<SignInInput>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zod4Resolver(signInInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await api.recovery.restoreNewest.mutate(values);
      window.location.reload();
    } catch (error) {
      form.setFieldValue('password', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['email', 'password']));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('recovery.restore.formLabel')}>
      <Stack gap="sm">
        {status.newestBackup && <Text size="sm">{t('recovery.restore.newest', { at: format.dateTime(status.newestBackup.at) })}</Text>}
        <Text size="sm" c="dimmed">
          {t('recovery.restore.who')}
        </Text>
        <TextInput label={t('recovery.restore.email')} type="email" autoComplete="username" {...fieldProps(form, 'email')} />
        <PasswordInput label={t('recovery.restore.password')} autoComplete="current-password" {...fieldProps(form, 'password')} />
        {failure && <ErrorAlert error={failure} />}
        <Button type="submit" color="orange" leftSection={<IconRestore size={18} />} loading={form.submitting}>
          {t('recovery.restore.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('recovery.restore.kept')}
        </Text>
      </Stack>
    </form>
  );
}
