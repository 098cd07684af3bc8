import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useSession } from '../../stores/session';
import { RecentActivity } from '../audit/RecentActivity';
import { ClinicsList } from '../clinics/ClinicsList';

export function AdminPage() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <Stack gap="lg">
        <Section title={t('clinics.list.title')}>
          <ClinicsList />
        </Section>
        {can(role, 'audit.read') && (
          <Section title={t('audit.title')} description={t('audit.description')}>
            <RecentActivity />
          </Section>
        )}
      </Stack>
    </>
  );
}
