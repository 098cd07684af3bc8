import { Alert, Button, DataList, FileInput, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import type { UpdateFileInfo } from '../../../common/updates';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert, IconCheck, IconImport } from '../../components/icons';
import { Section } from '../../components/Section';
import { localeFor, useFormat } from '../../i18n/format';
import { formatBytes } from '../backups/format';
import { uploadPackage } from './upload';

/** The version, the update policy in force, and "Update from file" for machines that never see the update server. */
export function UpdatesPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = localeFor(i18n.language);
  const { data: status, error } = useLiveQuery(() => api.updates.status.query(), ['settings']);
  const [file, setFile] = useState<File | null>(null);
  const [checking, setChecking] = useState(false);
  const [installing, setInstalling] = useState(false);
  const [verified, setVerified] = useState<UpdateFileInfo | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [installed, setInstalled] = useState(false);
  const [askingServer, setAskingServer] = useState(false);

  // The desktop app answers in a dialog of its own with what the server has.
  const checkServer = async () => {
    setAskingServer(true);
    setFailure(null);
    try {
      await api.updates.checkNow.mutate();
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setAskingServer(false);
    }
  };

  const check = async () => {
    setChecking(true);
    setFailure(null);
    setVerified(null);
    try {
      if (status?.packageSource === 'dialog') setVerified(await api.updates.pickFile.mutate());
      else if (file) setVerified(await api.updates.verifyUpload.mutate({ id: await uploadPackage(file) }));
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setChecking(false);
    }
  };

  const install = async (version: string) => {
    setInstalling(true);
    setFailure(null);
    try {
      await api.updates.installFile.mutate({ version });
      setInstalled(true);
    } catch (caught) {
      setFailure(appErrorOf(caught));
    } finally {
      setInstalling(false);
    }
  };

  return (
    <Stack gap="lg">
      <Section title={t('updates.title')} description={t('updates.description')}>
        {error && <ErrorAlert error={error} />}
        {!status && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {status && (
          <DataList aria-label={t('updates.title')} withDivider labelWidth={220}>
            <DataList.Item>
              <DataList.ItemLabel>{t('updates.version')}</DataList.ItemLabel>
              <DataList.ItemValue dir="ltr">{status.appVersion ?? t('updates.unknown')}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('settings.installation.updatePolicy')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {t(`settings.installation.policies.${status.policy}`)}
                <Text size="xs" c="dimmed">
                  {t(`settings.installation.policyHints.${status.policy}`)}
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('settings.installation.updateChannel')}</DataList.ItemLabel>
              <DataList.ItemValue>{t(`settings.installation.channels.${status.channel}`)}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('updates.running')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {status.running.length === 0
                  ? t('updates.nothingRunning')
                  : status.running.map((job) => t(`updates.jobs.${job.kind}`)).join(', ')}
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        )}
        {status?.canCheckOnline && (
          <Button mt="md" variant="default" onClick={() => void checkServer()} loading={askingServer} disabled={status.policy === 'off'}>
            {t('updates.checkNow')}
          </Button>
        )}
      </Section>

      {status && (
        <Section title={t('updates.fromFile.title')} description={t('updates.fromFile.description')}>
          <Stack gap="md" maw={640}>
            {status.packageSource === null && <Text size="sm">{t('updates.fromFile.unavailable')}</Text>}
            {status.packageSource === 'upload' && (
              <FileInput
                label={t('updates.fromFile.file')}
                description={t('updates.fromFile.fileHint')}
                accept=".zip,application/zip"
                value={file}
                onChange={(chosen) => {
                  setFile(chosen);
                  setVerified(null);
                  setFailure(null);
                }}
              />
            )}
            {status.packageSource !== null && (
              <Group>
                <Button
                  leftSection={<IconImport size={18} />}
                  onClick={() => void check()}
                  loading={checking}
                  disabled={status.packageSource === 'upload' && !file}
                >
                  {status.packageSource === 'dialog' ? t('updates.fromFile.choose') : t('updates.fromFile.check')}
                </Button>
              </Group>
            )}
            <div role="status" aria-live="polite">
              {verified && (
                <Alert
                  color="teal"
                  variant="light"
                  icon={<IconCheck />}
                  title={t('updates.fromFile.verified', { version: verified.version })}
                >
                  <Stack gap={6}>
                    {verified.releaseDate && (
                      <Text size="sm">{t('updates.fromFile.released', { at: format.dateTime(verified.releaseDate) })}</Text>
                    )}
                    <List size="sm" spacing={2}>
                      {verified.files.map((f) => (
                        <List.Item key={f.name}>
                          <bdi>{f.name}</bdi> ({formatBytes(locale, f.bytes)})
                        </List.Item>
                      ))}
                    </List>
                    {!verified.newer && <Text size="sm">{t('updates.fromFile.notNewer')}</Text>}
                  </Stack>
                </Alert>
              )}
              {installed && <Text size="sm">{t('updates.fromFile.installing')}</Text>}
            </div>
            {verified?.newer && !status.canInstallFromFile && (
              <Alert color="gray" variant="light" icon={<IconAlert />}>
                {t('updates.fromFile.cannotInstallHere')}
              </Alert>
            )}
            {verified?.newer && status.canInstallFromFile && !installed && (
              <Group>
                <Button color="orange" onClick={() => void install(verified.version)} loading={installing}>
                  {t('updates.fromFile.install', { version: verified.version })}
                </Button>
                <Text size="xs" c="dimmed" maw={420}>
                  {t('updates.fromFile.installNote')}
                </Text>
              </Group>
            )}
            {failure && <ErrorAlert title={t('updates.fromFile.refused')} error={failure} />}
          </Stack>
        </Section>
      )}
    </Stack>
  );
}
