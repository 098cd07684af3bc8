import { Button, Divider, Fieldset, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SetupInput, setupInput } from '../../../common/account';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { useDrafts } from '../../stores/drafts';
import { useSession } from '../../stores/session';
import { ConnectForm } from '../sync/ConnectForm';
import { AuthLayout } from './AuthLayout';

const legendStyles = { legend: { fontWeight: 650, fontSize: 'var(--mantine-font-size-md)', marginBottom: 'var(--mantine-spacing-xs)' } };

const fields = ['organisation', 'clinic.name', 'clinic.code', 'name', 'email', 'password'];

/** First run: connect to the organisation's server (then the initial sync), or standalone with a local administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const deployed = useSession((state) => state.deployedServerUrl);
  const [mode, setMode] = useState<'standalone' | 'connect'>(deployed ? 'connect' : 'standalone');
  const choice = (
    <SegmentedControl
      fullWidth
      value={mode}
      onChange={(value) => setMode(value as 'standalone' | 'connect')}
      aria-label={t('sync.connect.choice')}
      data={[
        { value: 'standalone', label: t('sync.connect.standalone') },
        { value: 'connect', label: t('sync.connect.toServer') },
      ]}
    />
  );
  return mode === 'connect' ? <ConnectSetup choice={choice} serverUrl={deployed} /> : <StandaloneSetup choice={choice} />;
}

/** Connected first run: the account is checked by the server, and the initial sync's progress shows on the Sync page. */
function ConnectSetup({ choice, serverUrl }: { choice: ReactNode; serverUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('account.setup.title')} intro={t('sync.connect.intro')} width={620}>
      <Stack gap="lg">
        {choice}
        <Text size="sm" c="dimmed">
          {t('sync.connect.explain')}
        </Text>
        <ConnectForm
          fixedServerUrl={serverUrl}
          submitLabel={t('sync.connect.submit')}
          onConnect={async (values) => {
            const user = await api.sync.connectAtSetup.mutate(values);
            // Signed in, the first screen is the Sync page, where the initial sync shows its progress.
            useDrafts.getState().setReturnTo(user.id, '/sync');
            await useSession.getState().load();
          }}
        />
      </Stack>
    </AuthLayout>
  );
}

function StandaloneSetup({ choice }: { choice: ReactNode }) {
  const { t } = useTranslation();
  const setup = useSession((state) => state.setup);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<SetupInput>({
    mode: 'controlled',
    initialValues: { organisation: '', clinic: { name: '', code: '' }, name: '', email: '', password: '' },
    validate: zod4Resolver(setupInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await setup(values);
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), fields));
    }
  });

  return (
    <AuthLayout title={t('account.setup.title')} intro={t('account.setup.intro')} width={620}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {choice}
          {failure && <ErrorAlert error={failure} />}
          <Fieldset legend={t('account.setup.organisationSection')} variant="unstyled" styles={legendStyles}>
            <Stack gap="sm">
              <TextInput
                label={t('account.setup.organisation')}
                placeholder={t('account.setup.organisationPlaceholder')}
                withAsterisk
                {...fieldProps(form, 'organisation')}
              />
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <TextInput
                  style={{ gridColumn: 'span 2' }}
                  label={t('account.setup.clinicName')}
                  placeholder={t('account.setup.clinicNamePlaceholder')}
                  withAsterisk
                  {...fieldProps(form, 'clinic.name')}
                />
                <TextInput
                  label={t('account.setup.clinicCode')}
                  description={t('account.setup.clinicCodeHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  withAsterisk
                  maxLength={8}
                  styles={{ input: { textTransform: 'uppercase' } }}
                  {...fieldProps(form, 'clinic.code')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Divider />
          <Fieldset legend={t('account.setup.adminSection')} variant="unstyled" styles={legendStyles}>
            <Stack gap="sm">
              <TextInput label={t('account.setup.name')} autoComplete="name" withAsterisk {...fieldProps(form, 'name')} />
              <TextInput
                label={t('account.setup.email')}
                type="email"
                autoComplete="username"
                withAsterisk
                {...fieldProps(form, 'email')}
              />
              <PasswordInput
                label={t('account.setup.password')}
                description={t('account.setup.passwordHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                autoComplete="new-password"
                withAsterisk
                {...fieldProps(form, 'password')}
              />
            </Stack>
          </Fieldset>
          <Button type="submit" size="md" loading={form.submitting}>
            {t('account.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
