import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { type PassphraseEntry, passphraseEntry } from '../../../common/passphrase';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconLock } from '../../components/icons';

/** Every later start: the passphrase goes to the core, which opens the store with it or refuses it (after a growing pause). */
export function EnterPassphraseForm({ onOpen }: { onOpen: () => Promise<void> }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<PassphraseEntry>({
    mode: 'controlled',
    initialValues: { passphrase: '' },
    validate: zod4Resolver(passphraseEntry),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await api.passphrase.unlock.mutate(values);
      form.reset();
      await onOpen();
    } catch (error) {
      form.setFieldValue('passphrase', '');
      setFailure(applyCoreError(form, appErrorOf(error), ['passphrase']));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('passphrase.enter.formLabel')}>
      <Stack gap="sm">
        <PasswordInput
          label={t('passphrase.enter.passphrase')}
          autoComplete="current-password"
          autoFocus
          {...fieldProps(form, 'passphrase')}
        />
        {failure && <ErrorAlert error={failure} />}
        <Button type="submit" leftSection={<IconLock size={18} />} loading={form.submitting}>
          {t('passphrase.enter.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('passphrase.enter.forgotten')}
        </Text>
      </Stack>
    </form>
  );
}
