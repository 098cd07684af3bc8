import { Button, Group, Loader, Progress, Radio, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import type { DateOrder, ImportFile, ImportKind, ImportPreview, ImportSummary, Mapping } from '../../../common/imports';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { useClinics, useCurrentClinic } from '../clinics/useClinics';
import { ImportHistory } from './ImportHistory';
import { ImportStatus } from './ImportStatus';
import { MappingStep } from './MappingStep';
import { type Decisions, ReviewStep } from './ReviewStep';
import { uploadFile } from './upload';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Import from a spreadsheet, step by step: choose the file, check how its
 * columns map, review the problem rows, then import as a job that can be
 * cancelled, resumed or rolled back. Nothing is written before the last step.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const clinics = useClinics();
  const currentClinic = useCurrentClinic();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [file, setFile] = useState<ImportFile | null>(null);
  const [sheetName, setSheetName] = useState('');
  const [kind, setKind] = useState<ImportKind>('beneficiaries');
  const [mapping, setMapping] = useState<Mapping>({});
  const [clinicId, setClinicId] = useState<string | null>(null);
  const [dateOrder, setDateOrder] = useState<DateOrder>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [started, setStarted] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  const sheet = file?.sheets.find((s) => s.name === sheetName) ?? null;
  const clinic = clinicId ?? currentClinic?.id ?? null;

  const chooseSheet = (info: ImportFile, name: string, nextKind?: ImportKind) => {
    const found = info.sheets.find((s) => s.name === name)!;
    const k = nextKind ?? found.likelyKind;
    setSheetName(name);
    setKind(k);
    setMapping(found.guess[k]);
    setPreview(null);
    setDecisions({});
  };

  const pick = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFailure(null);
    setFile(null);
    setPreview(null);
    setStarted(null);
    setUploading(0);
    try {
      const read = await uploadFile(chosen, setUploading);
      setFile(read);
      chooseSheet(read, read.sheets[0]!.name);
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setUploading(null);
      if (input.current) input.current.value = '';
    }
  };

  const request = () => ({ fileId: file!.fileId, sheet: sheetName, kind, mapping, dateOrder, clinicId: clinic!, timeZone });

  const check = async (order = dateOrder) => {
    setBusy(true);
    setFailure(null);
    try {
      setPreview(await api.imports.preview.mutate({ ...request(), dateOrder: order }));
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const list = Object.entries(decisions).map(([row, d]) => ({ row: Number(row), action: d.action, reason: d.reason.trim() || null }));
      setStarted(await api.imports.start.mutate({ ...request(), decisions: list }));
      setFile(null);
      setPreview(null);
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const needsOrder = preview?.detectedDateOrder === 'ambiguous' && dateOrder === 'auto';
  const missingReason = Object.values(decisions).some((d) => d.action === 'import' && !d.reason.trim());
  const writable = preview ? preview.valid + Object.values(decisions).filter((d) => d.action !== 'skip').length : 0;

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Stack gap="lg">
        <Section title={t('imports.steps.file')} description={t('imports.steps.fileHelp')}>
          <Stack gap="sm">
            <Group gap="sm">
              <Button component="label" htmlFor="import-file" loading={uploading !== null}>
                {t('imports.chooseFile')}
              </Button>
              <input
                id="import-file"
                ref={input}
                type="file"
                accept=".csv,.tsv,.txt,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-label={t('imports.fileLabel')}
                style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
                onChange={(e) => void pick(e.currentTarget.files?.[0])}
              />
              {file && (
                <Text size="sm">
                  {t('imports.fileRead', {
                    name: file.fileName,
                    sheets: file.sheets.length,
                    rows: format.number(file.sheets.reduce((n, s) => n + s.rowCount, 0)),
                  })}
                  {file.encoding && ` · ${file.encoding}`}
                </Text>
              )}
            </Group>
            {uploading !== null && <Progress value={uploading * 100} aria-label={t('imports.uploading')} />}
            {failure && !file && <ErrorAlert error={failure} />}
          </Stack>
        </Section>

        {file && sheet && (
          <Section title={t('imports.steps.mapping')} description={t('imports.steps.mappingHelp')}>
            <Stack gap="md">
              <Group gap="md" align="flex-end" wrap="wrap">
                {file.sheets.length > 1 && (
                  <Select
                    label={t('imports.sheet')}
                    data={file.sheets.map((s) => ({ value: s.name, label: `${s.name} (${format.number(s.rowCount)})` }))}
                    value={sheetName}
                    allowDeselect={false}
                    onChange={(value) => value && chooseSheet(file, value)}
                    w={240}
                  />
                )}
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="import-kind">
                    {t('imports.kind')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="import-kind"
                    value={kind}
                    onChange={(value) => chooseSheet(file, sheetName, value as ImportKind)}
                    data={[
                      { value: 'beneficiaries', label: t('imports.kinds.beneficiaries') },
                      { value: 'sessions', label: t('imports.kinds.sessions') },
                    ]}
                  />
                </Stack>
                {(clinics.data?.length ?? 0) > 1 && (
                  <Select
                    label={t('imports.clinic')}
                    data={(clinics.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    value={clinic}
                    allowDeselect={false}
                    onChange={setClinicId}
                    w={240}
                  />
                )}
                <Select
                  label={t('imports.dateOrder')}
                  data={(['auto', 'dmy', 'mdy'] as const).map((value) => ({ value, label: t(`imports.dateOrders.${value}`) }))}
                  value={dateOrder}
                  allowDeselect={false}
                  onChange={(value) => {
                    setDateOrder((value ?? 'auto') as DateOrder);
                    setPreview(null);
                  }}
                  w={240}
                />
              </Group>
              <MappingStep
                sheet={sheet}
                kind={kind}
                mapping={mapping}
                onChange={(next) => {
                  setMapping(next);
                  setPreview(null);
                }}
              />
              <Group>
                <Button onClick={() => void check()} loading={busy && !preview} disabled={!clinic}>
                  {t('imports.check')}
                </Button>
              </Group>
              {failure && !preview && <ErrorAlert error={failure} />}
            </Stack>
          </Section>
        )}

        {file && preview && (
          <Section title={t('imports.steps.review')} description={t('imports.steps.reviewHelp')}>
            <Stack gap="md">
              {needsOrder && (
                <Radio.Group
                  label={t('imports.askDateOrder')}
                  description={t('imports.askDateOrderHelp')}
                  value={null}
                  onChange={(value) => {
                    setDateOrder(value as DateOrder);
                    void check(value as DateOrder);
                  }}
                >
                  <Group mt="xs">
                    <Radio value="dmy" label={t('imports.dateOrders.dmy')} />
                    <Radio value="mdy" label={t('imports.dateOrders.mdy')} />
                  </Group>
                </Radio.Group>
              )}
              <ReviewStep preview={preview} decisions={decisions} onDecide={(row, d) => setDecisions((all) => ({ ...all, [row]: d }))} />
              {failure && <ErrorAlert error={failure} />}
              <Group>
                <Button onClick={() => void start()} loading={busy} disabled={needsOrder || missingReason || writable === 0}>
                  {t('imports.start', { count: writable, n: format.number(writable) })}
                </Button>
              </Group>
            </Stack>
          </Section>
        )}

        {started && (
          <Section title={t('imports.steps.import')}>
            <ImportStatus initial={started} onChanged={setStarted} />
          </Section>
        )}

        <Section title={t('imports.history.title')}>{clinics.loading && !clinics.data ? <Loader size="sm" /> : <ImportHistory />}</Section>
      </Stack>
    </>
  );
}
