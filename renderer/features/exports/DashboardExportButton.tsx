import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '../../../common/exports';
import { can } from '../../../common/permissions';
import type { DashboardInput } from '../../../common/reports';
import { useSession } from '../../stores/session';
import { ExportDialog } from './ExportDialog';
import { dashboardExport } from './targets';

/** "Export" on a dashboard chart: its table as CSV or Excel, with the dashboard's filters as they are now. */
export function DashboardExportButton({ title, table, filters }: { title: string; table: DashboardTable; filters: DashboardInput }) {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const [opened, setOpened] = useState(false);
  if (!can(role, 'exports.lists')) return null;
  return (
    <>
      <Button variant="default" size="xs" aria-label={t('exports.dashboard.open', { title })} onClick={() => setOpened(true)}>
        {t('exports.dialog.open')}
      </Button>
      {opened && <ExportDialog target={dashboardExport(title, table, filters)} opened onClose={() => setOpened(false)} />}
    </>
  );
}
