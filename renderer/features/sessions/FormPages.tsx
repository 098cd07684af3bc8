import { Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { SavedSession } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../stores/session';
import { BackLink } from '../beneficiaries/FormPages';
import { useCurrentClinic } from '../clinics/useClinics';
import { useSessionFormat } from './format';
import { attendeeOf, blankSession, valuesOfSession } from './model';
import type { SessionPageState } from './SessionPage';
import { SessionForm } from './SessionForm';
import { fromLocal } from './time';

/** After a save: the session's page, with its double bookings shown once. */
function useOpenSaved() {
  const navigate = useNavigate();
  return (saved: SavedSession) =>
    navigate(`/sessions/${saved.session.id}`, { replace: true, state: { warnings: saved.warnings } satisfies SessionPageState });
}

/** `/sessions/new` schedules; `?kind=record` records a session that happened; `?beneficiary=` puts someone on it; `?date=&time=` picks the start. */
export function NewSessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useSession((state) => state.user);
  const clinic = useCurrentClinic();
  const kind = params.get('kind') === 'record' ? 'record' : 'schedule';
  const beneficiaryId = params.get('beneficiary');
  const person = useLiveQuery(
    () => (beneficiaryId ? api.beneficiaries.get.query({ id: beneficiaryId }) : Promise.resolve(null)),
    [],
    [beneficiaryId],
  );
  const openSaved = useOpenSaved();
  const back = beneficiaryId ? `/beneficiaries/${beneficiaryId}` : '/sessions';

  if (person.error) return <ErrorAlert error={person.error} />;
  if (!clinic || !me || person.loading) return <Loader size="sm" aria-label={t('common.loading')} />;
  const at = fromLocal(params.get('date') ?? '', params.get('time') ?? '');
  const initial = blankSession(kind, {
    clinicId: clinic.id,
    staffId: me.id,
    attendees: person.data ? [attendeeOf(person.data, kind === 'record' ? 'attended' : 'expected')] : [],
    at: at ? new Date(at) : undefined,
  });
  return (
    <>
      <BackLink to={back} label={beneficiaryId ? t('beneficiaries.backToProfile') : t('sessions.backToList')} />
      <PageHeader
        title={kind === 'record' ? t('sessions.form.recordTitle') : t('sessions.form.scheduleTitle')}
        description={kind === 'record' ? t('sessions.form.recordDescription') : t('sessions.form.scheduleDescription')}
      />
      <SessionForm key={`${kind}-${beneficiaryId}`} mode={kind} initial={initial} onSaved={openSaved} onCancel={() => navigate(back)} />
    </>
  );
}

export function EditSessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useSessionFormat();
  const { id = '' } = useParams();
  // Read once: the form does not change under the user's hands while they edit.
  const { data, error } = useLiveQuery(() => api.sessions.get.query({ id }), [], [id]);
  const openSaved = useOpenSaved();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  return (
    <>
      <BackLink to={`/sessions/${id}`} label={t('sessions.backToSession')} />
      <PageHeader title={t('sessions.form.editTitle')} />
      <Text mt={-12} mb="lg" c="dimmed" size="sm" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{data.typeName}</bdi> · {format.when(data.scheduledAt, data.durationMinutes)}
      </Text>
      <SessionForm
        key={data.id}
        mode="edit"
        id={data.id}
        initial={valuesOfSession(data)}
        onSaved={openSaved}
        onCancel={() => navigate(`/sessions/${id}`)}
      />
    </>
  );
}
