import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldProps } from '../../components/forms';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';
import { useSignInForm } from './useSignInForm';

export function SignInPage() {
  const { t } = useTranslation();
  const organisation = useSession((state) => state.organisation);
  const signIn = useSession((state) => state.signIn);
  const { form, failure, submit } = useSignInForm(signIn);

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
