import { Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useSession } from '../../stores/session';
import { PinForm } from '../account/PinForm';
import { ClinicForm } from '../clinics/ClinicForm';
import { useClinics, useCurrentClinic } from '../clinics/useClinics';
import { InstallationSettings } from './InstallationSettings';
import { LanguageSwitcher } from './LanguageSwitcher';

export function SettingsPage() {
  const { t } = useTranslation();
  const user = useSession((state) => state.user);
  const { data: clinics, error } = useClinics();
  const current = useCurrentClinic();
  const canEdit = can(user?.role ?? null, 'clinics.write');

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Stack gap="lg" maw={860}>
        <Section title={t('clinics.form.title')} description={t('clinics.form.description')}>
          {error && <ErrorAlert error={error} />}
          {!clinics && !error && <Loader size="sm" aria-label={t('common.loading')} />}
          {clinics && canEdit && <ClinicForm clinics={clinics} initialId={current?.id} />}
          {clinics && !canEdit && current && (
            <Stack gap={4}>
              <Group gap="xs">
                <Text fw={600}>{current.name}</Text>
                <Text c="dimmed" ff="monospace">
                  {current.code}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {t('clinics.form.readOnly')}
              </Text>
            </Stack>
          )}
        </Section>
        <Section title={t('settings.language.title')} description={t('settings.language.description')}>
          <LanguageSwitcher />
        </Section>
        <Section title={t('account.pin.title')} description={t('account.pin.description')}>
          <PinForm />
        </Section>
        <Section title={t('settings.installation.title')} description={t('settings.installation.description')}>
          <InstallationSettings />
        </Section>
      </Stack>
    </>
  );
}
