import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconCheck } from '../../components/icons';

interface Values {
  current: string;
  password: string;
  repeat: string;
}

/** The signed-in user changes their own password; the current one proves it is them. */
export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const resolver = zod4Resolver(changePasswordInput);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { current: '', password: '', repeat: '' },
    validate: (values) => {
      const errors: Record<string, ReactNode> = resolver({ current: values.current, password: values.password });
      if (!errors.password && values.repeat !== values.password) errors.repeat = 'account.password.mismatch';
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await api.account.changePassword.mutate({ current: values.current, password: values.password });
      form.reset();
      setSaved(true);
    } catch (error) {
      form.setFieldValue('current', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['current', 'password']));
    }
  });

  return (
    <Dialog opened onClose={onClose} title={t('account.password.title')}>
      {saved ? (
        <Stack gap="md">
          <Group gap={6} role="status" c="teal.8" fw={500}>
            <IconCheck size={16} />
            <Text inherit>{t('account.password.saved')}</Text>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('account.password.formLabel')}>
          <Stack gap="md">
            <Text size="sm">{t('account.password.intro')}</Text>
            {failure && <ErrorAlert error={failure} />}
            <PasswordInput
              label={t('account.password.current')}
              autoComplete="current-password"
              withAsterisk
              data-autofocus
              {...fieldProps(form, 'current')}
            />
            <PasswordInput
              label={t('account.password.new')}
              description={t('account.password.newHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autoComplete="new-password"
              withAsterisk
              {...fieldProps(form, 'password')}
            />
            <PasswordInput label={t('account.password.repeat')} autoComplete="new-password" withAsterisk {...fieldProps(form, 'repeat')} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('account.password.cancel')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t('account.password.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Dialog>
  );
}
