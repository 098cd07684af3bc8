import { Badge, Box, Button, Grid, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import {
  type Attendance,
  type SavedSession,
  sessionInput,
  type SessionStatus,
  sessionStatuses,
  sessionUpdate,
} from '../../../common/sessions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { Section } from '../../components/Section';
import { translateMessage } from '../../i18n';
import { useSession } from '../../stores/session';
import { useClinics } from '../clinics/useClinics';
import { AttendanceGrid, type AttendeeRow } from './AttendanceGrid';
import { AttendeePicker } from './AttendeePicker';
import { useClashes } from './clashes';
import { useStaffDirectory, useSessionTypes } from './data';
import { attendeeOf, inputOfSession, type SessionFormValues, sessionFields } from './model';
import { TypeDot } from './parts';
import { fromLocal } from './time';
import { WarningList } from './Warnings';

/** Brings the first field with an error into view and puts the cursor in it. */
function focusField(path: string | undefined) {
  if (!path) return;
  const name = path.split('.')[0] === 'scheduledAt' ? 'date' : path.split('.')[0]!;
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(name)}"]`);
    const target = element?.matches('input, textarea, button') ? element : element?.querySelector<HTMLElement>('input, textarea, button');
    (target ?? element)?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  });
}

interface Props {
  /** Schedule a session, record one that happened, or edit one. */
  mode: 'schedule' | 'record' | 'edit';
  initial: SessionFormValues;
  id?: string;
  /** In a dialog for one person (from a profile): one column, no search for more people. */
  compact?: boolean;
  onSaved(saved: SavedSession): void;
  onCancel(): void;
}

