import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryStatus } from '../../../common/beneficiaries';

const colors: Record<BeneficiaryStatus, string> = { active: 'teal', inactive: 'gray', archived: 'orange' };

export function StatusBadge({ status, size = 'sm' }: { status: BeneficiaryStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[status]} size={size} radius="sm" tt="none" fw={600}>
      {t(`beneficiaries.status.${status}`)}
    </Badge>
  );
}
