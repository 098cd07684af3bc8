import { Alert, Anchor, CloseButton, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionWarning } from '../../../common/sessions';
import { IconAlert } from '../../components/icons';
import { useSessionFormat } from './format';

/** Double bookings: said clearly, each with a link to the other session, and never in the way of saving. */
export function WarningList({ warnings, staffName }: { warnings: SessionWarning[]; staffName: string | null }) {
  const { t } = useTranslation();
  const format = useSessionFormat();
  return (
    <List size="sm" spacing={4}>
      {warnings.map((warning) => (
        <List.Item key={`${warning.kind}-${warning.sessionId}-${warning.beneficiaryName ?? ''}`}>
          <bdi>
            {warning.kind === 'staffDoubleBooked'
              ? t('sessions.warnings.staff', {
                  name: staffName ?? t('sessions.warnings.theStaff'),
                  when: format.dateTime(warning.scheduledAt),
                })
              : t('sessions.warnings.beneficiary', { name: warning.beneficiaryName, when: format.dateTime(warning.scheduledAt) })}
          </bdi>{' '}
          <Anchor component={Link} to={`/sessions/${warning.sessionId}`} size="sm" fw={600}>
            {t('sessions.warnings.open')}
          </Anchor>
        </List.Item>
      ))}
    </List>
  );
}

/** After a save: what was saved, and who is now double-booked. */
export function SavedWarnings({
  warnings,
  staffName,
  onClose,
}: {
  warnings: SessionWarning[];
  staffName: string | null;
  onClose?(): void;
}) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      role="alert"
      icon={<IconAlert />}
      title={
        <Group justify="space-between" wrap="nowrap" w="100%">
          <Text fw={600} size="sm">
            {t('sessions.warnings.savedTitle', { count: warnings.length })}
          </Text>
        </Group>
      }
      withCloseButton={false}
    >
      <Group align="flex-start" wrap="nowrap" justify="space-between">
        <div>
          <Text size="sm" mb={4}>
            {t('sessions.warnings.savedBody')}
          </Text>
          <WarningList warnings={warnings} staffName={staffName} />
        </div>
        {onClose && <CloseButton aria-label={t('sessions.warnings.dismiss')} onClick={onClose} />}
      </Group>
    </Alert>
  );
}
