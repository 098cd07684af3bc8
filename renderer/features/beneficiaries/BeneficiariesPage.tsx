import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import { IconBeneficiaries } from '../../components/icons';

export function BeneficiariesPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.beneficiaries.title')} description={t('pages.beneficiaries.description')} icon={IconBeneficiaries} />;
}
