import { Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClinics } from '../clinics/useClinics';
import { AuditTable } from './AuditTable';

/** The latest audit entries: when (in the user's locale), who, what, and what changed. */
export function RecentActivity({ limit = 25 }: { limit?: number }) {
  const { t } = useTranslation();
  const { data, error } = useLiveQuery(() => api.audit.recent.query({ limit }), ['audit_log'], [limit]);
  const { data: clinics } = useClinics();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (data.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  return (
    <AuditTable
      entries={data}
      label={t('audit.tableLabel')}
      context={{ clinicName: (id) => clinics?.find((clinic) => clinic.id === id)?.name }}
    />
  );
}
