import { Alert, Button, Group, List, Loader, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import { can } from '../../../common/permissions';
import {
  type SettingName,
  type Settings,
  type SettingsView,
  settingsInput,
  updateChannels,
  updatePolicies,
} from '../../../common/settings';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconAlert, IconCheck, IconLock } from '../../components/icons';
import { useSession } from '../../stores/session';

const names: SettingName[] = ['autoLockMinutes', 'updatePolicy', 'updateChannel'];

/** "Set by your organisation": a setting the deploy config fixes, shown but not editable. */
function LockedNote() {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <IconLock size={14} />
      <Text size="xs">{t('settings.installation.lockedNote')}</Text>
    </Group>
  );
}

/** What the deploy config got wrong (admins only): the field, the problem, and where the file is. */
function DeployErrors({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  if (view.deployErrors.length === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlert />} title={t('settings.deploy.errorsTitle')}>
      <Stack gap="xs">
        <Text size="sm">
          {t('settings.deploy.errorsIntro')}{' '}
          {view.deployFile && (
            <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
              <bdi>{view.deployFile}</bdi>
            </Text>
          )}
        </Text>
        <List size="sm" spacing={4}>
          {view.deployErrors.map((error, index) => (
            <List.Item key={`${error.field}-${index}`}>
              <Text span fw={600} ff="monospace" size="sm">
                <bdi>{error.field ?? t('settings.deploy.wholeFile')}</bdi>
              </Text>
              {': '}
              {t(`settings.deploy.problems.${error.problem}`)}{' '}
              <Text span c="dimmed" size="xs" lang="en">
                <bdi>{error.detail}</bdi>
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

function SettingsForm({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const canEdit = can(role, 'settings.write');
  const locked = new Set(view.locked);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Settings>({
    mode: 'controlled',
    initialValues: view.values,
    validate: zod4Resolver(settingsInput),
  });

  // Changed elsewhere (another admin, the deploy config): follow, unless the user is mid-edit.
  const key = JSON.stringify(view.values);
  useEffect(() => {
    if (form.isDirty()) return;
    form.setInitialValues(view.values);
    form.setValues(view.values);
  }, [key]);

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    // Only what changed, and never a setting the deploy config fixes.
    const changes = Object.fromEntries(
      names.filter((name) => !locked.has(name) && values[name] !== view.values[name]).map((name) => [name, values[name]]),
    );
    try {
      const next = await api.settings.update.mutate(changes);
      form.setInitialValues(next.values);
      form.setValues(next.values);
      form.resetDirty(next.values);
      setSaved(true);
      await useSession.getState().refresh();
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), names));
    }
  });

  const disabled = (name: SettingName) => !canEdit || locked.has(name);
  const values = form.getValues();

  return (
    <form onSubmit={submit} noValidate aria-label={t('settings.installation.title')}>
      <Stack gap="lg">
        {failure && <ErrorAlert error={failure} />}
        {!canEdit && (
          <Text size="sm" c="dimmed">
            {t('settings.installation.readOnly')}
          </Text>
        )}
        <Stack gap={4}>
          <NumberInput
            label={t('settings.installation.autoLock')}
            description={t('settings.installation.autoLockHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={1}
            max={240}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('settings.installation.minutes', { count: Number(values.autoLockMinutes) || 0 })}`}
            maw={520}
            styles={{ wrapper: { maxWidth: 220 } }}
            disabled={disabled('autoLockMinutes')}
            {...fieldProps(form, 'autoLockMinutes')}
          />
          {locked.has('autoLockMinutes') && <LockedNote />}
        </Stack>
        <Stack gap={4}>
          <Radio.Group label={t('settings.installation.updatePolicy')} {...fieldProps(form, 'updatePolicy')}>
            <Stack gap="xs" mt={6}>
              {updatePolicies.map((policy) => (
                <Radio
                  key={policy}
                  value={policy}
                  label={t(`settings.installation.policies.${policy}`)}
                  description={t(`settings.installation.policyHints.${policy}`)}
                  disabled={disabled('updatePolicy')}
                />
              ))}
            </Stack>
          </Radio.Group>
          {locked.has('updatePolicy') && <LockedNote />}
        </Stack>
        <Stack gap={4}>
          <Radio.Group label={t('settings.installation.updateChannel')} {...fieldProps(form, 'updateChannel')}>
            <Group gap="lg" mt={6}>
              {updateChannels.map((channel) => (
                <Radio
                  key={channel}
                  value={channel}
                  label={t(`settings.installation.channels.${channel}`)}
                  disabled={disabled('updateChannel')}
                />
              ))}
            </Group>
          </Radio.Group>
          {locked.has('updateChannel') && <LockedNote />}
        </Stack>
        {canEdit && (
          <Group gap="sm">
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('settings.installation.save')}
            </Button>
            <Text role="status" size="sm" c="teal.8" fw={500} aria-live="polite">
              {saved && !form.isDirty() && (
                <Group component="span" gap={4}>
                  <IconCheck size={16} />
                  {t('settings.installation.saved')}
                </Group>
              )}
            </Text>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Installation-wide settings: auto-lock and updates. Admins change them unless the deploy config fixes them. */
export function InstallationSettings() {
  const { t } = useTranslation();
  // Settings changes are audited: the audit topic covers a core that does not name `settings` itself.
  const { data, error } = useLiveQuery(() => api.settings.get.query(), ['settings', 'audit_log']);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  return (
    <Stack gap="md">
      <DeployErrors view={data} />
      {data.locked.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('settings.installation.lockedIntro')}
        </Text>
      )}
      <SettingsForm view={data} />
    </Stack>
  );
}
