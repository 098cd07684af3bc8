import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContents, BackupInfo } from '../../../common/backups';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconCheck, IconDatabase, IconRestore } from '../../components/icons';
import { Section } from '../../components/Section';
import { localeFor, useFormat } from '../../i18n/format';
import { formatBytes, kindLabel, useBackupTime } from './format';
import { RestoreDialog } from './RestoreDialog';

const kindColors: Record<string, string> = { manual: 'teal', daily: 'blue', 'pre-restore': 'orange' };

/** Backups on this computer: make one now, see them all, restore one after seeing what it holds. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = localeFor(i18n.language);
  const when = useBackupTime();
  // A restore or a new backup writes an audit entry: the list follows it.
  const { data, error, refetch } = useLiveQuery(() => api.backups.list.query(), ['audit_log']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const backUp = async () => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      const made = await api.backups.create.mutate();
      setNotice(t('backups.made', { at: when(made.at) }));
      refetch();
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const restored = (backup: BackupInfo, contents?: BackupContents) => {
    setRestoring(null);
    if (!contents) return;
    setNotice(
      t('backups.restored', {
        at: when(backup.at),
        beneficiaries: format.number(contents.beneficiaries),
        sessions: format.number(contents.sessions),
      }),
    );
    refetch();
  };

  return (
    <Section title={t('backups.title')} description={t('backups.description')}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm" align="center">
          <Button leftSection={<IconDatabase size={18} />} onClick={() => void backUp()} loading={busy}>
            {t('backups.now')}
          </Button>
          <Text size="sm" c="dimmed" maw={520}>
            {t('backups.schedule')}
          </Text>
        </Group>
        <div role="status" aria-live="polite">
          {notice && (
            <Alert color="teal" variant="light" icon={<IconCheck />}>
              {notice}
            </Alert>
          )}
        </div>
        {failure && <ErrorAlert error={failure} />}
        {error && <ErrorAlert error={error} />}
        {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {data && data.length === 0 && <Text c="dimmed">{t('backups.empty')}</Text>}
        {data && data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('backups.tableLabel')} verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backups.when')}</Table.Th>
                  <Table.Th>{t('backups.kind')}</Table.Th>
                  <Table.Th ta="end">{t('backups.size')}</Table.Th>
                  <Table.Th ta="end">{t('backups.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((backup) => (
                  <Table.Tr key={backup.name}>
                    <Table.Td>
                      <Text size="sm" component="time" dateTime={backup.at} fw={500}>
                        {when(backup.at)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={kindColors[backup.kind] ?? 'gray'} radius="sm" tt="none" fw={500}>
                        {kindLabel(t, backup.kind)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="end">
                      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {formatBytes(locale, backup.bytes)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="end">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconRestore size={14} />}
                        aria-label={t('backups.restoreLabel', { at: when(backup.at), kind: kindLabel(t, backup.kind) })}
                        onClick={() => setRestoring(backup)}
                      >
                        {t('backups.restoreOpen')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {restoring && <RestoreDialog backup={restoring} onClose={(contents) => restored(restoring, contents)} />}
    </Section>
  );
}
