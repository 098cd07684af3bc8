import { Button, Group, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pinInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconCheck } from '../../components/icons';
import { useSession } from '../../stores/session';

interface Values {
  pin: string;
  repeat: string;
  password: string;
}

/** A PIN to unlock the screen faster than with the password; setting it asks for the password. */
export function PinForm() {
  const { t } = useTranslation();
  const hasPin = useSession((state) => state.hasPin);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const resolver = zod4Resolver(pinInput);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { pin: '', repeat: '', password: '' },
    validate: (values) => {
      const errors: Record<string, ReactNode> = resolver({ pin: values.pin, password: values.password });
      if (!errors.pin && values.repeat !== values.pin) errors.repeat = 'account.pin.mismatch';
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    try {
      await api.account.setPin.mutate({ pin: values.pin, password: values.password });
      form.reset();
      setSaved(true);
      await useSession.getState().refresh();
    } catch (error) {
      form.setFieldValue('password', '');
      const shape = appErrorOf(error);
      // The core's "email and password do not match" reads oddly here: only the password was asked for.
      const wrong = shape.fieldErrors?.password?.[0] === 'account.errors.badCredentials';
      setFailure(
        applyCoreError(form, wrong ? { ...shape, fieldErrors: { password: ['account.lock.wrongPassword'] } } : shape, ['pin', 'password']),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('account.pin.formLabel')}>
      <Stack gap="md">
        <Text size="sm">{hasPin ? t('account.pin.has') : t('account.pin.none')}</Text>
        {failure && <ErrorAlert error={failure} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <PasswordInput
            label={hasPin ? t('account.pin.newPin') : t('account.pin.pin')}
            description={t('account.pin.pinHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            {...fieldProps(form, 'pin')}
          />
          <PasswordInput
            label={t('account.pin.repeat')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            {...fieldProps(form, 'repeat')}
          />
          <PasswordInput
            label={t('account.pin.password')}
            description={t('account.pin.passwordHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            autoComplete="current-password"
            {...fieldProps(form, 'password')}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" loading={form.submitting}>
            {hasPin ? t('account.pin.change') : t('account.pin.set')}
          </Button>
          <Text role="status" size="sm" c="teal.8" fw={500} aria-live="polite">
            {saved && (
              <Group component="span" gap={4}>
                <IconCheck size={16} />
                {t('account.pin.saved')}
              </Group>
            )}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
