import { Alert, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppErrorShape } from '../../../common/errors';
import type { ImportSummary } from '../../../common/imports';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { downloadReport } from './report';

const working = (s: ImportSummary) => s.status === 'running' || s.status === 'rollingBack';

/** Follows an import while its job runs (the core answers between batches). */
export function useImport(initial: ImportSummary): ImportSummary {
  const [summary, setSummary] = useState(initial);
  useEffect(() => setSummary(initial), [initial]);
  useEffect(() => {
    if (!working(summary)) return;
    const timer = setTimeout(() => {
      api.imports.get.query({ id: summary.id }).then(setSummary, () => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [summary]);
  return summary;
}

/** Progress while it runs; cancel, resume, roll back and the report whatever state it is in. */
export function ImportStatus({ initial, onChanged }: { initial: ImportSummary; onChanged?(summary: ImportSummary): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useImport(initial);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { counts } = summary;
  const writable = summary.total - counts.skipped - counts.rejected;
  const done = summary.status === 'rollingBack' ? counts.rolledBack : counts.imported + counts.updated;
  const act = async (call: () => Promise<ImportSummary>) => {
    setFailure(null);
    setConfirming(false);
    try {
      onChanged?.(await call());
    } catch (caught) {
      setFailure(appErrorOf(caught));
    }
  };

  return (
    <Stack gap="sm">
      <Text fw={600} role="status" aria-live="polite">
        {t(`imports.statuses.${summary.status}`)}
      </Text>
      {working(summary) && (
        <Progress value={writable > 0 ? (done / writable) * 100 : 100} aria-label={t('imports.progress')} animated size="lg" />
      )}
      <Text size="sm">
        {t('imports.summary', {
          imported: format.number(counts.imported),
          updated: format.number(counts.updated),
          skipped: format.number(counts.skipped),
          rejected: format.number(counts.rejected),
        })}
        {counts.pending > 0 && ` ${t('imports.pending', { n: format.number(counts.pending) })}`}
        {counts.rolledBack > 0 && ` ${t('imports.rolledBackCount', { n: format.number(counts.rolledBack) })}`}
      </Text>
      {failure && <ErrorAlert error={failure} />}
      <Group gap="sm">
        {summary.status === 'running' && (
          <Button variant="default" onClick={() => void act(() => api.imports.cancel.mutate({ id: summary.id }))}>
            {t('imports.cancel')}
          </Button>
        )}
        {(summary.status === 'cancelled' || summary.status === 'interrupted') && (
          <Button onClick={() => void act(() => api.imports.resume.mutate({ id: summary.id }))}>{t('imports.resume')}</Button>
        )}
        {summary.status !== 'rolledBack' && summary.status !== 'rollingBack' && (
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            {t('imports.rollback')}
          </Button>
        )}
        <Button variant="default" onClick={() => void downloadReport(summary, t).catch((e: unknown) => setFailure(appErrorOf(e)))}>
          {t('imports.downloadReport')}
        </Button>
        {summary.status === 'done' && summary.kind === 'beneficiaries' && (
          <Anchor component={Link} to="/beneficiaries" size="sm" fw={500}>
            {t('imports.openRegistry')}
          </Anchor>
        )}
      </Group>
      {confirming && (
        <Alert color="red" variant="light" title={t('imports.rollbackTitle')}>
          <Stack gap="sm">
            <Text size="sm">{t('imports.rollbackExplain')}</Text>
            <Group gap="sm">
              <Button color="red" onClick={() => void act(() => api.imports.rollback.mutate({ id: summary.id }))}>
                {t('imports.rollbackConfirm')}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('imports.keep')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
