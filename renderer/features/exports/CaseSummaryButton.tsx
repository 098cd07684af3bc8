import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { useSession } from '../../stores/session';
import { ExportDialog, type ExportTarget } from './ExportDialog';

/** "Print case summary" on a profile: staff may print one person's record (for a referral), never a list. */
export function CaseSummaryButton({ beneficiaryId, name }: { beneficiaryId: string; name: string }) {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const [opened, setOpened] = useState(false);
  if (!can(role, 'exports.case')) return null;
  const target: ExportTarget = {
    what: t('exports.case.what', { name }),
    count: null,
    lists: [],
    table: () => Promise.reject(new Error('A case summary is printed only.')),
    report: (locale) => api.exports.caseSummary.mutate({ beneficiaryId, locale }),
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('exports.case.print')}
      </Button>
      {opened && <ExportDialog target={target} opened onClose={() => setOpened(false)} />}
    </>
  );
}
