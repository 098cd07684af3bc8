import { UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';

/** A count in a chart's table; a button to the matching list when it leads somewhere. */
export function DrillCell({ count, what, onOpen }: { count: number; what: string; onOpen?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!onOpen || count === 0) return <>{format.number(count)}</>;
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={t('reports.drill.open', { count, what })}
      c="teal.8"
      fw={600}
      td="underline"
      style={{ textUnderlineOffset: 3 }}
    >
      {format.number(count)}
    </UnstyledButton>
  );
}
