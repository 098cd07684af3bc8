import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../common/permissions';
import { useSession } from '../../stores/session';
import { ExportDialog, type ExportTarget } from './ExportDialog';

/** "Export" beside a list: only for roles that may export lists (the core refuses the rest anyway). */
export function ExportButton({ target }: { target: ExportTarget }) {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const [opened, setOpened] = useState(false);
  if (!can(role, 'exports.lists')) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('exports.dialog.open')}
      </Button>
      {opened && <ExportDialog target={target} opened onClose={() => setOpened(false)} />}
    </>
  );
}
