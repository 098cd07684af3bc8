import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type Beneficiary,
  type BeneficiaryInput,
  type BeneficiaryStatus,
  beneficiaryStatuses,
  type DuplicateCandidate,
  duplicatesInput,
  registerInput,
  type Sex,
  sexes,
  updateInput,
} from '../../../common/beneficiaries';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconAlert } from '../../components/icons';
import { Section } from '../../components/Section';
import { translateMessage } from '../../i18n';
import { useClinics, useCurrentClinic } from '../clinics/useClinics';
import { CandidateList } from './Candidates';

/** The form as typed: text fields are strings, the age is known exactly or estimated. */
export interface FormValues {
  clinicId: string;
  givenName: string;
  familyName: string;
  otherNames: string;
  sex: Sex | null;
  ageMode: 'date' | 'age';
  birthDate: string;
  estimatedAge: number | string;
  nationalId: string;
  phone: string;
  address: string;
  preferredLanguage: string;
  consent: boolean;
  consentDate: string;
  status: BeneficiaryStatus;
  tags: string[];
  notes: string;
}

const fieldNames = [
  'clinicId',
  'givenName',
  'familyName',
  'otherNames',
  'sex',
  'birthDate',
  'estimatedAge',
  'nationalId',
  'phone',
  'address',
  'preferredLanguage',
  'consent',
  'consentDate',
  'status',
  'tags',
  'notes',
];

export function blankValues(clinicId = ''): FormValues {
  return {
    clinicId,
    givenName: '',
    familyName: '',
    otherNames: '',
    sex: null,
    ageMode: 'date',
    birthDate: '',
    estimatedAge: '',
    nationalId: '',
    phone: '',
    address: '',
    preferredLanguage: '',
    consent: false,
    consentDate: '',
    status: 'active',
    tags: [],
    notes: '',
  };
}

export function valuesOf(b: Beneficiary, today = new Date()): FormValues {
  const estimated = b.birthDateEstimated && b.birthDate !== null;
  return {
    clinicId: b.clinicId,
    givenName: b.givenName,
    familyName: b.familyName,
    otherNames: b.otherNames ?? '',
    sex: b.sex,
    ageMode: estimated ? 'age' : 'date',
    birthDate: estimated ? '' : (b.birthDate ?? ''),
    estimatedAge: estimated ? Math.max(0, today.getUTCFullYear() - Number(b.birthDate!.slice(0, 4))) : '',
    nationalId: b.nationalId ?? '',
    phone: b.phone ?? '',
    address: b.address ?? '',
    preferredLanguage: b.preferredLanguage ?? '',
    consent: b.consent,
    consentDate: b.consentDate ?? '',
    status: b.status,
    tags: b.tags,
    notes: b.notes ?? '',
  };
}

/** What the core receives: the same fields, one of birth date or estimated age, blanks as null. */
export function fieldsOf(values: FormValues): BeneficiaryInput {
  const age = values.estimatedAge === '' ? null : Number(values.estimatedAge);
  return {
    clinicId: values.clinicId,
    givenName: values.givenName,
    familyName: values.familyName,
    otherNames: values.otherNames || null,
    // Left unset, the schema says "required" next to the field.
    sex: (values.sex ?? undefined) as Sex,
    birthDate: values.ageMode === 'date' ? values.birthDate || null : null,
    estimatedAge: values.ageMode === 'age' ? age : null,
    nationalId: values.nationalId || null,
    phone: values.phone || null,
    address: values.address || null,
    preferredLanguage: values.preferredLanguage || null,
    consent: values.consent,
    consentDate: values.consent ? values.consentDate || null : null,
    status: values.status,
    tags: values.tags,
    notes: values.notes || null,
  };
}

/**
 * What the duplicate check needs, once there is enough to compare: both
 * names, and a valid birth date, age, phone or national ID. Undefined until then.
 */
