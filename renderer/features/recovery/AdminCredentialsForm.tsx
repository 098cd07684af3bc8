import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SignInInput, signInInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';

/**
 * A way out of a damaged store that an administrator allows with their email and password (nobody can sign in to
 * a damaged store). `texts` is the i18n prefix of its label, email, password, submit and kept strings. On success
 * the app starts afresh.
 */
export function AdminCredentialsForm({
  texts,
  icon,
  children,
  action,
}: {
  texts: 'recovery.restore' | 'recovery.redownload';
  icon: ReactNode;
  children: ReactNode;
  action: (values: SignInInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<SignInInput>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zod4Resolver(signInInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await action(values);
      window.location.reload();
    } catch (error) {
      form.setFieldValue('password', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['email', 'password']));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t(`${texts}.formLabel`)}>
      <Stack gap="sm">
        {children}
        <TextInput label={t(`${texts}.email`)} type="email" autoComplete="username" {...fieldProps(form, 'email')} />
        <PasswordInput label={t(`${texts}.password`)} autoComplete="current-password" {...fieldProps(form, 'password')} />
        {failure && <ErrorAlert error={failure} />}
        <Button type="submit" color="orange" leftSection={icon} loading={form.submitting}>
          {t(`${texts}.submit`)}
        </Button>
        <Text size="xs" c="dimmed">
          {t(`${texts}.kept`)}
        </Text>
      </Stack>
    </form>
  );
}
