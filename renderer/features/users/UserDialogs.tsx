import { Alert, Button, Checkbox, Group, PasswordInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clinic } from '../../../common/clinics';
import type { AppErrorShape } from '../../../common/errors';
import { roles } from '../../../common/permissions';
import { passwordReset, type UserCreate, userCreate, type UserRecord, type UserUpdate, userUpdate } from '../../../common/users';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconAlert } from '../../components/icons';

const createFields = ['name', 'email', 'role', 'clinicIds', 'password'];
const updateFields = ['name', 'role', 'clinicIds', 'active'];

/** Role, with what it lets a person do: the choice an admin makes for a colleague. */
function RoleField({ props }: { props: ReturnType<typeof fieldProps> }) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={t('users.fields.role')} withAsterisk {...props}>
      <Stack gap="xs" mt={6}>
        {roles.map((role) => (
          <Radio key={role} value={role} label={t(`roles.${role}`)} description={t(`users.roleHints.${role}`)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function ClinicsField({ clinics, props }: { clinics: Clinic[]; props: ReturnType<typeof fieldProps> }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('users.fields.clinics')} description={t('users.form.clinicsHint')} withAsterisk {...props}>
      <Stack gap={6} mt={6}>
        {clinics.map((clinic) => (
          <Checkbox
            key={clinic.id}
            value={clinic.id}
            label={
              <>
                <bdi>{clinic.name}</bdi>{' '}
                <Text span c="dimmed" ff="monospace" size="xs">
                  {clinic.code}
                </Text>
              </>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** Puts the core's answer where it belongs; "users are managed by the server" stands out on its own. */
function failureOf(shape: AppErrorShape, apply: () => AppErrorShape | null): AppErrorShape | null {
  if (shape.message === 'users.errors.managedByServer') return shape;
  return apply();
}

export function CreateUserDialog({ clinics, onClose }: { clinics: Clinic[]; onClose(created?: UserRecord): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<UserCreate>({
    mode: 'controlled',
    initialValues: { name: '', email: '', role: 'staff', clinicIds: clinics.length === 1 ? [clinics[0]!.id] : [], password: '' },
    validate: zod4Resolver(userCreate),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      onClose(await api.users.create.mutate(values));
    } catch (error) {
      const shape = appErrorOf(error);
      setFailure(failureOf(shape, () => applyCoreError(form, shape, createFields)));
    }
  });
  return (
    <Dialog opened onClose={() => onClose()} title={t('users.create.title')} size="lg">
      <form onSubmit={submit} noValidate aria-label={t('users.create.title')}>
        <Stack gap="md">
          {failure && <ErrorAlert error={failure} />}
          <TextInput label={t('users.fields.name')} withAsterisk data-autofocus {...fieldProps(form, 'name')} />
          <TextInput label={t('users.fields.email')} type="email" withAsterisk autoComplete="off" {...fieldProps(form, 'email')} />
          <RoleField props={fieldProps(form, 'role')} />
          <ClinicsField clinics={clinics} props={fieldProps(form, 'clinicIds')} />
          <PasswordInput
            label={t('users.fields.password')}
            description={t('users.create.passwordHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            autoComplete="new-password"
            {...fieldProps(form, 'password')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onClose()}>
              {t('users.form.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('users.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

export function EditUserDialog({
  user,
  clinics,
  self,
  onClose,
}: {
  user: UserRecord;
  clinics: Clinic[];
  /** The admin is editing their own account. */
  self: boolean;
  onClose(saved?: UserRecord): void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm<UserUpdate>({
    mode: 'controlled',
    initialValues: { id: user.id, name: user.name, role: user.role, clinicIds: user.clinicIds, active: user.active },
    validate: zod4Resolver(userUpdate),
  });
  const values = form.getValues();
  const submit = form.onSubmit(async (next) => {
    setFailure(null);
    try {
      onClose(await api.users.update.mutate(next));
    } catch (error) {
      const shape = appErrorOf(error);
      setFailure(failureOf(shape, () => applyCoreError(form, shape, updateFields)));
    }
  });
  return (
    <Dialog opened onClose={() => onClose()} title={t('users.edit.title', { name: user.name })} size="lg">
      <form onSubmit={submit} noValidate aria-label={t('users.edit.formLabel')}>
        <Stack gap="md">
          {failure && <ErrorAlert error={failure} />}
          <TextInput label={t('users.fields.name')} withAsterisk data-autofocus {...fieldProps(form, 'name')} />
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('users.fields.email')}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              <bdi>{user.email}</bdi>
            </Text>
          </Stack>
          <RoleField props={fieldProps(form, 'role')} />
          <ClinicsField clinics={clinics} props={fieldProps(form, 'clinicIds')} />
          <Switch
            label={t('users.fields.active')}
            description={t('users.edit.activeHint')}
            {...fieldProps(form, 'active', { type: 'checkbox' })}
          />
          {self && (values.role !== 'admin' || !values.active) && (
            <Alert color="orange" variant="light" icon={<IconAlert />}>
              {t('users.edit.selfWarning')}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onClose()}>
              {t('users.form.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('users.edit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserRecord; onClose(saved?: UserRecord): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { id: user.id, password: '' },
    validate: zod4Resolver(passwordReset),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      onClose(await api.users.resetPassword.mutate(values));
    } catch (error) {
      const shape = appErrorOf(error);
      setFailure(failureOf(shape, () => applyCoreError(form, shape, ['password'])));
    }
  });
  return (
    <Dialog opened onClose={() => onClose()} title={t('users.reset.title', { name: user.name })}>
      <form onSubmit={submit} noValidate aria-label={t('users.reset.formLabel')}>
        <Stack gap="md">
          <Text size="sm">{t('users.reset.intro', { name: user.name })}</Text>
          {user.lockedOut && (
            <Alert color="orange" variant="light" icon={<IconAlert />}>
              {t('users.reset.unlocks')}
            </Alert>
          )}
          {failure && <ErrorAlert error={failure} />}
          <PasswordInput
            label={t('users.reset.password')}
            description={t('users.create.passwordHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            autoComplete="new-password"
            data-autofocus
            {...fieldProps(form, 'password')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onClose()}>
              {t('users.form.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('users.reset.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
