import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { IconReports } from '../../components/icons';

export function ReportsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.reports.title')} description={t('pages.reports.description')} icon={IconReports} />;
}