/** One form for planning a session, recording one that happened, and editing either. */
export function SessionForm({ mode, initial, id, compact = false, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const me = useSession((state) => state.user);
  const { data: types } = useSessionTypes();
  const { data: staff } = useStaffDirectory();
  const { data: clinics } = useClinics();
  const resolver = zod4Resolver(mode === 'edit' ? sessionUpdate : sessionInput);
  const form = useForm<SessionFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => {
      const errors = resolver({ ...inputOfSession(values), id } as Record<string, unknown>);
      const start = fromLocal(values.date, values.time);
      if (!errors.scheduledAt && values.status === 'completed' && start && Date.parse(start) > Date.now())
        errors.scheduledAt = 'sessions.errors.completedInFuture';
      return errors;
    },
  });
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const values = form.getValues();
  const formRef = useRef(form);
  formRef.current = form;

  // A new session starts with the first active type and its usual length.
  useEffect(() => {
    if (!types || form.getValues().typeId) return;
    const first = types.find((type) => type.active && !type.isGroup) ?? types.find((type) => type.active);
    if (first) {
      form.setFieldValue('typeId', first.id);
      if (form.getValues().durationMinutes === '') form.setFieldValue('durationMinutes', first.defaultDurationMinutes);
    }
  }, [types]);

  const type = types?.find((candidate) => candidate.id === values.typeId);
  const marking = values.status === 'completed';
  const start = fromLocal(values.date, values.time);
  const clashes = useClashes(id ?? null, {
    staffId: values.staffId,
    scheduledAt: start,
    durationMinutes: values.durationMinutes,
    cancelled: values.status === 'cancelled',
    attendees: values.attendees,
  });
  const staffName = staff?.find((person) => person.id === values.staffId)?.name ?? null;

  const onRowChange = useCallback((index: number, patch: Partial<AttendeeRow>) => {
    formRef.current.setFieldValue('attendees', (rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }, []);
  const onRemove = useCallback((index: number) => {
    formRef.current.setFieldValue('attendees', (rows) => rows.filter((_, i) => i !== index));
  }, []);
  const onMarkAll = useCallback((attendance: Attendance) => {
    formRef.current.setFieldValue('attendees', (rows) => rows.map((row) => ({ ...row, attendance })));
  }, []);

  const submit = form.onSubmit(
    async (formValues) => {
      setFailure(null);
      const input = inputOfSession(formValues);
      try {
        const saved = mode === 'edit' ? await api.sessions.update.mutate({ ...input, id: id! }) : await api.sessions.create.mutate(input);
        onSaved(saved);
      } catch (error) {
        const shape = appErrorOf(error);
        setFailure(applyCoreError(form, shape, sessionFields));
        focusField(Object.keys(shape.fieldErrors ?? {})[0]);
      }
    },
    (errors) => focusField(Object.keys(errors)[0]),
  );

  const outcomeErrors: Record<number, string> = {};
  for (const [path, message] of Object.entries(form.errors)) {
    const match = /^attendees\.(\d+)\.outcome$/.exec(path);
    if (match && typeof message === 'string') outcomeErrors[Number(match[1])] = message;
  }
  const attendeesError = typeof form.errors.attendees === 'string' ? form.errors.attendees : null;
  const scheduledAtError = typeof form.errors.scheduledAt === 'string' ? translateMessage(form.errors.scheduledAt) : undefined;

  const staffOptions = (staff ?? [])
    .filter((person) => person.role === 'admin' || person.clinicIds.includes(values.clinicId) || person.id === values.staffId)
    .map((person) => ({ value: person.id, label: person.id === me?.id ? t('sessions.form.staffMe', { name: person.name }) : person.name }));
  const typeOptions = (types ?? [])
    .filter((candidate) => candidate.active || candidate.id === values.typeId)
    .map((candidate) => ({
      value: candidate.id,
      label: candidate.isGroup ? t('sessions.form.groupType', { name: candidate.name }) : candidate.name,
    }));
  const statuses: readonly SessionStatus[] = mode === 'edit' ? sessionStatuses : ['scheduled', 'completed'];

  const clashPanel = (
    <Box
      role="region"
      aria-label={t('sessions.clashes.title')}
      p="md"
      bg={clashes.warnings?.length ? 'yellow.0' : 'gray.0'}
      bd={`1px solid var(--mantine-color-${clashes.warnings?.length ? 'yellow-4' : 'gray-3'})`}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Group gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {t('sessions.clashes.title')}
        </Text>
        {clashes.checking && <Loader size={12} aria-label={t('sessions.clashes.checking')} />}
      </Group>
      <Box aria-live="polite">
        {!clashes.ready ? (
          <Text size="sm" c="dimmed">
            {values.status === 'cancelled' ? t('sessions.clashes.cancelled') : t('sessions.clashes.hint')}
          </Text>
        ) : clashes.error ? (
          <Text size="sm" c="red.8">
            {translateMessage(clashes.error.message)}
          </Text>
        ) : clashes.warnings && clashes.warnings.length > 0 ? (
          <Stack gap="xs">
            <Text size="sm" c="yellow.9" fw={500}>
              {t('sessions.clashes.found', { count: clashes.warnings.length })}
            </Text>
            <WarningList warnings={clashes.warnings} staffName={staffName} />
            <Text size="xs" c="dimmed">
              {t('sessions.clashes.notBlocking')}
            </Text>
          </Stack>
        ) : clashes.warnings ? (
          <Text size="sm" c="dimmed">
            {t('sessions.clashes.none')}
          </Text>
        ) : null}
      </Box>
    </Box>
  );

  const when = (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      <TextInput
        type="date"
        label={t('sessions.fields.date')}
        withAsterisk
        {...form.getInputProps('date')}
        error={scheduledAtError}
        data-path="date"
      />
      <TextInput
        type="time"
        label={t('sessions.fields.time')}
        withAsterisk
        step={300}
        {...form.getInputProps('time')}
        error={scheduledAtError ? true : undefined}
      />
      <NumberInput
        label={t('sessions.fields.durationMinutes')}
        withAsterisk
        min={1}
        max={1440}
        step={5}
        allowDecimal={false}
        allowNegative={false}
        {...fieldProps(form, 'durationMinutes')}
      />
    </SimpleGrid>
  );

  const details = (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('sessions.fields.type')}
          withAsterisk
          data={typeOptions}
          allowDeselect={false}
          renderOption={({ option }) => {
            const candidate = types?.find((c) => c.id === option.value);
            return (
              <Group gap={8} wrap="nowrap">
                {candidate && <TypeDot color={candidate.color} />}
                <span>{option.label}</span>
              </Group>
            );
          }}
          leftSection={type ? <TypeDot color={type.color} /> : undefined}
          {...fieldProps(form, 'typeId')}
          onChange={(value) => {
            if (!value) return;
            form.setFieldValue('typeId', value);
            const picked = types?.find((c) => c.id === value);
            if (picked) form.setFieldValue('durationMinutes', picked.defaultDurationMinutes);
          }}
        />
        <Select
          label={t('sessions.fields.staff')}
          withAsterisk
          data={staffOptions}
          allowDeselect={false}
          searchable
          {...fieldProps(form, 'staffId')}
        />
      </SimpleGrid>
      {when}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('sessions.fields.status')}
          data={statuses.map((status) => ({ value: status, label: t(`sessions.status.${status}`) }))}
          allowDeselect={false}
          {...fieldProps(form, 'status')}
        />
        {clinics && clinics.length > 1 ? (
          <Select
            label={t('sessions.fields.clinic')}
            data={clinics.map((clinic) => ({ value: clinic.id, label: `${clinic.name} (${clinic.code})` }))}
            allowDeselect={false}
            {...fieldProps(form, 'clinicId')}
          />
        ) : (
          <TextInput
            label={t('sessions.fields.location')}
            placeholder={t('sessions.form.locationPlaceholder')}
            dir="auto"
            {...fieldProps(form, 'location')}
          />
        )}
      </SimpleGrid>
      {clinics && clinics.length > 1 && (
        <TextInput
          label={t('sessions.fields.location')}
          placeholder={t('sessions.form.locationPlaceholder')}
          dir="auto"
          {...fieldProps(form, 'location')}
        />
      )}
    </Stack>
  );

  const chosen = new Set(values.attendees.map((a) => a.beneficiaryId));
  const people = (
    <Stack gap="sm">
      {!compact && (
        <AttendeePicker
          chosen={chosen}
          error={attendeesError}
          onAdd={(added) => {
            form.setFieldValue('attendees', (rows) => [
              ...rows,
              ...added
                .filter((person) => !rows.some((row) => row.beneficiaryId === person.id))
                .map((person) => attendeeOf(person, marking ? 'attended' : 'expected')),
            ]);
            form.clearFieldError('attendees');
          }}
        />
      )}
      {compact && attendeesError && (
        <Text size="sm" c="red.8">
          {translateMessage(attendeesError)}
        </Text>
      )}
      {values.attendees.length > 0 ? (
        <AttendanceGrid
          rows={values.attendees}
          label={t('sessions.form.attendeesLabel')}
          marking={marking}
          onChange={onRowChange}
          onRemove={compact ? undefined : onRemove}
          onMarkAll={values.attendees.length > 1 ? onMarkAll : undefined}
          outcomeErrors={outcomeErrors}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {type?.isGroup ? t('sessions.form.noneYetGroup') : t('sessions.form.noneYet')}
        </Text>
      )}
      {!marking && values.attendees.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('sessions.form.attendanceLater')}
        </Text>
      )}
    </Stack>
  );

  const notes = (
    <Stack gap="sm">
      <TextInput
        type="date"
        label={t('sessions.fields.followUpDate')}
        description={t('sessions.form.followUpHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        maw={260}
        {...fieldProps(form, 'followUpDate')}
      />
      <Textarea
        label={t('sessions.fields.notes')}
        dir="auto"
        autosize
        minRows={compact ? 2 : 3}
        maxRows={12}
        {...fieldProps(form, 'notes')}
      />
    </Stack>
  );

  const title =
    mode === 'edit' ? t('sessions.form.editTitle') : mode === 'record' ? t('sessions.form.recordTitle') : t('sessions.form.scheduleTitle');
  const buttons = (
    <Group gap="sm">
      <Button type="submit" size={compact ? 'sm' : 'md'} loading={form.submitting}>
        {mode === 'edit'
          ? t('sessions.form.submitEdit')
          : mode === 'record'
            ? t('sessions.form.submitRecord')
            : t('sessions.form.submitSchedule')}
      </Button>
      <Button variant="default" size={compact ? 'sm' : 'md'} onClick={onCancel}>
        {t('sessions.form.cancel')}
      </Button>
    </Group>
  );

  if (compact) {
    return (
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          {failure && <ErrorAlert error={failure} />}
          {details}
          {people}
          {notes}
          {clashes.warnings && clashes.warnings.length > 0 && clashPanel}
          {buttons}
        </Stack>
      </form>
    );
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <form onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="lg">
            {failure && <ErrorAlert error={failure} />}
            <Section title={t('sessions.form.sessionSection')}>{details}</Section>
            <Section
              title={t('sessions.form.peopleSection')}
              description={marking ? t('sessions.form.peopleMarking') : t('sessions.form.peoplePlanned')}
            >
              <Group gap="xs" mb="xs">
                {type?.isGroup && (
                  <Badge variant="light" color="grape" radius="sm" tt="none">
                    {t('sessions.groupBadge')}
                  </Badge>
                )}
                {values.attendees.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('sessions.form.peopleCount', { count: values.attendees.length })}
                  </Text>
                )}
              </Group>
              {people}
            </Section>
            <Section title={t('sessions.form.followUpSection')}>{notes}</Section>
            {buttons}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Box pos="sticky" top={80}>
          {clashPanel}
        </Box>
      </Grid.Col>
    </Grid>
  );
}
