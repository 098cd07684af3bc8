import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { localeFor } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { ExportDialog, type ExportTarget } from './ExportDialog';

/** "Monthly report (PDF)" on the dashboard: the calendar month its period starts in, for the chosen clinic. */
export function MonthlyReportButton({ month, clinicId }: { month: string | null; clinicId: string | null }) {
  const { t, i18n } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const [opened, setOpened] = useState(false);
  if (!month || !can(role, 'exports.lists')) return null;
  const monthName = new Intl.DateTimeFormat(localeFor(i18n.language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
  const target: ExportTarget = {
    what: t('exports.monthly.what', { month: monthName }),
    count: null,
    lists: [],
    table: () => Promise.reject(new Error('The monthly report is printed only.')),
    report: (locale) => api.exports.report.mutate({ page: 'monthly', month, clinicId, locale }),
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('exports.monthly.print')}
      </Button>
      {opened && <ExportDialog target={target} opened onClose={() => setOpened(false)} />}
    </>
  );
}
