import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditExportInput } from '../../../common/audit';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useExportJob } from '../exports/useExportJob';

/** Exports every entry the viewer's filters match (not only the page on screen) as CSV, as a job with progress and cancel. */
export function ExportAudit({ filters }: { filters: AuditExportInput }) {
  const { t } = useTranslation();
  const format = useFormat();
  const job = useExportJob();
  const { phase } = job;
  const running = phase.kind === 'running' ? phase.status : null;
  const finished = phase.kind === 'finished' ? phase.status : null;

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button variant="default" loading={!!running} onClick={() => void job.start(() => api.audit.export.mutate(filters))}>
          {t('audit.export.button')}
        </Button>
        {running && (
          <Button variant="subtle" color="gray" onClick={() => void job.cancel()}>
            {t('audit.export.cancel')}
          </Button>
        )}
        {phase.kind === 'idle' && (
          <Text size="sm" c="dimmed">
            {t('audit.export.hint')}
          </Text>
        )}
        <Text size="sm" role="status" aria-live="polite">
          {running && t('audit.export.running', { done: format.number(running.done), total: format.number(running.total ?? 0) })}
          {finished?.state === 'done' && t('audit.export.done', { count: finished.done, fileName: finished.fileName })}
          {finished?.state === 'cancelled' && t('audit.export.cancelled')}
        </Text>
      </Group>
      {running?.total ? <Progress value={(100 * running.done) / running.total} aria-label={t('audit.export.progress')} size="sm" /> : null}
      {finished?.state === 'failed' && <ErrorAlert error={finished.error ?? 'audit.export.failed'} />}
      {phase.kind === 'error' && <ErrorAlert error={phase.error} />}
    </Stack>
  );
}
