import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { IconToday } from '../../components/icons';

export function TodayPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.today.title')} description={t('pages.today.description')} icon={IconToday} />;
}
