import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SignInInput, signInInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const { t } = useTranslation();
  const organisation = useSession((state) => state.organisation);
  const signIn = useSession((state) => state.signIn);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<SignInInput>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zod4Resolver(signInInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn(values);
    } catch (error) {
      form.setFieldValue('password', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['email', 'password']));
    }
  });

  return (
    <AuthLayout
      title={t('account.signIn.title')}
      intro={organisation ? t('account.signIn.intro', { organisation }) : t('account.signIn.introPlain')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {failure && <ErrorAlert error={failure} />}
          <TextInput label={t('account.signIn.email')} type="email" autoComplete="username" data-autofocus {...fieldProps(form, 'email')} />
          <PasswordInput label={t('account.signIn.password')} autoComplete="current-password" {...fieldProps(form, 'password')} />
          <Button type="submit" size="md" loading={form.submitting}>
            {t('account.signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
