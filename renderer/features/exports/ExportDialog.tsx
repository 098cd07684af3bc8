import { Alert, Button, Checkbox, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  columnLabelKey,
  dashboardLabelKeys,
  type ExportLabels,
  type ExportList,
  exportColumns,
  type ExportStatus,
  type PrintLocale,
  type TableFormat,
} from '../../../common/exports';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useExportJob } from './useExportJob';

export type ExportFormat = TableFormat | 'pdf';

export interface ExportTarget {
  /** What is exported, in words: the dialog's title. */
  what: string;
  /** Rows the active filters match, as the list shows them. */
  count: number | null;
  /** Table exports (CSV, Excel) of these lists, the first chosen by default. */
  lists: ExportList[];
  /** A dashboard table: CSV or Excel with the columns it shows, nothing to pick. */
  fixedColumns?: boolean;
  /** `labels`: header words in the user's language, or undefined for field keys. */
  table(list: ExportList, format: TableFormat, columns: string[], labels: ExportLabels): Promise<ExportStatus>;
  /** The printed report of the same rows, if there is one. */
  report?: (locale: PrintLocale) => Promise<ExportStatus>;
}

function Progressing({ status, onCancel }: { status: ExportStatus; onCancel(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = status.total ? Math.round((status.done / status.total) * 100) : 0;
  const label = status.fileName.endsWith('.pdf')
    ? t('exports.dialog.printing')
    : status.total === null
      ? t('exports.dialog.counting')
      : t('exports.dialog.rowsDone', { done: format.number(status.done), total: format.number(status.total) });
  return (
    <Stack gap="sm">
      <Progress value={share} animated aria-label={t('exports.dialog.progress')} aria-valuetext={label} size="lg" />
      <Text size="sm" role="status">
        {label}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={onCancel}>
          {t('exports.dialog.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Choose a format and columns, then follow the export job: a progress bar, a cancel button, the file. */
export function ExportDialog({ target, opened, onClose }: { target: ExportTarget; opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const job = useExportJob();
  // A target without lists or a table (a case summary) only prints.
  const tabular = target.lists.length > 0 || target.fixedColumns === true;
  const [chosen, setChosen] = useState<ExportFormat>(tabular ? 'csv' : 'pdf');
  const [list, setList] = useState<ExportList>(target.lists[0] ?? 'beneficiaries');
  const [columns, setColumns] = useState<string[]>([...exportColumns[list]]);
  const [fieldKeys, setFieldKeys] = useState(false);
  const { phase } = job;
  const picking = chosen !== 'pdf' && !target.fixedColumns;

  const pickList = (next: ExportList) => {
    setList(next);
    setColumns([...exportColumns[next]]);
  };
  // The words the core writes as headers (and a dashboard table's row labels), in the language on screen.
  const labels = () => {
    const keys = target.fixedColumns ? Object.keys(dashboardLabelKeys) : columns.map(columnLabelKey);
    return fieldKeys ? undefined : Object.fromEntries(keys.map((key) => [key, t(key)]));
  };
  const start = () =>
    void job.start(() =>
      chosen === 'pdf'
        ? target.report!(i18n.language as PrintLocale)
        : target.table(
            list,
            chosen,
            exportColumns[list].filter((c) => columns.includes(c)),
            labels(),
          ),
    );
  const close = () => {
    if (phase.kind === 'running') void job.cancel();
    job.reset();
    onClose();
  };

  return (
    <Dialog opened={opened} onClose={close} title={t('exports.dialog.title', { what: target.what })} size="lg">
      {phase.kind === 'running' ? (
        <Progressing status={phase.status} onCancel={() => void job.cancel()} />
      ) : phase.kind === 'finished' ? (
        <Stack gap="sm">
          {phase.status.state === 'done' && phase.delivered?.kind === 'download' && (
            <Alert color="teal" role="status">
              {t('exports.dialog.downloaded', { file: phase.status.fileName })}
            </Alert>
          )}
          {phase.status.state === 'done' && phase.delivered?.kind === 'saved' && (
            <Alert color="teal" role="status">
              {t('exports.dialog.saved', { path: phase.delivered.path })}
            </Alert>
          )}
          {phase.status.state === 'done' && phase.delivered?.kind === 'cancelled' && (
            <Group justify="space-between">
              <Text role="status">{t('exports.dialog.done', { file: phase.status.fileName })}</Text>
              <Button onClick={() => void job.saveAgain()}>{t('exports.dialog.saveAgain')}</Button>
            </Group>
          )}
          {phase.status.state === 'cancelled' && (
            <Alert color="gray" role="status">
              {t('exports.dialog.cancelled')}
            </Alert>
          )}
          {phase.status.state === 'failed' && <ErrorAlert error={phase.status.error ?? 'exports.errors.failed'} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('exports.dialog.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {phase.kind === 'error' && <ErrorAlert error={phase.error} />}
          {tabular && (
            <Radio.Group label={t('exports.dialog.format')} value={chosen} onChange={(value) => setChosen(value as ExportFormat)}>
              <Stack gap={6} mt={6}>
                <Radio value="csv" label={t('exports.dialog.formats.csv')} />
                <Radio value="xlsx" label={t('exports.dialog.formats.xlsx')} />
                {target.report && <Radio value="pdf" label={t('exports.dialog.formats.pdf')} />}
              </Stack>
            </Radio.Group>
          )}
          {picking && target.lists.length > 1 && (
            <Radio.Group label={t('exports.dialog.list')} value={list} onChange={(value) => pickList(value as ExportList)}>
              <Stack gap={6} mt={6}>
                {target.lists.map((option) => (
                  <Radio key={option} value={option} label={t(`exports.lists.${option}`)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {picking && (
            <Checkbox.Group label={t('exports.dialog.columns')} value={columns} onChange={setColumns}>
              <Group gap="sm" mt={6}>
                {exportColumns[list].map((column) => (
                  <Checkbox key={column} value={column} label={t(`exports.columns.${column}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          {chosen !== 'pdf' && (
            <Checkbox
              label={t('exports.dialog.fieldKeys')}
              description={t('exports.dialog.fieldKeysHint')}
              checked={fieldKeys}
              onChange={(event) => setFieldKeys(event.currentTarget.checked)}
            />
          )}
          {target.count !== null && (
            <Text size="sm" c="dimmed">
              {t('exports.dialog.columnsHint', { count: format.number(target.count) })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={start} disabled={picking && columns.length === 0}>
              {t('exports.dialog.start')}
            </Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}
