import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAdmin, IconAlert, IconCheck } from '../../components/icons';
import { useFormat } from '../../i18n/format';

type Report = Awaited<ReturnType<typeof api.audit.verify.query>>;

/** Recomputes every entry's seal and link (admins): says plainly whether the trail is intact, or where it was altered. */
export function VerifyAudit() {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  const verify = async () => {
    setBusy(true);
    setFailure(null);
    setReport(null);
    try {
      setReport(await api.audit.verify.query());
    } catch (error) {
      setFailure(appErrorOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap" align="center">
        <Button variant="default" leftSection={<IconAdmin size={18} />} onClick={() => void verify()} loading={busy}>
          {t('audit.verify.button')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('audit.verify.hint')}
        </Text>
      </Group>
      <div aria-live="polite">
        {failure && <ErrorAlert error={failure} />}
        {report?.ok && (
          <Alert color="teal" variant="light" icon={<IconCheck />} title={t('audit.verify.okTitle')}>
            {t('audit.verify.ok', { count: report.checked, checked: format.number(report.checked) })}
          </Alert>
        )}
        {report && !report.ok && report.firstBroken && (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('audit.verify.brokenTitle')} role="alert">
            <Stack gap={4}>
              <Text size="sm">
                {t(`audit.verify.broken.${report.firstBroken.reason}`, {
                  seq: format.number(report.firstBroken.seq),
                  at: format.dateTime(report.firstBroken.at),
                })}
              </Text>
              <Text size="sm">{t('audit.verify.brokenAfter')}</Text>
              <Text size="xs" c="dimmed">
                {t('audit.verify.brokenChecked', { count: report.checked, checked: format.number(report.checked) })}{' '}
                <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{report.firstBroken.id}</span>
              </Text>
            </Stack>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
