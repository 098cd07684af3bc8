import { Alert, Badge, Button, DataList, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import type { IntegrityStatus } from '../../../common/integrity';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert, IconImport } from '../../components/icons';
import { Section } from '../../components/Section';
import { localeFor, useFormat } from '../../i18n/format';
import { formatBytes } from '../backups/format';
import { downloadBase64 } from './download';

const integrityColors: Record<IntegrityStatus['state'], string> = {
  pending: 'gray',
  running: 'blue',
  ok: 'teal',
  damaged: 'red',
  error: 'orange',
};

/** What support needs to know about this installation, and the zip to send them; no personal data in either. */
export function DiagnosticsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = localeFor(i18n.language);
  const { data, error } = useLiveQuery(() => api.diagnostics.summary.query(), ['audit_log']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);

  const exportZip = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const bundle = await api.diagnostics.export.mutate();
      downloadBase64(bundle.fileName, bundle.base64, 'application/zip');
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string | null) => (iso ? format.dateTime(iso) : t('diagnostics.never'));
  return (
    <Section title={t('diagnostics.title')} description={t('diagnostics.description')}>
      <Stack gap="md">
        <Group gap="sm">
          <Button leftSection={<IconImport size={18} />} onClick={() => void exportZip()} loading={busy}>
            {t('diagnostics.export')}
          </Button>
          <Text size="sm" c="dimmed" maw={560}>
            {t('diagnostics.exportNote')}
          </Text>
        </Group>
        {failure && <ErrorAlert error={failure} />}
        {error && <ErrorAlert error={error} />}
        {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {data && (
          <>
            {data.integrity.state === 'damaged' && (
              <Alert color="red" variant="light" icon={<IconAlert />} title={t('diagnostics.integrity.damagedTitle')}>
                {t('diagnostics.integrity.damaged')}
              </Alert>
            )}
            <DataList aria-label={t('diagnostics.title')} withDivider labelWidth={220}>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.integrity.label')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Group gap="xs">
                    <Badge variant="light" color={integrityColors[data.integrity.state]} radius="sm" tt="none">
                      {t(`diagnostics.integrity.states.${data.integrity.state}`)}
                    </Badge>
                    {data.integrity.finishedAt && (
                      <Text size="sm" c="dimmed">
                        {t('diagnostics.integrity.when', {
                          at: format.dateTime(data.integrity.finishedAt),
                          seconds: format.number(Math.round((data.integrity.durationMs ?? 0) / 100) / 10),
                        })}
                      </Text>
                    )}
                  </Group>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.versions')}</DataList.ItemLabel>
                <DataList.ItemValue dir="ltr">
                  {Object.entries(data.versions)
                    .map(([name, version]) => `${name} ${version}`)
                    .join(' · ')}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.dataDir')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Text span ff="monospace" size="sm" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                    {data.dataDir}
                  </Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.databaseSize')}</DataList.ItemLabel>
                <DataList.ItemValue>{formatBytes(locale, data.databaseBytes)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.counts')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {t('diagnostics.countsValue', {
                    beneficiaries: format.number(data.counts.beneficiaries ?? 0),
                    sessions: format.number(data.counts.sessions ?? 0),
                    users: format.number(data.counts.users ?? 0),
                    outbox: format.number(data.counts.outbox ?? 0),
                  })}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.lastSync')}</DataList.ItemLabel>
                <DataList.ItemValue>{when(data.lastSyncedAt)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('diagnostics.lastBackup')}</DataList.ItemLabel>
                <DataList.ItemValue>{when(data.lastBackupAt)}</DataList.ItemValue>
              </DataList.Item>
            </DataList>
            <Text fw={600} size="sm">
              {t('diagnostics.recentErrors')}
            </Text>
            {data.recentErrors.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('diagnostics.noErrors')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table aria-label={t('diagnostics.recentErrors')} verticalSpacing={6}>
                  <Table.Tbody>
                    {data.recentErrors.map((entry, index) => (
                      <Table.Tr key={index}>
                        <Table.Td w={190}>
                          <Text size="xs" c="dimmed">
                            {typeof entry.at === 'string' ? format.dateTime(entry.at) : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace" dir="ltr">
                            {String(entry.event ?? '')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Section>
  );
}
