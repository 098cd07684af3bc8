import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInInput } from '../../../common/account';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldProps } from '../../components/forms';
import { useSignInForm } from '../account/useSignInForm';

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
  const { form, failure, submit } = useSignInForm(async (values) => {
    await action(values);
    window.location.reload();
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
