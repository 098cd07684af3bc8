import { Button, List, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { type PassphraseChoice, passphraseChoice, passphraseMinLength } from '../../../common/passphrase';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconKey } from '../../components/icons';

/** First start without a keyring: the administrator chooses the passphrase, typed twice; the core seals the key with it. */
export function ChoosePassphraseForm({ onOpen }: { onOpen: () => Promise<void> }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<PassphraseChoice>({
    mode: 'controlled',
    initialValues: { passphrase: '', confirm: '' },
    validate: zod4Resolver(passphraseChoice),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await api.passphrase.create.mutate(values);
      form.reset();
      await onOpen();
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), ['passphrase', 'confirm']));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('passphrase.choose.formLabel')}>
      <Stack gap="sm">
        <List size="sm" spacing={4}>
          <List.Item>{t('passphrase.choose.everyStart')}</List.Item>
          <List.Item>{t('passphrase.choose.keepIt')}</List.Item>
          <List.Item>{t('passphrase.choose.lost')}</List.Item>
        </List>
        <PasswordInput
          label={t('passphrase.choose.passphrase')}
          description={t('passphrase.choose.hint', { min: passphraseMinLength })}
          autoComplete="new-password"
          {...fieldProps(form, 'passphrase')}
        />
        <PasswordInput label={t('passphrase.choose.confirm')} autoComplete="new-password" {...fieldProps(form, 'confirm')} />
        {failure && <ErrorAlert error={failure} />}
        <Button type="submit" leftSection={<IconKey size={18} />} loading={form.submitting}>
          {t('passphrase.choose.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('passphrase.choose.stored')}
        </Text>
      </Stack>
    </form>
  );
}