function duplicateQuery(values: FormValues, id: string | undefined) {
  const givenName = values.givenName.trim();
  const familyName = values.familyName.trim();
  if (!givenName || !familyName || !values.clinicId) return undefined;
  const base = { clinicId: values.clinicId, givenName, familyName, sex: values.sex ?? 'unknown', id };
  const age = values.estimatedAge === '' ? null : Number(values.estimatedAge);
  const birth =
    values.ageMode === 'date' ? { birthDate: values.birthDate || null, estimatedAge: null } : { birthDate: null, estimatedAge: age };
  // Each part counts only once it is valid: a half-typed phone must not hide a matching birth date.
  const birthOk = (birth.birthDate !== null || birth.estimatedAge !== null) && duplicatesInput.safeParse({ ...base, ...birth }).success;
  const phone = values.phone.trim();
  const phoneOk = phone !== '' && duplicatesInput.safeParse({ ...base, phone }).success;
  // Two records may share a national ID after a sync (registered offline on two computers): editing either shows the other.
  const nationalId = values.nationalId.trim();
  const nationalIdOk = nationalId !== '' && duplicatesInput.safeParse({ ...base, nationalId }).success;
  if (!birthOk && !phoneOk && !nationalIdOk) return undefined;
  return {
    ...base,
    birthDate: birthOk ? birth.birthDate : null,
    estimatedAge: birthOk ? birth.estimatedAge : null,
    phone: phoneOk ? phone : null,
    nationalId: nationalIdOk ? nationalId : null,
  };
}

/** Brings the first field with an error into view and puts the cursor in it. */
function focusField(path: string | undefined) {
  if (!path) return;
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path.split('.')[0]!)}"]`);
    const target = element?.matches('input, textarea, button') ? element : element?.querySelector<HTMLElement>('input, textarea, button');
    (target ?? element)?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  });
}

interface Props {
  mode: 'register' | 'edit';
  initial: FormValues;
  /** The record being edited. */
  id?: string;
  onSaved(saved: Beneficiary): void;
  onCancel(): void;
  /** Called on leaving with unsaved values (or null once saved), so a registration can be resumed. */
  onLeave?(values: FormValues | null): void;
}

