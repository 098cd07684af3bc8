import { Alert, Anchor, Button, Group, Loader, Text, useDirection } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconArrowBack } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { BeneficiaryForm, blankValues, type FormValues, valuesOf } from './BeneficiaryForm';
import { fullName } from './person';

/** An unfinished registration, kept while the user looks at a probable duplicate's record. */
let draft: FormValues | null = null;

/** "← All beneficiaries": the arrow points back along the reading direction. */
export function BackLink({ to, label }: { to: string; label: string }) {
  const { dir } = useDirection();
  return (
    <Anchor component={Link} to={to} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowBack size={16} style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
      {label}
    </Anchor>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [restored, setRestored] = useState(draft !== null);
  const [generation, setGeneration] = useState(0);
  const initial = draft ?? blankValues();
  return (
    <>
      <BackLink to="/beneficiaries" label={t('beneficiaries.backToList')} />
      <PageHeader title={t('beneficiaries.form.registerTitle')} description={t('beneficiaries.form.registerDescription')} />
      {restored && (
        <Alert variant="light" color="blue" mb="md">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('beneficiaries.form.draftRestored')}</Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                draft = null;
                setRestored(false);
                setGeneration((n) => n + 1);
              }}
            >
              {t('beneficiaries.form.startOver')}
            </Button>
          </Group>
        </Alert>
      )}
      <BeneficiaryForm
        key={generation}
        mode="register"
        initial={initial}
        onLeave={(values) => {
          draft = values;
        }}
        onSaved={(created) => {
          draft = null;
          navigate(`/beneficiaries/${created.id}`, { replace: true });
        }}
        onCancel={() => {
          draft = null;
          setRestored(false);
          navigate('/beneficiaries');
        }}
      />
    </>
  );
}

export function EditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  // Read once: the form does not change under the user's hands while they edit.
  const { data, error } = useLiveQuery(() => api.beneficiaries.get.query({ id }), [], [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  const name = fullName(data);
  return (
    <>
      <BackLink to={`/beneficiaries/${id}`} label={t('beneficiaries.backToProfile')} />
      <PageHeader title={t('beneficiaries.form.editTitle')} />
      <Text mt={-12} mb="lg" c="dimmed" size="sm" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{name}</bdi> · <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{data.code}</span>
      </Text>
      <BeneficiaryForm
        key={data.id}
        mode="edit"
        id={data.id}
        initial={valuesOf(data)}
        onSaved={() => navigate(`/beneficiaries/${id}`, { replace: true })}
        onCancel={() => navigate(`/beneficiaries/${id}`)}
      />
    </>
  );
}
