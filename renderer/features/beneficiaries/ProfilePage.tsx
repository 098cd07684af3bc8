import { Alert, Badge, Button, DataList, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Beneficiary, BeneficiaryStatus } from '../../../common/beneficiaries';
import type { AppErrorShape } from '../../../common/errors';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconArchive, IconEdit, IconMerge, IconRestore, IconTrash } from '../../components/icons';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { useClinics } from '../clinics/useClinics';
import { SessionTimeline } from '../sessions/Timeline';
import { EraseDialog, MergeDialog } from './Dialogs';
import { BackLink } from './FormPages';
import { History } from './History';
import { ageText, fullName } from './person';
import { StatusBadge } from './StatusBadge';
import { CaseSummaryButton } from '../exports/CaseSummaryButton';

/** Long or hostile values wrap inside their box instead of pushing the layout out. */
const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

function Value({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return empty ? (
    <Text span inherit c="dimmed">
      {t('audit.emptyValue')}
    </Text>
  ) : (
    <bdi style={wrap}>{children}</bdi>
  );
}

function Details({ person }: { person: Beneficiary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: clinics } = useClinics();
  const clinic = clinics?.find((c) => c.id === person.clinicId);
  const age = ageText(t, person);
  const birth = person.birthDate
    ? person.birthDateEstimated
      ? t('beneficiaries.age.estimatedYear', { year: format.year(person.birthDate) })
      : t('beneficiaries.profile.birthWithAge', { date: format.date(person.birthDate), age })
    : null;
  const items: [string, ReactNode][] = [
    [t('beneficiaries.fields.givenName'), <Value>{person.givenName}</Value>],
    [t('beneficiaries.fields.familyName'), <Value>{person.familyName}</Value>],
    [t('beneficiaries.fields.otherNames'), <Value>{person.otherNames}</Value>],
    [t('beneficiaries.fields.sex'), <Value>{person.sex && t(`beneficiaries.sex.${person.sex}`)}</Value>],
    [t('beneficiaries.fields.birthDate'), <Value>{birth}</Value>],
    [t('beneficiaries.fields.nationalId'), <Value>{person.nationalId}</Value>],
    [
      t('beneficiaries.fields.phone'),
      person.phone ? (
        <bdi dir="ltr" style={wrap}>
          {person.phone}
        </bdi>
      ) : (
        <Value>{null}</Value>
      ),
    ],
    [t('beneficiaries.fields.address'), <Value>{person.address}</Value>],
    [t('beneficiaries.fields.preferredLanguage'), <Value>{person.preferredLanguage}</Value>],
    [
      t('beneficiaries.fields.consent'),
      person.consent ? (
        <Text span inherit c="teal.8" fw={500}>
          {person.consentDate ? t('beneficiaries.profile.consentOn', { date: format.date(person.consentDate) }) : t('audit.yes')}
        </Text>
      ) : (
        <Text span inherit c="orange.8">
          {t('beneficiaries.profile.noConsent')}
        </Text>
      ),
    ],
    [
      t('beneficiaries.fields.tags'),
      person.tags.length > 0 ? (
        <Group gap={4}>
          {person.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray" radius="sm" tt="none" fw={500} maw="100%">
              <bdi>{tag}</bdi>
            </Badge>
          ))}
        </Group>
      ) : (
        <Value>{null}</Value>
      ),
    ],
    [t('beneficiaries.fields.notes'), <Value>{person.notes}</Value>],
    [t('beneficiaries.fields.clinicId'), <Value>{clinic ? `${clinic.name} (${clinic.code})` : null}</Value>],
    [t('beneficiaries.profile.registered'), <Value>{format.dateTime(person.createdAt)}</Value>],
    [t('beneficiaries.profile.updated'), <Value>{format.dateTime(person.updatedAt)}</Value>],
  ];
  return (
    <DataList labelWidth={170} withDivider aria-label={t('beneficiaries.profile.details')}>
      {items.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ minWidth: 0 }}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

