import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { email } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';

const connectForm = z.object({
  serverUrl: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .pipe(z.url({ protocol: /^https?$/, error: 'sync.errors.serverUrl' })),
  email,
  password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
});
export type ConnectValues = z.input<typeof connectForm>;

const fields = ['serverUrl', 'email', 'password'];

interface ConnectFormProps {
  onConnect: (values: ConnectValues) => Promise<void>;
  submitLabel: string;
  /** Set by IT in the deploy config: shown, not editable. */
  fixedServerUrl?: string | null;
  /** More to fill in before connecting (the clinic choice of a standalone installation). */
  children?: ReactNode;
}

/** The organisation's server address and the user's account on it. The password goes to the core, never stored here. */
export function ConnectForm({ onConnect, submitLabel, fixedServerUrl, children }: ConnectFormProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<ConnectValues>({
    mode: 'controlled',
    initialValues: { serverUrl: fixedServerUrl ?? 'https://', email: '', password: '' },
    validate: zod4Resolver(connectForm),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await onConnect(values);
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), fields));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure} />}
        <TextInput
          label={t('sync.connect.serverUrl')}
          description={t(fixedServerUrl ? 'sync.connect.serverUrlDeployed' : 'sync.connect.serverUrlHint')}
          readOnly={!!fixedServerUrl}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          type="url"
          autoComplete="url"
          withAsterisk
          {...fieldProps(form, 'serverUrl')}
        />
        <TextInput label={t('sync.connect.email')} type="email" autoComplete="username" withAsterisk {...fieldProps(form, 'email')} />
        <PasswordInput label={t('sync.connect.password')} autoComplete="current-password" withAsterisk {...fieldProps(form, 'password')} />
        {children}
        <Button type="submit" size="md" loading={form.submitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
