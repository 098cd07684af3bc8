import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Clinic, type ClinicUpdate, clinicUpdate } from '../../../common/clinics';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconCheck } from '../../components/icons';

/** Edits one clinic's name and code; the same schema as the core, whose field errors land next to the fields. */
function ClinicEditor({ clinic }: { clinic: Clinic }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<ClinicUpdate>({
    mode: 'controlled',
    initialValues: { id: clinic.id, name: clinic.name, code: clinic.code },
    validate: zod4Resolver(clinicUpdate),
  });

  // Someone else (or sync) changed the clinic: follow it, unless the user is mid-edit.
  useEffect(() => {
    if (form.isDirty()) return;
    const values = { id: clinic.id, name: clinic.name, code: clinic.code };
    form.setInitialValues(values);
    form.setValues(values);
  }, [clinic.id, clinic.name, clinic.code]);

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    try {
      const updated = await api.clinics.update.mutate(values);
      const next = { id: updated.id, name: updated.name, code: updated.code };
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty(next);
      setSaved(true);
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), ['name', 'code']));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && <ErrorAlert error={failure} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput style={{ gridColumn: 'span 2' }} label={t('clinics.form.name')} withAsterisk {...fieldProps(form, 'name')} />
          <TextInput
            label={t('clinics.form.code')}
            description={t('clinics.form.codeHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            styles={{ input: { textTransform: 'uppercase', fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...fieldProps(form, 'code')}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            {t('clinics.form.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              form.reset();
              setFailure(null);
            }}
            disabled={!form.isDirty()}
          >
            {t('clinics.form.reset')}
          </Button>
          <Text role="status" size="sm" c="teal.8" fw={500} aria-live="polite">
            {saved && !form.isDirty() && (
              <Group component="span" gap={4}>
                <IconCheck size={16} />
                {t('clinics.form.saved')}
              </Group>
            )}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/** Picks the clinic to edit (when there is more than one) and edits it. */
export function ClinicForm({ clinics, initialId }: { clinics: Clinic[]; initialId: string | undefined }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(initialId);
  const clinic = clinics.find((c) => c.id === selected) ?? clinics.find((c) => c.id === initialId) ?? clinics[0];
  if (!clinic) return null;
  return (
    <Stack gap="md">
      {clinics.length > 1 && (
        <Select
          label={t('clinics.form.clinic')}
          data={clinics.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
          value={clinic.id}
          onChange={(value) => value && setSelected(value)}
          allowDeselect={false}
          maw={360}
        />
      )}
      <ClinicEditor key={clinic.id} clinic={clinic} />
    </Stack>
  );
}