/** One person: who they are, what can be done with the record, and everything that happened to it. */
export function ProfilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const role = useSession((state) => state.user?.role ?? null);
  const { data: person, error } = useLiveQuery(() => api.beneficiaries.get.query({ id }), ['beneficiaries'], [id]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [dialog, setDialog] = useState<'merge' | 'erase' | null>(null);

  if (error?.code === 'NOT_FOUND' || (error && !person)) {
    return (
      <>
        <BackLink to="/beneficiaries" label={t('beneficiaries.backToList')} />
        {error.code === 'NOT_FOUND' ? (
          <Paper withBorder radius="md" p="xl">
            <Stack gap="xs" align="center" ta="center" py="lg">
              <Title order={1} size="h3">
                {t('beneficiaries.profile.goneTitle')}
              </Title>
              <Text c="dimmed" maw={520}>
                {t('beneficiaries.profile.goneBody')}
              </Text>
            </Stack>
          </Paper>
        ) : (
          <ErrorAlert error={error} />
        )}
      </>
    );
  }
  if (!person) return <Loader size="sm" aria-label={t('common.loading')} />;

  const name = fullName(person);
  const canWrite = can(role, 'beneficiaries.write');
  const setStatus = async (status: BeneficiaryStatus) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.beneficiaries.setStatus.mutate({ id: person.id, status });
    } catch (failed) {
      setFailure(appErrorOf(failed));
    } finally {
      setBusy(false);
    }
  };
  const archived = person.status === 'archived';

  return (
    <>
      <BackLink to="/beneficiaries" label={t('beneficiaries.backToList')} />
      <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Title order={1} size="h2" fw={650} lineClamp={3} title={name} style={{ overflowWrap: 'anywhere' }}>
            <bdi>{name}</bdi>
          </Title>
          <Group gap="sm">
            <Text ff="monospace" c="dimmed" fw={500} aria-label={t('beneficiaries.fields.code')}>
              {person.code}
            </Text>
            <StatusBadge status={person.status} size="md" />
          </Group>
        </Stack>
        <Group gap="xs" justify="flex-end" style={{ flexShrink: 0, maxWidth: '55%' }}>
          {canWrite && (
            <Button component={Link} to={`/beneficiaries/${person.id}/edit`} leftSection={<IconEdit size={16} />}>
              {t('beneficiaries.profile.edit')}
            </Button>
          )}
          {canWrite &&
            (archived ? (
              <Button variant="default" leftSection={<IconRestore size={16} />} loading={busy} onClick={() => void setStatus('active')}>
                {t('beneficiaries.profile.restore')}
              </Button>
            ) : (
              <Button variant="default" leftSection={<IconArchive size={16} />} loading={busy} onClick={() => void setStatus('archived')}>
                {t('beneficiaries.profile.archive')}
              </Button>
            ))}
          <CaseSummaryButton beneficiaryId={person.id} name={`${person.givenName} ${person.familyName}`} />
          {can(role, 'beneficiaries.merge') && (
            <Button variant="default" leftSection={<IconMerge size={16} />} onClick={() => setDialog('merge')}>
              {t('beneficiaries.profile.merge')}
            </Button>
          )}
          {can(role, 'beneficiaries.erase') && (
            <Button variant="outline" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog('erase')}>
              {t('beneficiaries.profile.erase')}
            </Button>
          )}
        </Group>
      </Group>

      <Stack gap="lg">
        {failure && <ErrorAlert error={failure} />}
        {archived && (
          <Alert color="orange" variant="light" icon={<IconArchive />} title={t('beneficiaries.profile.archivedTitle')}>
            {t('beneficiaries.profile.archivedBody')}
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Section title={t('beneficiaries.profile.details')}>
              <Details person={person} />
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Section title={t('beneficiaries.profile.sessions')}>
              <SessionTimeline person={person} />
            </Section>
          </Grid.Col>
        </Grid>
        <Section title={t('beneficiaries.history.title')} description={t('beneficiaries.history.description')}>
          <History id={person.id} />
        </Section>
      </Stack>

      {can(role, 'beneficiaries.merge') && <MergeDialog survivor={person} opened={dialog === 'merge'} onClose={() => setDialog(null)} />}
      {can(role, 'beneficiaries.erase') && (
        <EraseDialog
          person={person}
          opened={dialog === 'erase'}
          onClose={() => setDialog(null)}
          onErased={() => navigate('/beneficiaries', { replace: true })}
        />
      )}
    </>
  );
}
