import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { IconSessions } from '../../components/icons';

export function SessionsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.sessions.title')} description={t('pages.sessions.description')} icon={IconSessions} />;
}
