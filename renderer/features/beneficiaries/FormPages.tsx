import { Alert, Anchor, Button, Group, Loader, Text, useDirection } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconArrowBack } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { useDraft } from '../../stores/drafts';
import { BeneficiaryForm, blankValues, type FormValues, valuesOf } from './BeneficiaryForm';
import { fullName } from './person';

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
  // An unfinished registration, kept for this user while they look at a probable duplicate's record,
  // or while a colleague uses the computer ("Switch user"); only they get it back.
  const { draft, save: saveDraft, discard: discardDraft } = useDraft<FormValues>('beneficiaries.register');
  const [restored, setRestored] = useState(draft !== undefined);
  const [generation, setGeneration] = useState(0);
  const [initial, setInitial] = useState(() => draft ?? blankValues());
  // Cancel means "throw it away": the form must not keep it as a draft as it closes.
  const cancelled = useRef(false);
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
                discardDraft();
                setInitial(blankValues());
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
        // Left unchanged, a restored draft is still the draft: only saving, cancelling or starting over drop it.
        onLeave={(values) => {
          if (cancelled.current) discardDraft();
          else if (values) saveDraft(values);
        }}
        onSaved={(created) => {
          discardDraft();
          navigate(`/beneficiaries/${created.id}`, { replace: true });
        }}
        onCancel={() => {
          cancelled.current = true;
          discardDraft();
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