/** Registration and editing: one form, validated by the core's own schema, that looks for people already registered as you type. */
export function BeneficiaryForm({ mode, initial, id, onSaved, onCancel, onLeave }: Props) {
  const { t } = useTranslation();
  const { data: clinics } = useClinics();
  const current = useCurrentClinic();
  const schema = mode === 'register' ? registerInput : updateInput;
  const resolver = zod4Resolver(schema);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => resolver({ ...fieldsOf(values), id } as Record<string, unknown>),
  });
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  /** The national ID the core refused, and whose record holds it. */
  const [taken, setTaken] = useState<{ nationalId: string; id: string; code: string } | null>(null);
  /** The core refused to register: these look like the same person. */
  const [refusal, setRefusal] = useState<{ key: string; candidates: DuplicateCandidate[] } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const saved = useRef(false);

  // A new registration works in the current clinic.
  useEffect(() => {
    if (!form.getValues().clinicId && current) {
      form.setFieldValue('clinicId', current.id);
      form.resetDirty({ ...form.getValues(), clinicId: current.id });
    }
  }, [current?.id]);

  // Leaving mid-registration keeps what was typed (say, to look at a probable duplicate).
  useEffect(() => {
    return () => onLeave?.(saved.current || !form.isDirty() ? null : form.getValues());
  }, []);

  const values = form.getValues();
  const probe = duplicateQuery(values, id);
  const probeKey = probe ? JSON.stringify(probe) : '';
  const [debouncedKey] = useDebouncedValue(probeKey, 350);
  const check = useLiveQuery(
    () => (debouncedKey ? api.beneficiaries.duplicates.query(JSON.parse(debouncedKey)) : Promise.resolve(null)),
    ['beneficiaries'],
    [debouncedKey],
  );
  // Once the details change, the refusal no longer describes them: the live check takes over.
  const activeRefusal = refusal && refusal.key === probeKey ? refusal : null;

  const save = async (formValues: FormValues, duplicateReason?: string) => {
    setFailure(null);
    const fields = fieldsOf(formValues);
    try {
      const result =
        mode === 'register'
          ? await api.beneficiaries.register.mutate({ ...fields, duplicateReason: duplicateReason ?? null })
          : await api.beneficiaries.update.mutate({ ...fields, id: id! });
      saved.current = true;
      setRefusal(null);
      onSaved(result);
    } catch (error) {
      const shape = appErrorOf(error);
      if (shape.code === 'CONFLICT' && shape.message === 'beneficiaries.errors.probableDuplicates') {
        const candidates = (shape.details?.candidates as DuplicateCandidate[] | undefined) ?? [];
        const probed = duplicateQuery(formValues, id);
        setRefusal({ key: probed ? JSON.stringify(probed) : '', candidates });
        setReason('');
        setReasonError(null);
        requestAnimationFrame(() => document.getElementById('duplicate-refusal')?.focus());
        return;
      }
      if (shape.message === 'beneficiaries.errors.nationalIdTaken' && typeof shape.details?.existingId === 'string') {
        setTaken({ nationalId: formValues.nationalId, id: shape.details.existingId, code: String(shape.details.existingCode ?? '') });
      }
      setFailure(applyCoreError(form, shape, fieldNames));
      focusField(Object.keys(shape.fieldErrors ?? {})[0]);
    }
  };

  const submit = form.onSubmit(
    (formValues) => save(formValues),
    (errors) => focusField(Object.keys(errors)[0]),
  );

  const [forcing, setForcing] = useState(false);
  const registerAnyway = async () => {
    if (!reason.trim()) {
      setReasonError(t('errors.required'));
      return;
    }
    if (form.validate().hasErrors) return;
    setForcing(true);
    try {
      await save(form.getValues(), reason.trim());
    } finally {
      setForcing(false);
    }
  };

  const nationalId = fieldProps(form, 'nationalId');
  const nationalIdError =
    nationalId.error && taken && values.nationalId === taken.nationalId ? (
      <>
        {nationalId.error}{' '}
        <Anchor component={Link} to={`/beneficiaries/${taken.id}`} size="xs" fw={600}>
          {t('beneficiaries.form.openExisting', { code: taken.code })}
        </Anchor>
      </>
    ) : (
      nationalId.error
    );
  const tagsError = Object.entries(form.errors).find(([path]) => path === 'tags' || path.startsWith('tags.'))?.[1];

  const candidatesPanel = activeRefusal ? (
    <Alert
      id="duplicate-refusal"
      tabIndex={-1}
      color="orange"
      variant="light"
      role="alert"
      icon={<IconAlert />}
      title={t('beneficiaries.duplicates.refusedTitle')}
    >
      <Stack gap="sm">
        <Text size="sm">{t('beneficiaries.duplicates.refusedBody')}</Text>
        <CandidateList candidates={activeRefusal.candidates} label={t('beneficiaries.duplicates.listLabel')} />
        <Textarea
          label={t('beneficiaries.duplicates.reason')}
          description={t('beneficiaries.duplicates.reasonHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(null);
          }}
          error={reasonError}
          maxLength={500}
          autosize
          minRows={2}
          withAsterisk
        />
        <Button color="orange" onClick={() => void registerAnyway()} loading={forcing}>
          {t('beneficiaries.duplicates.registerAnyway')}
        </Button>
      </Stack>
    </Alert>
  ) : (
    <Box
      role="region"
      aria-label={t('beneficiaries.duplicates.title')}
      p="md"
      bg={check.data?.length ? 'orange.0' : 'gray.0'}
      bd={`1px solid var(--mantine-color-${check.data?.length ? 'orange-3' : 'gray-3'})`}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Group gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {t('beneficiaries.duplicates.title')}
        </Text>
        {(check.loading || probeKey !== debouncedKey) && probeKey && (
          <Loader size={12} aria-label={t('beneficiaries.duplicates.checking')} />
        )}
      </Group>
      <Box aria-live="polite">
        {!probeKey ? (
          <Text size="sm" c="dimmed">
            {t('beneficiaries.duplicates.hint')}
          </Text>
        ) : check.error ? (
          <Text size="sm" c="red.8">
            {translateMessage(check.error.message)}
          </Text>
        ) : check.data && check.data.length > 0 ? (
          <Stack gap="xs">
            <Text size="sm" c="orange.9">
              {t('beneficiaries.duplicates.found', { count: check.data.length })}
            </Text>
            <CandidateList candidates={check.data} label={t('beneficiaries.duplicates.listLabel')} />
          </Stack>
        ) : check.data ? (
          <Text size="sm" c="dimmed">
            {t('beneficiaries.duplicates.none')}
          </Text>
        ) : null}
      </Box>
    </Box>
  );

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <form
          onSubmit={submit}
          noValidate
          aria-label={mode === 'register' ? t('beneficiaries.form.registerTitle') : t('beneficiaries.form.editTitle')}
        >
          <Stack gap="lg">
            {failure && <ErrorAlert error={failure} />}
            <Section title={t('beneficiaries.form.identity')}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput label={t('beneficiaries.fields.givenName')} withAsterisk autoFocus {...fieldProps(form, 'givenName')} />
                  <TextInput label={t('beneficiaries.fields.familyName')} withAsterisk {...fieldProps(form, 'familyName')} />
                </SimpleGrid>
                <TextInput
                  label={t('beneficiaries.fields.otherNames')}
                  description={t('beneficiaries.form.otherNamesHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  {...fieldProps(form, 'otherNames')}
                />
                <Radio.Group label={t('beneficiaries.fields.sex')} withAsterisk {...fieldProps(form, 'sex')}>
                  <Group gap="lg" mt={6}>
                    {sexes.map((sex) => (
                      <Radio key={sex} value={sex} label={t(`beneficiaries.sex.${sex}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <Stack gap={6}>
                  <Text size="sm" fw={500} id="age-mode-label">
                    {t('beneficiaries.form.ageKnown')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="age-mode-label"
                    value={values.ageMode}
                    onChange={(mode) => {
                      form.setFieldValue('ageMode', mode as FormValues['ageMode']);
                      form.clearFieldError('birthDate');
                      form.clearFieldError('estimatedAge');
                    }}
                    data={[
                      { value: 'date', label: t('beneficiaries.form.exactDate') },
                      { value: 'age', label: t('beneficiaries.form.estimatedAge') },
                    ]}
                    w="fit-content"
                  />
                  {values.ageMode === 'date' ? (
                    <TextInput
                      type="date"
                      label={t('beneficiaries.fields.birthDate')}
                      max={new Date().toISOString().slice(0, 10)}
                      maw={240}
                      {...fieldProps(form, 'birthDate')}
                    />
                  ) : (
                    <NumberInput
                      label={t('beneficiaries.fields.estimatedAge')}
                      description={t('beneficiaries.form.estimatedAgeHint')}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      min={0}
                      max={130}
                      allowDecimal={false}
                      allowNegative={false}
                      maw={240}
                      {...fieldProps(form, 'estimatedAge')}
                    />
                  )}
                </Stack>
              </Stack>
            </Section>

            <Section title={t('beneficiaries.form.contact')}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={t('beneficiaries.fields.phone')}
                    type="tel"
                    dir="ltr"
                    placeholder="+254 712 345 678"
                    {...fieldProps(form, 'phone')}
                  />
                  <TextInput label={t('beneficiaries.fields.nationalId')} {...nationalId} error={nationalIdError} />
                </SimpleGrid>
                <Textarea label={t('beneficiaries.fields.address')} autosize minRows={2} maxRows={6} {...fieldProps(form, 'address')} />
                <TextInput
                  label={t('beneficiaries.fields.preferredLanguage')}
                  placeholder={t('beneficiaries.form.preferredLanguagePlaceholder')}
                  maw={320}
                  {...fieldProps(form, 'preferredLanguage')}
                />
              </Stack>
            </Section>

            <Section title={t('beneficiaries.form.followUp')}>
              <Stack gap="sm">
                <Checkbox
                  label={t('beneficiaries.fields.consent')}
                  description={t('beneficiaries.form.consentHint')}
                  {...fieldProps(form, 'consent', { type: 'checkbox' })}
                />
                {values.consent && (
                  <TextInput
                    type="date"
                    label={t('beneficiaries.fields.consentDate')}
                    withAsterisk
                    max={new Date().toISOString().slice(0, 10)}
                    maw={240}
                    {...fieldProps(form, 'consentDate')}
                  />
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select
                    label={t('beneficiaries.fields.status')}
                    data={beneficiaryStatuses.map((value) => ({ value, label: t(`beneficiaries.status.${value}`) }))}
                    allowDeselect={false}
                    {...fieldProps(form, 'status')}
                  />
                  {clinics && clinics.length > 1 && (
                    <Select
                      label={t('beneficiaries.fields.clinicId')}
                      data={clinics.map((clinic) => ({ value: clinic.id, label: `${clinic.name} (${clinic.code})` }))}
                      allowDeselect={false}
                      {...fieldProps(form, 'clinicId')}
                    />
                  )}
                </SimpleGrid>
                <TagsInput
                  label={t('beneficiaries.fields.tags')}
                  description={t('beneficiaries.form.tagsHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  maxTags={30}
                  clearable
                  {...form.getInputProps('tags')}
                  error={typeof tagsError === 'string' ? translateMessage(tagsError) : tagsError}
                />
                <Textarea label={t('beneficiaries.fields.notes')} autosize minRows={3} maxRows={12} {...fieldProps(form, 'notes')} />
              </Stack>
            </Section>

            <Group gap="sm">
              <Button type="submit" size="md" loading={form.submitting}>
                {mode === 'register' ? t('beneficiaries.form.submitRegister') : t('beneficiaries.form.submitEdit')}
              </Button>
              <Button variant="default" size="md" onClick={onCancel}>
                {t('beneficiaries.form.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Box pos="sticky" top={80}>
          {candidatesPanel}
        </Box>
      </Grid.Col>
    </Grid>
  );
}
